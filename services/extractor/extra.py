"""Happenings outside PLOVER (disasters, accidents, trials, crimes, elections, business, launches).

An article whose headline or lead names such a happening ("earthquake", "bus crash",
"sentenced") yields one mention typed from data/extra_types.tsv when no PLOVER event
was read from its headline, so every news article with a happening yields an event.
Actors are the article's most mentioned named actors (none for most disasters).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from schemas.records import Article, EventMention, EventType
from services.extractor.assemble import location, mention_id, merge_counts
from services.extractor.data import read_rows
from services.extractor.dates import find_dates
from services.extractor.places import PlaceHit
from services.extractor.quantities import OUTCOMES, find_counts
from services.extractor.sentences import Sentence


@dataclass(frozen=True)
class ExtraType:
    """One trigger row: the type, its mode and the compiled triggers."""

    plover: str
    mode: str
    pattern: re.Pattern[str]


def trigger_pattern(triggers: str) -> re.Pattern[str]:
    """One regex for a row's "|"-separated triggers ("*" = any word ending, " * " = any one word)."""
    parts = []
    for trigger in triggers.split("|"):
        words = [r"\w+" if w == "*" else re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "")
                 for w in trigger.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


class ExtraTypes:
    """The curated trigger lexicon for happenings PLOVER does not code."""

    def __init__(self, rows: list[ExtraType]) -> None:
        """Keep the rows in file order (earlier rows win)."""
        self.rows = rows

    @classmethod
    def load(cls) -> ExtraTypes:
        """Read data/extra_types.tsv."""
        return cls([ExtraType(t, m, trigger_pattern(triggers)) for t, m, triggers in read_rows("extra_types.tsv")])

    def find(self, text: str) -> tuple[EventType, re.Match[str]] | None:
        """The first row whose trigger occurs in the text, with the match."""
        for row in self.rows:
            match = row.pattern.search(text)
            if match:
                return EventType(plover=row.plover, mode=row.mode, cameo=None), match
        return None

    def classify(self, title: str, lead: str) -> tuple[EventType, int] | None:
        """The extra type the headline names, else the one the lead names; with the trigger's offset in the lead
        (0 when the headline named it)."""
        found = self.find(title)
        if found:
            in_lead = found[0].plover == (self.find(lead) or found)[0].plover
            return found[0], (self.find(lead) or found)[1].start() if in_lead else 0
        found = self.find(lead)
        return (found[0], found[1].start()) if found else None


def extra_mention(
    article: Article, found: tuple[EventType, int], lead: Sentence | None, hit: PlaceHit | None, now: dt.datetime
) -> EventMention:
    """The mention of an extra-type happening: place as found, the lead's date nearest the trigger, outcome counts
    from headline and lead."""
    event_type, trigger = found
    today = article.published_at.date() if article.published_at else None
    texts = [s for s in (Sentence(article.title or "", 0, 0, True), lead) if s is not None]
    found_dates = [d for s in texts[1:] for d in find_dates(s.text, today)] if today else []
    dates = sorted(found_dates, key=lambda d: abs(d.start - trigger))
    counts = [c for s in texts for c in find_counts(s.text, s.start) if c.what in OUTCOMES or c.what == "people"]
    country = hit.place.country if hit else None
    return EventMention(
        mention_id=mention_id(article.article_id, 0), article_id=article.article_id, url=article.canonical_url,
        source=article.source, title=article.title, published_at=article.published_at, event_type=event_type,
        actors=[], location=location(hit), event_date=dates[0].date if dates else today,
        date_precision=dates[0].precision if dates else ("day" if today else None),
        date_source="text" if dates else ("publication" if today else None),
        quantities=merge_counts(counts), sentence=lead.text if lead else article.title or "",
        confidence=0.5 + 0.1 * (hit is not None) + 0.1 * bool(dates),
        blocking_key=f"{country or 'XX'}:{event_type.plover}", extracted_at=now,
    )
