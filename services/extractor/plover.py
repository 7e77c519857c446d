"""CAMEO event code → PLOVER 0.8 type, mode and context (CAMEO2PLOVER-2021)."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.records import EventType
from services.extractor.data import read_rows
from services.extractor.words import codes

ARMED_CONTEXTS = codes("armed_contexts")


@dataclass(frozen=True)
class PloverEntry:
    """One row of the CAMEO→PLOVER table."""

    plover: str
    mode: str | None
    context: str | None


class PloverMap:
    """Maps a CAMEO code to its PLOVER type, walking up to the parent code when the exact one is missing."""

    def __init__(self, rows: dict[str, PloverEntry]) -> None:
        """Keep the CAMEO→PLOVER rows."""
        self._rows = rows

    @classmethod
    def load(cls) -> PloverMap:
        """Read data/cameo_plover.tsv, then the curated rows it lacks (data/plover_supplement.tsv)."""
        rows: dict[str, PloverEntry] = {}
        for name in ("cameo_plover.tsv", "plover_supplement.tsv"):
            for code, plover, mode, context, *_ in read_rows(name):
                rows.setdefault(code, PloverEntry(plover, mode or None, context or None))
        return cls(rows)

    def entry(self, cameo: str | None) -> PloverEntry | None:
        """The row for a code or its nearest parent (0874 → 087 → 08x), None when unmapped."""
        code = cameo or ""
        while len(code) >= 3:
            if code in self._rows:
                return self._rows[code]
            code = code[:-1]
        return None

    def event_type(self, cameo: str) -> EventType | None:
        """The schema EventType for a CAMEO code, None when PLOVER has no type for it."""
        entry = self.entry(cameo)
        if entry is None:
            return None
        return EventType(plover=entry.plover, mode=entry.mode, cameo=cameo)

    def is_military(self, cameo: str | None) -> bool:
        """Whether the code's PLOVER context is military (or the code is a use of force, 19x/20x)."""
        entry = self.entry(cameo)
        return bool(cameo and cameo[:2] in {"19", "20"}) or bool(entry and entry.context in ARMED_CONTEXTS)
