"""The benchmark's generated corpus as a clustering check: many happenings of six kinds in 1,288 towns.

Its stories are written from templates (``services/bench/corpus.py``), so two happenings of one kind differ
only in the town, the figures, the day and the people quoted: what tells a protest in one town from the
same week's protest in another. Each original article (copies are dedup's) goes through ``normalise``, the
extractor and ``OpenEvents.handle`` in publication order; B-cubed is over articles against the generator's
happenings. Fictional text: a regression check of that failure (different towns merged), not evidence of
quality on real news.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schemas.records import EventMention
from services.bench.corpus import generate
from services.clusterer.cluster import OpenEvents
from services.clusterer.score import Scorer
from services.eval.events import bcubed
from services.normalizer.transform import normalise

TRAIN_SEED, TEST_SEED = 11, 7  # the scorer is fitted on one seed's stories, checked on another's
ARTICLES = 700  # about 630 originals of about 200 happenings


@dataclass(frozen=True)
class Report:
    """One original generated article as the clusterer receives it."""

    happening: str
    article_id: str
    mentions: list[EventMention]
    published: dt.datetime


def reports(articles: int = ARTICLES, seed: int = TEST_SEED) -> list[Report]:
    """The original articles of ``generate(articles, seed)``, extracted, in publication order."""
    from services.extractor.extract import load_extractor

    extractor = load_extractor()
    return [Report(f"generated-{seed}-{g.happening.index}", g.raw.article_id, extractor.extract(normalise(g.raw)),
                   g.raw.feed_published or g.raw.fetched_at)
            for g in generate(articles, seed=seed) if g.kind == "original"]


def clustered(items: list[Report], scorer: Scorer | None = None) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of online clustering over the reports (an article's principal
    mention decides its event)."""
    events = OpenEvents(dt.timedelta(days=30), scorer)
    gold = {item.article_id: item.happening for item in items}
    found = {item.article_id: principal_event(events, item.article_id, item.mentions, item.published)
             for item in items}
    return bcubed(gold, found)


def principal_event(events: OpenEvents, article_id: str, mentions: list[EventMention], now: dt.datetime) -> str:
    """Cluster an article's mentions; the event of its principal (first) one, ``none-<id>`` when it has none.
    Both clustering evals (ECB+ and these stories) group articles this way."""
    found = f"none-{article_id}"
    for n, mention in enumerate(mentions):
        event = events.handle(mention, now).event
        if n == 0:
            found = event.event_id
    return found
