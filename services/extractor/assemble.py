"""A happening's candidates merged into one EventMention (``builder.build_mention``): actors, place, date, counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from schemas.records import Actor, Article, EventMention, Quantity
from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.builder import build_mention
from services.extractor.candidates import ROLE_CATEGORIES, Candidate
from services.extractor.cast import Cast
from services.extractor.dating import event_date
from services.extractor.focus import sharpen
from services.extractor.happenings import Happening, main_actors
from services.extractor.normalize import name_key
from services.extractor.places import RANK, PlaceHit
from services.extractor.quantities import OUTCOMES, UNSPECIFIED, Count, find_counts, find_figures

AUTHORITY_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
TARGETLESS_TYPES = frozenset({"MOBILIZE"})  # a deployment has a target only when a clause names one
TARGETLESS_BLOCKS = frozenset({"RETREAT"})  # nor has a withdrawal (the dictionary's RETREAT verbs), unlike a surrender
DIPLOMATIC_CODES = ("16",)  # reduce relations, expel diplomats: decided at the government's seat
HOME_CODES = ("01", "02", "03", "05", "10", "11", "12", "13", "16", "174")  # statements, appeals, intents,
# diplomatic cooperation, demands, accusations, rejections, threats, cutting relations, expelling people: a state
# does these at home, whatever town the report is filed from or the dispute is about
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})  # done with a partner, where the two meet: not at home


def merge_counts(counts: list[Count]) -> list[Quantity]:
    """One Quantity per category: exact figures set the range, vague ones only when no figure was given; figures
    stated without a counted noun join the first (principal) category, or are dropped when there is none."""
    by_what: dict[str, list[Count]] = {}
    for count in counts:
        if count.what != UNSPECIFIED:
            by_what.setdefault(count.what, []).append(count)
    principal = next(iter(by_what), None)
    if principal is not None:
        by_what[principal] += [c for c in counts if c.what == UNSPECIFIED]
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


def same_happening(member: Candidate, dyad: tuple[str | None, str | None], day: dt.date | None) -> bool:
    """Whether a member clause's counts belong to the happening: not when the clause dates itself to another day
    ("In June 2024, 78 supporters were arrested") or swaps the happening's source and target (the army "killed 27
    militants" after the militants' attack: the reprisal's toll, not the attack's)."""
    if member.date_own and member.date is not None and day is not None and member.date.date != day:
        return False
    source, target = dyad
    return not (source is not None and target is not None and member.source is not None
                and member.target is not None and (member.target.name, member.source.name) == (source, target))


def happening_counts(chosen: list[Candidate], happening: Happening, figures: list[Count] | None = None,
                     day: dt.date | None = None, dyad: tuple[str | None, str | None] = (None, None)) -> list[Count]:
    """Counts of the chosen clauses, then of the happening's other clauses ('attacked ..., killing six'), unless
    a clause reports another day or the reverse dyad (``same_happening``), then
    outcome counts (killed, injured, arrested, displaced), counts of the type's participants (a protest's marchers)
    and figures without a counted noun ("put the death toll at seven") anywhere in the evidence sentences; then the
    article's early figures without a counted noun ("local sources gave a toll of nine dead"), which only widen a
    category the happening already counts, or the participants' when it counts none ("estimated the crowd at 4,000")."""
    sentences = {c.clause.sentence for c in chosen if same_happening(c, dyad, day)}
    kind = chosen[0].event_type if chosen else None
    role = next((r for side in ("source", "target") if kind is not None
                 and (r := ROLE_CATEGORIES.get((kind.plover, kind.mode, side))) is not None), None)
    seen: set[int] = set()
    found = []
    for count in [
        *(c for m in chosen if same_happening(m, dyad, day) for c in m.counts),
        *(c for m in happening.members if same_happening(m, dyad, day) for c in m.counts),
        *(c for s in sentences for c in find_counts(s.text, s.start) if c.what in OUTCOMES or c.what == role),
        *(c for s in sentences for c in find_figures(s.text, s.start)),
    ]:
        if count.start not in seen:
            seen.add(count.start)
            found.append(count)
    counted = {c.what for c in found if c.what != UNSPECIFIED}
    principal = next((c.what for c in found if c.what != UNSPECIFIED), role)
    for count in figures or []:
        if count.start not in seen and (count.what in counted or (count.what == UNSPECIFIED and principal)):
            seen.add(count.start)
            found.append(count)
    if not counted and role is not None:
        return [replace(c, what=role) for c in found]
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


def home_country(cast: Cast, resolver: ActorResolver) -> str | None:
    """ISO code of the country the article is about."""
    info = resolver.lexicon.countries.get(cast.context or "")
    return info.iso2 if info else None


def event_hit(
    chosen: list[Candidate], happening: Happening, lead: Candidate, named: PlaceHit | None, home: str | None
) -> PlaceHit | None:
    """The place of the event's clauses, else of the happening's clauses of its type; a clause of another type
    ("plan and launch attacks ... in Kabul" beside an accusation) only when the article names no town in its own
    country."""
    alike = [m for m in happening.members if m.event_type.plover == lead.event_type.plover]
    hit = best_hit(chosen) or best_hit(alike)
    if hit is None and not (named is not None and named.place.country == home):
        hit = best_hit(happening.members)
    return hit


def home_seat(
    source: ResolvedActor | None, hit: PlaceHit | None, seat: Callable[[str], PlaceHit | None], anywhere: bool = False
) -> PlaceHit | None:
    """Where a state (or its government) acting from home is, when the article's own place for the happening is
    a town of another country ("COTONOU — Benin said ... after Niger's junta threatened ...": the threat was made
    in Niger, not in the dateline's or the dispute's town): the town of the state's country the article names
    for it (``seat``), None when there is no such town or nothing to correct. With ``anywhere`` (a diplomatic
    step, which a government takes at its seat) a town of the state's own country is corrected too: the border town
    of the dispute is not where the envoy was expelled."""
    if source is None or source.country is None or not (source.state or source.sector == "GOV"):
        return None
    home = seat(source.country)
    if home is None or (hit is not None and (hit.place == home.place if anywhere
                                             else hit.place.country == home.place.country)):
        return None
    return home


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
