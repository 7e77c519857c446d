"""Whether a name the gazetteer reads as a town is a place where it stands: a named-entity recogniser's reading of
the words around it, or no check at all.

The parse pass runs no NER (it would cost about as much again as the parse), so the recogniser reads only the words
around a town (at most ``WINDOW`` characters either side, within its sentence: its cost is a fixed part plus a
little per word), each stretch once; only towns are checked (countries, admin1 areas and abbreviations are matched
by their own names). A name read as a person, an organisation or a work ("Norwood said", "Hartley's new model",
"Mayor Ann Preston's plan") is no place; a name the recogniser leaves unread is kept (it misses many small towns).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Protocol

from services.extractor.labels import FACILITY_ENT, PERSON_ENT, PLACE_ENT, REGION_ENT
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
        """Whether the recogniser leaves the name unread or reads it as a place."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0 or self._sentences[i].end < end:
            return True
        window = next(((a, b) for a, b in self._read if a <= start and end <= b), None)
        if window is None:
            sentence = self._sentences[i]
            window = around(sentence, start, end)
            self._read[window] = self._recognise(sentence.text[window[0] - sentence.start : window[1] - sentence.start])
        sentence = self._sentences[i]
        before, after = sentence.text[max(0, start - sentence.start - 40) : start - sentence.start], \
            sentence.text[end - sentence.start : end - sentence.start + 2]
        placed = bool(PLACED_BEFORE.search(before) or LOCATIVE_BEFORE.search(before)) and after not in POSSESSIVE
        return is_place(self._read[window], start - window[0], end - window[0], placed)


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


def is_place(entities: list[Entity], start: int, end: int, placed: bool) -> bool:
    """Whether a name at [start, end) of the text the entities were read in is a place: it overlaps no entity, or a
    place or region entity, or is exactly a facility or holds the entity it overlaps. Read as another entity
    ("Norwood said", "Hartley's new model"), it is a place only after a locative preposition (``placed``:
    the small model reads many a rare town as a person or an organisation, "in Lomé"), and never as part of a
    person's longer name ("Mayor Ann Preston's plan")."""
    for e_start, e_end, label in entities:
        if e_start < end and start < e_end:
            if label in PLACE_LABELS or (e_start >= start and e_end <= end and (e_start, e_end) != (start, end)):
                return True
            if (e_start, e_end) == (start, end):
                return label == FACILITY_ENT or placed
            return placed and label != PERSON_ENT
    return True
