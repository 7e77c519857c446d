"""The article's focus town: the one it places things in most often, used to sharpen a vague event place.

A report whose event sentence says only "in eastern Syria" usually names the town
itself in the sentences around it ("faces defeat in Baghouz", "heading into
Baghouz"). Only towns after a locative preposition count, so a capital used as a
metonym ("Damascus said") does not; a town needs two such mentions and a clear lead.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from services.extractor.dates import find_dates, month_number
from services.extractor.dating import BACKGROUND_DAYS
from services.extractor.gazetteer import Gazetteer, Place
from services.extractor.patterns import DATELINE_TOWN, FRONTED_DATE, LOCATIVE_BEFORE
from services.extractor.place_check import AcceptAll, PlaceCheck
from services.extractor.places import PlaceHit, toponyms
from services.extractor.sentences import Sentence

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


def opening_date(text: str, today: dt.date) -> dt.date | None:
    """The last day a sentence's fronted date expression can mean ("In September, ..." → 30 September of the
    latest September not after today; "On February 10, ..." → that day), None when the sentence does not open
    with one (a date later in the sentence may date only one of its clauses)."""
    found = [d for d in find_dates(text[:40], today) if d.start <= 3]
    if found:
        return found[0].date
    match = FRONTED_DATE.match(text)
    if match is None:
        return None
    if match.group("year"):
        return dt.date(int(match.group("year")), 12, 31)
    month = month_number(match.group("month"))
    year = int(match.group("myear") or (today.year if month <= today.month else today.year - 1))
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return last


def background_spans(sentences: list[Sentence], today: dt.date | None) -> list[tuple[int, int]]:
    """Sentences that open with a date more than BACKGROUND_DAYS before publication ("In September, 10 people died
    when a landslide hit the town of Salgar"): they recall another happening, so their towns are not where this
    one took place."""
    if today is None:
        return []
    return [(s.start, s.start + len(s.text)) for s in sentences if not s.is_title
            and (day := opening_date(s.text, today)) is not None and (today - day).days > BACKGROUND_DAYS]


def tally_towns(text: str, gazetteer: Gazetteer, prefer: tuple[str, ...], blocked: list[tuple[int, int]],
                background: list[tuple[int, int]] | None = None, check: PlaceCheck | None = None) -> TownTally:
    """Towns named after a locative preposition or in a wire dateline ("KOSTI, Sudan (Wire) —"), counted; towns
    in ``background`` spans (see ``background_spans``) are not, nor names ``check`` reads as no place ("at Ann
    Norwood's concert")."""
    check = check or AcceptAll()
    tally = TownTally()
    for name, start, hint in toponyms(text):
        if hint == "admin1" or any(b <= start < e for b, e in [*blocked, *(background or [])]):
            continue
        if not LOCATIVE_BEFORE.search(text[max(0, start - 30) : start]):
            continue
        place = gazetteer.lookup(name, hint, prefer)  # "the town of Batken" counts the town, not its province
        if place is not None and place.precision == "place" and check.confirms(start, start + len(name)):
            tally.add(place, name, start)
    for line in DATELINE_TOWN.finditer(text):
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
