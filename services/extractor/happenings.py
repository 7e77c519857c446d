"""From candidates to an article's principal happening(s).

Candidates that share their actors (in either direction) are one happening; a
candidate with one known actor joins the best happening that has it. Happenings
are ranked by where they are reported (headline 3, lead 2, early paragraphs 1.2,
rest 1; background dated last year or earlier counts less), so the one the headline
and lead report comes first. Within a happening the event type is the most specific
code reported for it (a pattern-qualified code such as 0874 over a verb's default,
then longer codes, then weight) among codes reported with at least MIN_SHARE of the heaviest code's
weight: the headline's "capture" and the body's "surrendered"
describe one happening, coded as the surrender.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from services.extractor.actors import ResolvedActor
from services.extractor.candidates import Candidate
from services.extractor.words import codes

ORGANS = codes("state_organs")
UNIDENTIFIED = codes("unidentified_sectors")
OPPOSITION = codes("opposition_sectors")
MIN_HOLDER = 1.0  # a dyad reported only in discounted background sentences does not absorb one-sided clauses
MIN_SHARE = 0.4  # a code reported with less than this share of the heaviest code's weight cannot be the type
SUBSUMED = {"174": ("161",)}  # ordering an envoy out is deporting a person (174) and, as CAMEO codes it, expelling a
# diplomat (161): when a happening reports both, they are one act under the code that says more ("declared the envoy
# persona non grata and ordered him to leave")
MIN_ECHO = 1.2  # an actorless headline clause backs a happening of its type only if the lead or an early paragraph
# reports it (candidates.EARLY_WEIGHT): a late background clause of that type is not what the headline says


@dataclass
class Happening:
    """Candidates reporting one happening."""

    actors: frozenset[str]
    members: list[Candidate] = field(default_factory=list)
    headline: float = 0.0  # weight of a headline clause of the happening's type that names no actor

    @property
    def score(self) -> float:
        """The members' weight (see ``member_score``) plus an actorless headline's that reports this happening."""
        return self.member_score + self.headline

    @property
    def member_score(self) -> float:
        """Sum of member weights; one actor's unrelated doings are no one happening, so a single-actor happening
        scores only its heaviest event type ("Ukraine visited ..., struggled ..., asked ..." is three weak reports)."""
        if len(self.actors) > 1:
            return sum(m.weight for m in self.members)
        by_type: dict[str, float] = {}
        for m in self.members:
            by_type[m.event_type.plover] = by_type.get(m.event_type.plover, 0.0) + m.weight
        return max(by_type.values(), default=0.0)

    def chosen(self) -> list[Candidate]:
        """Members of the happening's event type: the most specific code reported, then the heaviest; background
        clauses (dated long before publication) do not count towards a code's share."""
        by_code: dict[str, list[Candidate]] = {}
        for member in self.members:
            by_code.setdefault(member.match.code, []).append(member)
        for code, into in SUBSUMED.items():
            if code in by_code and (fuller := next((c for c in into if c in by_code), None)) is not None:
                by_code[fuller] += by_code.pop(code)

        def rank(code: str) -> tuple[int, bool, float]:
            """Code length (specificity), pattern-qualified, summed weight."""
            items = by_code[code]
            return (len(code), any(m.match.pattern_words for m in items), sum(m.weight for m in items))

        heaviest = max(sum(m.weight for m in items) for items in by_code.values())
        eligible = [code for code, items in by_code.items()
                    if sum(m.weight for m in items if not m.background) >= MIN_SHARE * heaviest]
        return by_code[max(eligible, key=rank)]


def identity(actor: ResolvedActor) -> str:
    """What makes two actors one party: a state and its government are one ("Ankara" ~ "Turkish government"); a
    country's unnamed opposition is one party whether a military reading made it "opposition factions" or not."""
    if (actor.state or actor.sector == "GOV") and actor.country:
        return f"state:{actor.country}"
    if actor.generic and actor.sector in OPPOSITION and actor.country:
        return f"opposition:{actor.country}"
    return actor.name


def keys(candidate: Candidate) -> frozenset[str]:
    """The identities of a candidate's actors."""
    return frozenset(identity(a) for a in (candidate.source, candidate.target) if a is not None)


