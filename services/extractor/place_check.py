"""Whether a name the gazetteer reads as a town is a place where it stands: a named-entity recogniser's reading of
the words around it, or no check at all.

The parse pass runs no NER (it would cost about as much again as the parse), so the recogniser runs only where it
decides something: on a town (countries, admin1 areas and abbreviations are matched by their own names) that does
not follow a locative preposition ("in Norwood" is read as a place without it), and then only on the words around
it (at most ``WINDOW`` characters either side, within its sentence: its cost is a fixed part plus a little per
word), each stretch once. A name read as a person, an organisation or a work ("Norwood said", "Hartley's new
model", "Mayor Ann Preston's plan") is no place; a name the recogniser leaves unread is kept (it misses many small
towns).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Protocol

from services.extractor.labels import FACILITY_ENT, PLACE_ENT, REGION_ENT
from services.extractor.patterns import LOCATIVE_BEFORE, PLACED_BEFORE
from services.extractor.sentences import Sentence

Entity = tuple[int, int, str]  # start, end (offsets in the sentence) and label
Recogniser = Callable[[str], list[Entity]]
PLACE_LABELS = frozenset({PLACE_ENT, REGION_ENT})
POSSESSIVE = frozenset({"'s", "’s"})  # "anger at Preston's remarks": an owner, not a location
WINDOW = 80  # characters read either side of a name


class PlaceCheck(Protocol):
    """Whether the name at [start, end) of the article's full text is a place."""

    def confirms(self, start: int, end: int) -> bool:
        """True unless the name is read as something other than a place."""
        ...


class AcceptAll:
    """No check: every name the gazetteer reads is a place."""

    def confirms(self, start: int, end: int) -> bool:
        """Always True."""
        return True


class EntityCheck:
    """The recogniser's reading of the words around a name, each stretch of text read once."""

    def __init__(self, recognise: Recogniser, sentences: Sequence[Sentence]) -> None:
        """Keep the recogniser and the article's sentences (in text order)."""
        self._recognise = recognise
        self._sentences = sorted(sentences, key=lambda s: s.start)
        self._starts = [s.start for s in self._sentences]
        self._read: dict[tuple[int, int], list[Entity]] = {}  # (start, end) in the full text → entities there

    def confirms(self, start: int, end: int) -> bool:
        """Whether the name follows a locative preposition, else whether the recogniser leaves it unread or reads it
        as a place."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0 or self._sentences[i].end < end:
            return True
        sentence = self._sentences[i]
        if placed(sentence, start, end):
            return True
        window = next(((a, b) for a, b in self._read if a <= start and end <= b), None)
        if window is None:
            window = around(sentence, start, end)
            self._read[window] = self._recognise(sentence.text[window[0] - sentence.start : window[1] - sentence.start])
        return is_place(self._read[window], start - window[0], end - window[0])


def placed(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a name follows a locative preposition ("in Lomé", "near the town of Mora", "in rural Tame") and is no
    possessive ("anger at Preston's remarks"): read as a place without the recogniser, whose other readings of a
    rare town there are mostly wrong (the small model reads many as persons or organisations)."""
    before = sentence.text[max(0, start - sentence.start - 40) : start - sentence.start]
    after = sentence.text[end - sentence.start : end - sentence.start + 2]
    return bool(PLACED_BEFORE.search(before) or LOCATIVE_BEFORE.search(before)) and after not in POSSESSIVE


def around(sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The stretch of the sentence read for a name at [start, end): up to ``WINDOW`` characters either side, cut
    at a space (full-text offsets)."""
    text, base = sentence.text, sentence.start
    left = max(0, start - base - WINDOW)
    if left > 0:
        space = text.find(" ", left, start - base)
        left = space + 1 if space >= 0 else start - base
    right = min(len(text), end - base + WINDOW)
    if right < len(text):
        space = text.rfind(" ", end - base, right)
        right = space if space >= 0 else end - base
    return base + left, base + right


def is_place(entities: list[Entity], start: int, end: int) -> bool:
    """Whether a name at [start, end) of the text the entities were read in is a place: it overlaps no entity, or a
    place or region entity, or is exactly a facility, or holds the entity it overlaps; not when it is read as another
    entity ("Norwood said", "Hartley's new model") or as part of a longer name ("Mayor Ann Preston's plan", "the
    Hartley Arms")."""
    for e_start, e_end, label in entities:
        if e_start < end and start < e_end:
            if label in PLACE_LABELS or (e_start >= start and e_end <= end and (e_start, e_end) != (start, end)):
                return True
            return label == FACILITY_ENT and (e_start, e_end) == (start, end)
    return True
