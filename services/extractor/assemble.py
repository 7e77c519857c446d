"""A happening's candidates merged into one EventMention (``builder.build_mention``): actors, place, date, counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from schemas.records import Actor, Article, EventMention
from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.builder import build_mention
from services.extractor.candidates import Candidate
from services.extractor.cast import Cast
from services.extractor.counting import happening_counts, merge_counts
from services.extractor.dating import event_date
from services.extractor.focus import sharpen
from services.extractor.happenings import Happening, main_actors
from services.extractor.places import PlaceHit
from services.extractor.placing import DIPLOMATIC_CODES, HOME_CODES, JOINT_TYPES, event_hit, home_country, home_seat
from services.extractor.quantities import Count
from services.extractor.words import codes

AUTHORITY_SECTORS = codes("authority_sectors")
TARGETLESS_TYPES = codes("targetless_types")
TARGETLESS_BLOCKS = codes("targetless_blocks")


def find(candidates: list[Candidate], name: str) -> ResolvedActor | None:
    """The resolved actor of that name among some candidates."""
    return next((a for c in candidates for a in (c.source, c.target) if a is not None and a.name == name), None)


def protesters(actor: ResolvedActor | None, context: str | None, resolver: ActorResolver) -> ResolvedActor | None:
    """The crowd a protest's source stands for when the clauses name only a country or its people ("young
    Kenyans", "300,000 people"): the country's protesters, Phoenix ~OPP (None when the source is more specific)."""
    if actor is None or context is None or not (actor.state or (actor.generic and actor.sector == "PPL")):
        return None
    return resolver.collective(context, "OPP")


def authority(actor: ResolvedActor | None) -> bool:
    """Whether an actor can be what a protest is aimed at: a state, an organ of one, or a named body."""
    return actor is not None and (actor.state or not actor.generic or actor.sector in AUTHORITY_SECTORS)


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
    figures: list[Count] | None = None,
    seat: Callable[[str], PlaceHit | None] | None = None,
    infer_target: bool = True,
) -> EventMention:
    """Build the mention for one happening (its place: the clauses', sharpened by the focus town or, for a country
    or province, by the town the article names first after a locative or in its dateline, which is also the place
    when the clauses name none). An implicit target is filled from the article:
    a protest's is the government of its country, a military event's is the most mentioned armed counterpart.
    A state's statement, threat or diplomatic step whose clauses name no place is placed at its seat (``seat``:
    ISO country code → the town of that country the article uses for it, see ``home_seat``). Without
    ``infer_target`` (a secondary happening, read from one clause) no target is filled from the article."""
    chosen = happening.chosen()
    lead = max(chosen, key=lambda c: (c.weight, -c.clause.sentence.start))
    targetless = lead.event_type.plover in TARGETLESS_TYPES or lead.match.block in TARGETLESS_BLOCKS
    source_name, target_name = main_actors(chosen, happening, fill=not targetless)
    own = event_hit(chosen, happening, lead, named, home_country(cast, resolver))
    hit = sharpen(sharpen(own, focus), named) or named
    if (own is None and seat is not None and lead.match.code.startswith(HOME_CODES)
            and lead.event_type.plover not in JOINT_TYPES):
        hit = home_seat(cast.actors.get(source_name or "") or find(chosen, source_name or ""), hit, seat,
                        lead.match.code.startswith(DIPLOMATIC_CODES)) or hit
    country_iso = hit.place.country if hit else None
    context = resolver.cameo_country(country_iso) or cast.context
    protest = lead.event_type.plover == "PROTEST"
    crowd = protesters(cast.actors.get(source_name or "") or find(chosen, source_name or ""), context, resolver)
    source_name = crowd.name if protest and crowd is not None else source_name
    if protest and target_name is not None and not authority(cast.actors.get(target_name) or find(chosen, target_name)):
        target_name = None  # "led by university students": a protest is aimed at an authority, not at a crowd
    inferred_target, other = False, None
    if target_name is None and source_name is not None and not targetless and infer_target:
        if protest:
            other = cast.government(country_iso) or (resolver.collective(context, "GOV") if context else None)
        elif military:
            other = cast.counterpart(source_name)
        else:
            other = None
        target_name, inferred_target = (other.name if other else None), other is not None
    actors = [
        a
        for a in (
            actor_for(source_name, "source", chosen, cast, resolver, context, crowd),
            actor_for(target_name, "target", chosen, cast, resolver, context, other),
        )
        if a is not None
    ]
    date, precision, date_source = event_date(chosen, happening, article)
    confidence = 0.45 + 0.2 * (lead.weight >= 2.0) + 0.1 * bool(lead.match.pattern_words) + 0.05 * len(actors)
    confidence += 0.1 * (hit is not None) - 0.15 * inferred_target
    sentences = list(dict.fromkeys(c.clause.sentence.text for c in sorted(chosen, key=lambda c: -c.weight)))[:3]
    return build_mention(
        article, index, lead.event_type, actors, hit, (date, precision, date_source),
        merge_counts(happening_counts(chosen, happening, figures or [], date, (source_name, target_name))),
        " ".join(sentences), round(max(0.0, min(1.0, confidence)), 2), extracted_at,
    )


def actor_for(
    name: str | None,
    role: str,
    chosen: list[Candidate],
    cast: Cast,
    resolver: ActorResolver,
    context: str | None,
    inferred: ResolvedActor | None = None,
) -> Actor | None:
    """The named actor with every surface form the article uses for it; generic ones take the event's country
    (``inferred``: the implicit target, e.g. a government the article never names)."""
    if name is None:
        return None
    actor = next((a for c in chosen for a in (c.source, c.target) if a is not None and a.name == name), None)
    actor = actor or cast.actors.get(name) or (inferred if inferred is not None and inferred.name == name else None)
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
