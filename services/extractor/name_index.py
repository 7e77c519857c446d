"""Places found by name key, with a consonant-skeleton index for the riskier second pass.

Serves the gazetteer's admin1 areas and its curated sites (places_supplement.tsv:
villages, camps, bases and crossings below GeoNames cities500)."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from services.extractor.normalize import loose_key, name_key

if TYPE_CHECKING:
    from services.extractor.gazetteer import Place

MIN_LOOSE = 3  # shorter skeletons match too much to be trusted
MIN_LIKENESS = 0.75  # a skeleton match must also spell most of the name ("Idleb"/"Idlib", not "Western"/"Strunino")


class NameIndex:
    """Name key → places, and skeleton → places (skeletons of at least MIN_LOOSE letters)."""

    def __init__(self) -> None:
        """Start empty."""
        self._exact: dict[str, list[Place]] = {}
        self._loose: dict[str, list[tuple[Place, str]]] = {}

    def add(self, place: Place, names: Iterable[str]) -> None:
        """Index a place under each of its names (spelling variants, transliterations, name keys)."""
        for name in dict.fromkeys(names):
            key, skeleton = name_key(name), loose_key(name)
            if key and place not in self._exact.setdefault(key, []):
                self._exact[key].append(place)
            if len(skeleton) >= MIN_LOOSE and (place, key) not in self._loose.setdefault(skeleton, []):
                self._loose[skeleton].append((place, key))

    def __contains__(self, text: str) -> bool:
        """Whether a place has exactly the text's name key."""
        return name_key(text) in self._exact

    def exact(self, text: str) -> list[Place]:
        """Places whose name has the text's name key."""
        return self._exact.get(name_key(text), [])

    def loose(self, text: str, countries: tuple[str, ...]) -> list[Place]:
        """Places in the given countries with a name whose consonant skeleton matches the text's and which the text
        spells closely enough (``alike``)."""
        found = [place for place, key in self._loose.get(loose_key(text), [])
                 if place.country in countries and alike(text, key)]
        return list(dict.fromkeys(found))


def alike(text: str, key: str) -> bool:
    """Whether a name spells a name key closely enough for a skeleton match to be trusted: the share of letters the
    two keys have in common in order (difflib's ratio) is at least ``MIN_LIKENESS``."""
    return SequenceMatcher(None, name_key(text), key, autojunk=False).ratio() >= MIN_LIKENESS
