"""How likely a report tells of an open event: weighted evidence, combined by a logistic model.

The evidence, each a number the model weighs (``FEATURES``, weights in data/scorer.json):

- ``cosine``: TF-IDF cosine between the report's headline-and-lead words and the event's summed words,
  with the online IDF of ``idf.py``;
- ``headline``: the same between the report's headline words and those of the event's headlines;
- ``nearest``, ``mean_link``: the highest and the mean cosine to the most telling words of each of the
  event's latest reports (one report close to it, or all of them);
- ``names``: the IDF-weighted share of the report's names (people, places, organisations) the event's
  reports also give; ``no_names`` when the report gives none;
- ``figures``: the share of the report's figures the event's reports give ("magnitude 6.1", "12 dead");
  ``figures_differ`` when both give figures and share none;
- ``years_differ``: both name years and none is shared (last year's quake, not this one's);
- ``same_type`` / ``type_differs``: the extracted PLOVER types agree or disagree (untyped reports neither);
- ``place_differs``, ``date_differs``: the extracted place is in another country or too far, the extracted
  day out of the window (``match.place_score``, ``match.date_score``); ``sources_differ``: same type and
  the resolved doers differ (``match.actor_score``); ``shares_actor``: a resolved actor in common;
- ``days_apart``: log(1 + days) between the report's publication and the event's latest report, past a
  grace of 14 days (time decay; its weight is a set prior, see data/scorer.json); 0 when the report's
  publication time is unknown (the fetch time stands in for it) or no report of the event had one.

The extracted type, place and actors weigh in but do not gate: outlets' reports of one happening are often
typed or placed differently. The weights are fitted by ``newsflow-train-clusterer`` on ECB+ topics 1-35 and
the project's event corpus; the command, data and cross-validated figures are in data/scorer.json.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from schemas.records import EventMention, Evidence
from services.clusterer.idf import DocumentFrequency
from services.clusterer.match import actor_score, date_score, place_score, shares_actor
from services.clusterer.profile import Profile
from services.clusterer.view import EventView

SCORER_FILE = Path(__file__).with_name("data") / "scorer.json"
GRACE_DAYS = 14.0  # reports of one happening come out over days, a few over weeks: no decay within them
UNTYPED = "OTHER"  # the type of a report whose happening the extractor could not type
FEATURES = ("cosine", "headline", "nearest", "mean_link", "names", "no_names", "key_names_missing",
            "event_names_missing", "figures", "figures_differ", "years_differ", "same_type", "type_differs",
            "place_differs", "date_differs", "sources_differ", "shares_actor", "days_apart")


@dataclass(frozen=True)
class Scorer:
    """A logistic model over ``FEATURES`` and the probability above which a report joins an event."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: list[float]) -> float:
        """The probability that the report tells of the event, from its feature values."""
        z = self.bias + sum(w * v for w, v in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_scorer(path: Path = SCORER_FILE) -> Scorer:
    """The fitted scorer (data/scorer.json)."""
    doc = json.loads(path.read_text())
    weights = doc["weights"]
    return Scorer(tuple(float(weights[name]) for name in FEATURES), float(doc["bias"]), float(doc["threshold"]))


class Weights:
    """IDF of the words one report is compared on, computed once per report (``idf.idf`` takes a log)."""

    def __init__(self, idf: DocumentFrequency) -> None:
        self.idf, self.cache = idf, {}  # type: ignore[var-annotated]

    def __call__(self, term: str) -> float:
        found = self.cache.get(term)
        if found is None:
            found = self.cache[term] = self.idf.idf(term)
        return found


@dataclass
class Report:
    """A report's evidence as compared: its words' TF-IDF vector times the IDF once more (what a dot product
    with an event's word counts sums), its headline's vector, and the two vectors' norms."""

    evidence: Evidence
    mention: EventMention
    weight: Weights
    norm: float
    headline: dict[str, float]
    headline_norm: float
    weighted: dict[str, float]

    @classmethod
    def of(cls, evidence: Evidence, mention: EventMention, idf: DocumentFrequency) -> Report:
        """The report with its vectors under the current IDF."""
        weight = Weights(idf)
        vector = {t: c * weight(t) for t, c in evidence.terms.items()}
        headline = {t: weight(t) for t in evidence.headline}
        weighted = {t: w * weight(t) for t, w in vector.items()}
        return cls(evidence, mention, weight, _norm(vector), headline, _norm(headline), weighted)


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def dot(vector: dict[str, float], counts: Any, weight: Weights) -> float:
    """The dot product of a report's vector and an event's word counts under the report's IDF."""
    return sum(w * counts[t] * weight(t) for t, w in vector.items() if t in counts)


def event_norms(profile: Profile, weight: Weights) -> tuple[float, float, list[float]]:
    """Norms of an event's word, headline and member vectors; recomputed once the IDF has counted a tenth more
    reports than when they were computed (they drift slowly, and computing them is most of a comparison)."""
    docs = weight.idf.docs
    if profile.norms is None or docs > profile.norms[0] * 1.1:
        words = math.sqrt(sum((c * weight(t)) ** 2 for t, (c, _) in profile.terms.items()))
        headline = math.sqrt(sum((c * weight(t)) ** 2 for t, c in profile.headline.items()))
        members = [math.sqrt(sum(weight(t) ** 2 for t in m)) for m in profile.members]
        profile.norms = (docs, words, headline, members)
    return profile.norms[1], profile.norms[2], profile.norms[3]


def cosine(vector: dict[str, float], norm: float, counts: Any, other: float, weight: Weights) -> float:
    """TF-IDF cosine between a report's vector and an event's word counts whose vector has norm ``other``."""
    return dot(vector, counts, weight) / (norm * other) if norm and other else 0.0


def _share(found: list[str], among: Any) -> float:
    """The share of ``found`` that is in ``among`` (0 when ``found`` is empty)."""
    return sum(1 for x in found if x in among) / len(found) if found else 0.0


def member_links(report: Report, profile: Profile, member_norms: list[float]) -> list[float]:
    """Cosine of the report to each of the event's latest reports (their most telling words), through the
    profile's word-to-member index: one lookup per word of the report, not one per word of every member."""
    dots = [0.0] * len(profile.members)
    index = profile.member_index()
    for term, value in report.weighted.items():
        for i in index.get(term, ()):
            dots[i] += value
    norm = report.norm
    return [d / (norm * n) if norm and n else 0.0 for d, n in zip(dots, member_norms, strict=True)] or [0.0]


def summed_cosine(report: Report, profile: Profile, norm: float) -> float:
    """TF-IDF cosine between the report's words and the event's summed words."""
    if not report.norm or not norm:
        return 0.0
    terms = profile.terms
    return sum(value * terms[t][0] for t, value in report.weighted.items() if t in terms) / (report.norm * norm)


def features(report: Report, profile: Profile, view: EventView) -> list[float]:
    """The values of ``FEATURES`` for a report against an open event."""
    evidence, mention, weight = report.evidence, report.mention, report.weight
    norm, headline_norm, member_norms = event_norms(profile, weight)
    links = member_links(report, profile, member_norms)
    names = {n: weight(n) for n in evidence.names}
    total = sum(names.values())
    main = [n for n, c in profile.names.items() if c * 2 >= profile.docs and c >= 2]
    words = {*evidence.terms, *evidence.names}
    numbers = evidence.numbers
    shared_numbers = _share(numbers, profile.numbers)
    ours, theirs = mention.event_type.plover, view.event_type.plover
    typed = UNTYPED not in (ours, theirs)
    published, last = report_time(evidence, mention), profile.last_published
    days = abs(published - last) / 86400 if published is not None and last is not None else 0.0
    days = max(0.0, days - GRACE_DAYS)
    return [
        summed_cosine(report, profile, norm),
        cosine(report.headline, report.headline_norm, profile.headline, headline_norm, weight),
        max(links), sum(links) / len(links),
        sum(w for n, w in names.items() if n in profile.names) / total if total else 0.0,
        float(not names),
        1.0 - _share([n for n in evidence.names if n in evidence.headline], profile.names)
        if any(n in evidence.headline for n in evidence.names) else 0.0,
        1.0 - _share(main, words) if main else 0.0,
        shared_numbers, float(bool(numbers) and bool(profile.numbers) and shared_numbers == 0),
        float(bool(evidence.years) and bool(profile.years) and not any(y in profile.years for y in evidence.years)),
        float(typed and ours == theirs), float(typed and ours != theirs),
        float(place_score(view, mention) is None), float(date_score(view, mention) is None),
        float(typed and ours == theirs and actor_score(view, mention) is None), float(shares_actor(view, mention)),
        math.log1p(days),
    ]


def report_time(evidence: Evidence, mention: EventMention) -> int | None:
    """Epoch seconds of the report's publication; None when unknown (a fetch time stands in for it, which says
    nothing about when the happening was reported)."""
    return int(mention.published_at.timestamp()) if mention.published_at and evidence.dated else None
