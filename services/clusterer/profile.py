"""What an open event's reports say, summed: the event side of content matching.

Per open event: its deciding key, how many reports it holds, per content word the count over its reports and
how many reports hold it (the word's share of the online document frequency), and the names, figures and
years its reports give with how often. Bounded: the most frequent ``MAX_TERMS`` words and a few dozen names
and figures are kept, so an event of 500 reports costs about as much as one of 20.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schemas.records import Evidence

MAX_TERMS = 64
MAX_MEMBERS = 24  # reports whose own words are kept, the latest
MEMBER_TERMS = 12
MAX_HEADLINE = 32
MAX_NAMES = 48
MAX_NUMBERS = 24
MAX_YEARS = 8


def _top(counts: Counter[Any], n: int) -> Counter[Any]:
    return Counter(dict(counts.most_common(n))) if len(counts) > n else counts


@dataclass
class Profile:
    """The summed evidence of an open event's reports (see the module docstring)."""

    key: str
    docs: int = 0
    terms: dict[str, list[int]] = field(default_factory=dict)  # word -> [count over reports, reports holding it]
    headline: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    last_published: int | None = None  # epoch seconds of the latest report's publication
    members: list[list[str]] = field(default_factory=list)  # the latest reports' most telling words each
    norms: tuple[int, float, float, list[float]] | None = field(default=None, repr=False, compare=False)
    # (reports counted by the IDF when computed, norms of the words, headline and members' vectors): see score.py
    members_by_word: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def member_index(self) -> dict[str, list[int]]:
        """Word -> the positions in ``members`` of the reports that keep it (built on first use after a change)."""
        if self.members_by_word is None:
            index: dict[str, list[int]] = {}
            for i, member in enumerate(self.members):
                for term in member:
                    index.setdefault(term, []).append(i)
            self.members_by_word = index
        return self.members_by_word

    def add(self, evidence: Evidence, published: int | None, weight: Callable[[str], float]) -> list[tuple[str, int]]:
        """Add one report (``weight`` ranks its words: the IDF); returns the words no longer kept (trimmed to the
        most frequent) with their reports."""
        self.docs += 1
        self.norms = self.members_by_word = None
        telling = sorted(evidence.terms, key=lambda t: (-evidence.terms[t] * weight(t), t))[:MEMBER_TERMS]
        self.members = [*self.members, telling][-MAX_MEMBERS:]
        for term, count in evidence.terms.items():
            slot = self.terms.setdefault(term, [0, 0])
            slot[0] += count
            slot[1] += 1
        dropped: list[tuple[str, int]] = []
        if len(self.terms) > MAX_TERMS:
            ranked = sorted(self.terms, key=lambda t: (-self.terms[t][0], t))
            dropped = [(term, self.terms.pop(term)[1]) for term in ranked[MAX_TERMS:]]
        self.headline = _top(self.headline + Counter(evidence.headline), MAX_HEADLINE)
        self.names = _top(self.names + Counter(evidence.names), MAX_NAMES)
        self.numbers = _top(self.numbers + Counter(evidence.numbers), MAX_NUMBERS)
        self.years = _top(self.years + Counter(evidence.years), MAX_YEARS)
        if published is not None:
            self.last_published = max(self.last_published or published, published)
        return dropped

    def row(self) -> list[Any]:
        """The compact JSON row the clustering table keeps."""
        return [self.key, self.docs, [[t, c, d] for t, (c, d) in self.terms.items()], dict(self.names),
                dict(self.numbers), [[y, n] for y, n in self.years.items()], self.last_published, dict(self.headline),
                self.members]

    @classmethod
    def from_row(cls, row: list[Any]) -> Profile:
        """Read ``row()`` output."""
        key, docs, terms, names, numbers, years, last, headline, members = row
        return cls(key, docs, {t: [c, d] for t, c, d in terms}, Counter(headline), Counter(names), Counter(numbers),
                   Counter({y: n for y, n in years}), last, members)
