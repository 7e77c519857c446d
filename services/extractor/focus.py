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
    r"(?:\b(?:in|into|at|near|outside|around|on|from|towards|inside|across)"
    r"|\b(?:outskirts|edge|centre|center|heart|streets|suburbs|town|city|village|district|area|north|south|east"
    r"|west)\s+of)\s+(?:the\s+)?(?:town|village|city|(?:[a-z]+\s+)?capital)?\s*$",
    re.IGNORECASE,
)  # "of" only after a place noun ("the district of Ercis", not "criticism of Kabul"); "in the Ethiopian capital
# Addis Ababa"
DATELINE = re.compile(r"(?m)^([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*)(?:,\s+[A-Z][\w .\-]+?)?\s+\(")
MIN_MENTIONS = 2


@dataclass
class TownTally:
    """How often an article places things in each town, and where it first named each."""

    counts: Counter[Place] = field(default_factory=Counter)
    first: dict[Place, PlaceHit] = field(default_factory=dict)
    in_text: set[Place] = field(default_factory=set)

    def add(self, place: Place, text: str, start: int, dateline: bool = False) -> None:
        """Count one mention (a dateline names where the reporter is, a locative phrase where things happen)."""
        self.counts[place] += 1
        self.first.setdefault(place, PlaceHit(place, text, start, surface=[text]))
        if not dateline:
            self.in_text.add(place)

    def leader(self, least: int = MIN_MENTIONS) -> PlaceHit | None:
        """The most counted town with ``least`` mentions at least, strictly ahead of the next; with ``least=1``
        ties go to a town the text places things in before a dateline-only one, then to the first named."""
        ranked = self.counts.most_common(2)
        if not ranked or ranked[0][1] < least or (least > 1 and len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        top = [p for p, n in self.counts.items() if n == ranked[0][1]]
        return self.first[min(top, key=lambda p: (p not in self.in_text, self.first[p].start))]


def tally_towns(text: str, gazetteer: Gazetteer, prefer: tuple[str, ...], blocked: list[tuple[int, int]]) -> TownTally:
    """Towns named after a locative preposition or in a wire dateline ("KOSTI, Sudan (Wire) —"), counted."""
    tally = TownTally()
    for name, start, hint in toponyms(text):
        if hint == "admin1" or any(b <= start < e for b, e in blocked):
            continue
        if not LOCATIVE.search(text[max(0, start - 30) : start]):
            continue
        place = gazetteer.lookup(name, hint, prefer)  # "the town of Batken" counts the town, not its province
        if place is not None and place.precision == "place":
            tally.add(place, name, start)
    for line in DATELINE.finditer(text):
        place = gazetteer.lookup(line.group(1).title(), None, prefer)
        if place is not None and place.precision == "place":
            tally.add(place, line.group(1), line.start(1), dateline=True)
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
