"""Online inverse document frequency over the reports of the open events.

Counts, per content word, the reports of the open events that hold it (each event's profile keeps its share),
so a word every outlet uses this week ("said", "police") weighs little and a rare one ("Aceh") much. Rebuilt
from the profiles when the table is loaded; an evicted event takes its share with it.
"""

from __future__ import annotations

import math
from collections import Counter

from services.clusterer.profile import Profile


class DocumentFrequency:
    """Reports per word and reports in all, over the open events."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.docs = 0

    def add_report(self, terms: dict[str, int]) -> None:
        """Count one new report."""
        self.docs += 1
        self.counts.update(terms.keys())

    def add_profile(self, profile: Profile) -> None:
        """Count an event's reports (on loading the table)."""
        self.docs += profile.docs
        self.counts.update({t: d for t, (_, d) in profile.terms.items()})

    def remove_profile(self, profile: Profile) -> None:
        """Forget an event's reports (on closing it)."""
        self.docs = max(0, self.docs - profile.docs)
        self.counts.subtract({t: d for t, (_, d) in profile.terms.items()})
        for term, _ in profile.terms.items():
            if self.counts[term] <= 0:
                del self.counts[term]

    def forget(self, term: str, reports: int) -> None:
        """A word an event no longer keeps (trimmed): its reports stop counting."""
        left = self.counts[term] - reports
        if left > 0:
            self.counts[term] = left
        else:
            self.counts.pop(term, None)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency (as scikit-learn's ``smooth_idf``)."""
        return math.log((1 + self.docs) / (1 + self.counts.get(term, 0))) + 1.0
