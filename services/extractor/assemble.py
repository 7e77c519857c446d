"""A happening's candidates merged into one EventMention: actors, place, date, counts, evidence."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace

from schemas.records import Actor, Article, EventMention, Location, Quantity
from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.candidates import Candidate
from services.extractor.cast import Cast
from services.extractor.focus import sharpen
from services.extractor.happenings import Happening, main_actors
from services.extractor.normalize import name_key
from services.extractor.places import RANK, PlaceHit
from services.extractor.quantities import OUTCOMES, Count, find_counts

MENTION_NAMESPACE = uuid.UUID("5b0f7c1e-3d2a-5e47-9a61-6e6577736677")


def mention_id(article_id: str, index: int) -> str:
    """Stable id of an article's n-th event mention (uuid5)."""
    return str(uuid.uuid5(MENTION_NAMESPACE, f"{article_id}:{index}"))


def merge_counts(counts: list[Count]) -> list[Quantity]:
    """One Quantity per category: exact figures set the range, vague ones only when no figure was given."""
    by_what: dict[str, list[Count]] = {}
    for count in counts:
        by_what.setdefault(count.what, []).append(count)
    quantities = []
    for what, items in by_what.items():
        exact = [c for c in items if c.reported]
        ranged = exact or items
        reported = list(dict.fromkeys(r for c in exact for r in c.reported))
        quantities.append(
            Quantity(
                what=what,
                min=min(c.low for c in ranged),
                max=max(c.high for c in ranged),
                reported=reported,
                text=list(dict.fromkeys(c.text for c in items)),
            )
        )
    return quantities


def happening_counts(chosen: list[Candidate], happening: Happening) -> list[Count]:
    """Counts of the chosen clauses, then of the happening's other clauses ('attacked ..., killing six'), then
    outcome counts (killed, injured, arrested, displaced) anywhere in the evidence sentences."""
    sentences = {c.clause.sentence for c in chosen}
    seen: set[int] = set()
    found = []
    for count in [
        *(c for m in chosen for c in m.counts),
        *(c for m in happening.members for c in m.counts),
        *(c for s in sentences for c in find_counts(s.text, s.start) if c.what in OUTCOMES),
    ]:
        if count.start not in seen:
            seen.add(count.start)
            found.append(count)
    return found


def best_hit(candidates: list[Candidate]) -> PlaceHit | None:
    """The most specific place among the evidence, heavier sentences first."""
    hits = [(c.place, c.weight) for c in candidates if c.place is not None]
    if not hits:
        return None
    place, _ = min(hits, key=lambda h: (RANK[h[0].place.precision], -h[1]))
    for other, _ in hits:
        same_area = other.place.precision == "admin1" and other.place.country == place.place.country
        if same_area and place.place.precision == "place" and name_key(other.place.name) == name_key(place.place.name):
            return other
    return place


def to_actor(actor: ResolvedActor, role: str, forms: list[str]) -> Actor:
    """A resolved actor as the schema's Actor."""
    return Actor(
        role=role,
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        code=actor.code,
        surface_forms=forms,
        resolved=actor.resolved,
    )


def assemble(
    article: Article,
    index: int,
    happening: Happening,
    cast: Cast,
    resolver: ActorResolver,
    extracted_at: dt.datetime,
    military: bool = False,
    focus: PlaceHit | None = None,
    named: PlaceHit | None = None,
) -> EventMention:
    """Build the mention for one happening (its place: the clauses', sharpened by the focus town, else the town
    the article names first after a locative or in its dateline). An implicit target is filled from the article:
    a protest's is the government of its country, a military event's is the most mentioned armed counterpart."""
    chosen = happening.chosen()
    lead = max(chosen, key=lambda c: (c.weight, -c.clause.sentence.start))
    hit = sharpen(best_hit(chosen) or best_hit(happening.members), focus) or named
    country_iso = hit.place.country if hit else None
    context = resolver.cameo_country(country_iso) or cast.context
    source_name, target_name = main_actors(chosen, happening)
    inferred_target = False
    if target_name is None and source_name is not None:
        if lead.event_type.plover == "PROTEST":
            other = cast.government(country_iso)
        elif military:
            other = cast.counterpart(source_name)
        else:
            other = None
        target_name, inferred_target = (other.name if other else None), other is not None
    actors = [
        a
        for a in (
            actor_for(source_name, "source", chosen, cast, resolver, context),
            actor_for(target_name, "target", chosen, cast, resolver, context),
        )
        if a is not None
    ]
    date, precision, date_source = event_date(chosen, happening, article)
    confidence = 0.45 + 0.2 * (lead.weight >= 2.0) + 0.1 * bool(lead.match.pattern_words) + 0.05 * len(actors)
    confidence += 0.1 * (hit is not None) - 0.15 * inferred_target
    sentences = list(dict.fromkeys(c.clause.sentence.text for c in sorted(chosen, key=lambda c: -c.weight)))[:3]
    return EventMention(
        mention_id=mention_id(article.article_id, index),
        article_id=article.article_id,
        url=article.canonical_url,
        source=article.source,
        title=article.title,
        published_at=article.published_at,
        event_type=lead.event_type,
        actors=actors,
        location=location(hit),
        event_date=date,
        date_precision=precision,
        date_source=date_source,
        quantities=merge_counts(happening_counts(chosen, happening)),
        sentence=" ".join(sentences),
        confidence=round(max(0.0, min(1.0, confidence)), 2),
        blocking_key=f"{country_iso or 'XX'}:{lead.event_type.plover}",
        extracted_at=extracted_at,
    )


def actor_for(
    name: str | None, role: str, chosen: list[Candidate], cast: Cast, resolver: ActorResolver, context: str | None
) -> Actor | None:
    """The named actor with every surface form the article uses for it; generic ones take the event's country."""
    if name is None:
        return None
    actor = next((a for c in chosen for a in (c.source, c.target) if a is not None and a.name == name), None)
    actor = actor or cast.actors.get(name)
    if actor is None:
        return None
    if actor.generic and not actor.resolved and context and actor.sector and actor.country is None:
        actor = resolver.collective(context, actor.sector)
    forms = list(cast.surfaces.get(actor.name, []))
    for candidate in chosen:
        for side, texts in ((candidate.source, candidate.source_forms), (candidate.target, candidate.target_forms)):
            if side is not None and side.name == name:
                forms += [t for t in texts if t not in forms]
    return to_actor(replace(actor), role, forms)


def event_date(
    chosen: list[Candidate], happening: Happening, article: Article
) -> tuple[dt.date | None, str | None, str | None]:
    """The date attached to the event's clauses (heaviest first), then to the happening's, else publication."""
    for pool in (chosen, happening.members):
        dated = [c for c in pool if c.date is not None]
        if dated:
            best = max(dated, key=lambda c: c.weight)
            assert best.date is not None
            return best.date.date, best.date.precision, "text"
    if article.published_at is not None:
        return article.published_at.date(), "day", "publication"
    return None, None, None


def location(hit: PlaceHit | None) -> Location | None:
    """A place hit as the schema's Location."""
    if hit is None:
        return None
    place = hit.place
    return Location(
        name=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision,
        geonameid=place.geonameid,
        surface_forms=hit.surface,
    )
