"""The article's focus town: the one it places things in most often, used to sharpen a vague event place.

A report whose event sentence says only "in eastern Syria" usually names the town
itself in the sentences around it ("faces defeat in Baghouz", "heading into
Baghouz"). Only towns after a locative preposition count, so a capital used as a
metonym ("Damascus said") does not; a town needs two such mentions and a clear lead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from services.extractor.gazetteer import Gazetteer, Place
from services.extractor.places import PlaceHit, toponyms

LOCATIVE = re.compile(
    r"\b(?:in|into|at|near|outside|around|on|from|of|towards|inside|across)\s+(?:the\s+)?(?:town|village|city)?\s*$",
    re.IGNORECASE,
)
DATELINE = re.compile(r"(?m)^([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*)(?:,\s+[A-Z][\w .\-]+?)?\s+\(")
MIN_MENTIONS = 2


@dataclass
class TownTally:
    """How often an article places things in each town, and where it first named each."""

    counts: Counter[Place] = field(default_factory=Counter)
    first: dict[Place, PlaceHit] = field(default_factory=dict)

    def add(self, place: Place, text: str, start: int) -> None:
        """Count one mention."""
        self.counts[place] += 1
        self.first.setdefault(place, PlaceHit(place, text, start, surface=[text]))

    def leader(self, least: int = MIN_MENTIONS) -> PlaceHit | None:
        """The most counted town with ``least`` mentions at least, strictly ahead of the next; with ``least=1``
        ties go to the first named."""
        ranked = self.counts.most_common(2)
        if not ranked or ranked[0][1] < least or (least > 1 and len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return self.first[ranked[0][0]]


def tally_towns(text: str, gazetteer: Gazetteer, prefer: tuple[str, ...], blocked: list[tuple[int, int]]) -> TownTally:
    """Towns named after a locative preposition or in a wire dateline ("KOSTI, Sudan (Wire) —"), counted."""
    tally = TownTally()
    for name, start, hint in toponyms(text):
        if hint or any(b <= start < e for b, e in blocked) or not LOCATIVE.search(text[max(0, start - 30) : start]):
            continue
        place = gazetteer.lookup(name, None, prefer)
        if place is not None and place.precision == "place":
            tally.add(place, name, start)
    for line in DATELINE.finditer(text):
        place = gazetteer.lookup(line.group(1).title(), None, prefer)
        if place is not None and place.precision == "place":
            tally.add(place, line.group(1), line.start(1))
    return tally


def focus_town(
    text: str, gazetteer: Gazetteer, prefer: tuple[str, ...], blocked: list[tuple[int, int]], least: int = MIN_MENTIONS
) -> PlaceHit | None:
    """The town the article places things in most often (see ``TownTally.leader``)."""
    return tally_towns(text, gazetteer, prefer, blocked).leader(least)


def sharpen(hit: PlaceHit | None, focus: PlaceHit | None) -> PlaceHit | None:
    """The focus town instead of a country- or province-level place that contains it."""
    if focus is None or (hit is not None and hit.place.precision == "place"):
        return hit
    if hit is not None and hit.place.country != focus.place.country:
        return hit
    if hit is not None and hit.place.precision == "admin1" and hit.place.name != focus.place.admin1:
        return hit
    return focus