def parents(candidate: Candidate) -> frozenset[str]:
    """The states a one-sided candidate's armed organ belongs to ("Ukrainian military" → Ukraine)."""
    return frozenset(f"state:{a.country}" for a in (candidate.source, candidate.target)
                     if a is not None and a.sector in ORGANS and a.country)


def group(candidates: list[Candidate]) -> list[Happening]:
    """Happenings of weighed candidates (``weighing.weigh``), best first: dyads first, then single-actor candidates
    join the best matching one; a headline clause that names no actor adds its weight to the best happening of its
    type."""
    happenings: dict[frozenset[str], Happening] = {}
    for candidate in candidates:
        if len(keys(candidate)) == 2:
            happenings.setdefault(keys(candidate), Happening(candidate.actor_names)).members.append(candidate)
    for candidate in sorted((c for c in candidates if len(keys(c)) == 1), key=lambda c: -c.weight):
        holders = [h for k, h in happenings.items() if keys(candidate) <= k] or [
            h for k, h in happenings.items() if len(k) == 1 and k & parents(candidate)
            and any(m.event_type.plover == candidate.event_type.plover for m in h.members)
        ]
        if not holders and unidentified(candidate.source or candidate.target):  # "dozens of members detained"
            holders = [h for k, h in happenings.items() if len(k) == 2
                       and any(m.event_type.plover == candidate.event_type.plover for m in h.members)]
        holders = [h for h in holders if h.score >= MIN_HOLDER]
        if holders:
            max(holders, key=lambda h: h.score).members.append(candidate)
        else:
            happenings.setdefault(keys(candidate), Happening(candidate.actor_names)).members.append(candidate)
    credit: dict[tuple[int, str], float] = {}  # one headline reports a type once ("fire tear gas": fire, tear)
    for candidate in (c for c in candidates if not keys(c)):
        kind = candidate.event_type.plover
        alike = [h for h in happenings.values()
                 if any(m.event_type.plover == kind and m.weight >= MIN_ECHO for m in h.members)]
        if alike:  # "As many as 300,000 protested in Belgrade": the headline says which happening is the story
            best = max(alike, key=lambda h: h.score)
            given = credit.get((id(best), kind), 0.0)
            best.headline += max(candidate.weight - given, 0.0)
            credit[(id(best), kind)] = max(given, candidate.weight)
    return sorted(happenings.values(), key=lambda h: -h.score)


def unidentified(actor: ResolvedActor | None) -> bool:
    """Whether an actor is an unidentified group ("members", "gunmen"), which any party of a happening may be."""
    return actor is not None and actor.generic and actor.sector in UNIDENTIFIED


def named_first(counts: Counter[str], happening: Happening) -> Counter[str]:
    """Counts without unidentified groups when the happening's clauses also name an identified actor."""
    actors = {a.name: a for m in happening.members for a in (m.source, m.target) if a is not None}
    identified = Counter({n: k for n, k in counts.items() if not unidentified(actors.get(n))})
    return identified or counts


def main_actors(members: list[Candidate], happening: Happening, fill: bool = True) -> tuple[str | None, str | None]:
    """The source: the actor the happening's clauses most make the doer (weight as source minus weight as
    target), else the most frequent source of the chosen members; the target: the most frequent other (with
    ``fill``, another actor of the happening when no chosen clause names one)."""
    sources = named_first(Counter(m.source.name for m in members if m.source is not None), happening)
    targets = named_first(Counter(m.target.name for m in members if m.target is not None), happening)
    net: dict[str, float] = {}
    for m in happening.members:
        if m.source is not None:
            net[m.source.name] = net.get(m.source.name, 0.0) + m.weight
        if m.target is not None:
            net[m.target.name] = net.get(m.target.name, 0.0) - m.weight
    same = {a.name: identity(a) for m in happening.members for a in (m.source, m.target) if a is not None}
    doers = [(w, n) for n, w in net.items() if w > 0 and (n in sources or n in targets)]
    source = max(doers)[1] if doers else (sources.most_common(1)[0][0] if sources else None)
    if source is None and targets:
        others = [n for n in sorted(happening.actors) if n not in targets]
        source = others[0] if others else None
    me = same.get(source or "", source)
    target = next((n for n, _ in targets.most_common() if same.get(n, n) != me), None)
    if target is None and fill:
        target = next((n for n in sorted(happening.actors) if same.get(n, n) != me), None)
    return source, target
