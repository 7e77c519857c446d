"""How many a happening's report counts: its clauses' counts, outcome and participant counts in its sentences and
the article's early figures, merged into one Quantity per category."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from schemas.records import Quantity
from services.extractor.candidates import ROLE_CATEGORIES, Candidate
from services.extractor.count_patterns import OUTCOMES
from services.extractor.happenings import Happening
from services.extractor.quantities import UNSPECIFIED, Count, find_counts, find_figures


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
    sentences = list(dict.fromkeys(c.clause.sentence for c in chosen if same_happening(c, dyad, day)))  # in order
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
