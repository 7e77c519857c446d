"""Curated places beside the GeoNames towns: villages, camps, bases and crossings (places_supplement.tsv)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from services.extractor.normalize import loose_key, name_key

if TYPE_CHECKING:
    from services.extractor.gazetteer import Place

MIN_LOOSE = 3


class SiteIndex:
    """Name key → curated places, with a consonant-skeleton index for the second pass."""

    def __init__(self) -> None:
        """Start empty."""
        self._exact: dict[str, list[Place]] = {}
        self._loose: dict[str, list[Place]] = {}

    def add(self, rows: Iterable[list[str]], admin1_names: Mapping[tuple[str, str], str]) -> None:
        """Index rows of (country, admin1 code, name, lat, lon, kind, aliases)."""
        from services.extractor.gazetteer import Place

        for cc, a1, name, lat, lon, _kind, aliases in rows:
            site = Place(name, admin1_names.get((cc, a1)), cc, float(lat), float(lon), "place")
            for alias in dict.fromkeys([name, *aliases.split("|")]):
                key, skeleton = name_key(alias), loose_key(alias)
                if key and site not in self._exact.setdefault(key, []):
                    self._exact[key].append(site)
                if len(skeleton) >= MIN_LOOSE and site not in self._loose.setdefault(skeleton, []):
                    self._loose[skeleton].append(site)

    def exact(self, text: str) -> list[Place]:
        """Sites whose name or alias has the text's name key."""
        return self._exact.get(name_key(text), [])

    def loose(self, text: str, countries: tuple[str, ...]) -> list[Place]:
        """Sites in the given countries whose consonant skeleton matches the text's."""
        return [site for site in self._loose.get(loose_key(text), []) if site.country in countries]
