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
from typing import TYPE_CHECKING

from schemas.records import Article, EventMention, EventType
from services.extractor.builder import build_mention
from services.extractor.count_patterns import OUTCOMES
from services.extractor.counting import merge_counts
from services.extractor.data import read_rows
from services.extractor.dating import happening_date, story_date
from services.extractor.patterns import UPCOMING
from services.extractor.places import PlaceHit
from services.extractor.quantities import UNSPECIFIED, Count, find_counts, find_figures
from services.extractor.sentences import Sentence
from services.extractor.words import codes, ordered_codes

if TYPE_CHECKING:
    from services.extractor.candidates import Candidate

COMMENT_TYPES = codes("comment_types")
COMMENT_CODES = ordered_codes("comment_codes")


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
        """The first row whose trigger occurs in the text, not as a happening still to come, with the match."""
        for row in self.rows:
            match = next((m for m in row.pattern.finditer(text) if not UPCOMING.search(text, 0, m.start())), None)
            if match:
                return EventType(plover=row.plover, mode=row.mode, cameo=None), match
        return None

    def comments_on(self, candidate: Candidate, title: str) -> bool:
        """Whether a headline event yields to an extra-type happening the headline names: a comment on it named
        after its verb ("Police blame speeding for deadly bus crash", "Families welcome verdict"), or a clause with
        no named actor as its doer whose subject or verb is the trigger ("Landslide kills four", "Japan launches H3
        rocket", "Quake toll rises as rescuers search"): the happening, not the comment or a second reading of its
        words, is the event."""
        found = self.find(title)
        if found is None:
            return False
        verb = candidate.clause.verb_start - candidate.clause.sentence.start
        comment = candidate.event_type.plover in COMMENT_TYPES or candidate.match.code.startswith(COMMENT_CODES)
        if comment and found[1].start() > verb:
            return True
        doer = candidate.source
        return found[1].start() <= verb and (doer is None or doer.generic or doer.state)

    def classify(self, title: str, lead: str) -> tuple[EventType, int] | None:
        """The extra type the headline names, else the one the lead names; with the trigger's offset in the lead
        (0 when the headline named it)."""
        found = self.find(title)
        if found:
            in_lead = found[0].plover == (self.find(lead) or found)[0].plover
            return found[0], (self.find(lead) or found)[1].start() if in_lead else 0
        found = self.find(lead)
        return (found[0], found[1].start()) if found else None


def extra_counts(texts: list[Sentence], early: list[Sentence]) -> list[Count]:
    """Outcome counts and tolls of headline and lead, widened by those of the early paragraphs in a category they
    already count ("the governor's office later gave a toll of four dead" beside "five people had died")."""
    counts = [c for s in texts for c in (*find_counts(s.text, s.start), *find_figures(s.text, s.start))
              if c.what in OUTCOMES or c.what in ("people", UNSPECIFIED)]
    counted = {c.what for c in counts if c.what != UNSPECIFIED}
    seen = {c.start for c in counts}
    for s in early:
        for c in (*find_counts(s.text, s.start), *find_figures(s.text, s.start)):
            if c.start not in seen and (c.what in counted or (c.what == UNSPECIFIED and counted)):
                seen.add(c.start)
                counts.append(c)
    return counts


def extra_mention(
    article: Article, found: tuple[EventType, int], lead: Sentence | None, hit: PlaceHit | None, now: dt.datetime,
    early: list[Sentence] | None = None, confidence: float | None = None,
) -> EventMention:
    """The mention of an extra-type happening: place as found, the lead's date nearest the trigger, outcome counts
    from headline and lead (widened by the early paragraphs' ``early`` sentences after the lead); ``confidence``
    replaces the one the evidence gives (an untyped report's)."""
    event_type, trigger = found
    today = article.published_at.date() if article.published_at else None
    texts = [s for s in (Sentence(article.title or "", 0, 0, True), lead) if s is not None]
    rest = [s for s in early or [] if lead is None or s.start > lead.start]
    date = happening_date(lead, rest, trigger, today) if today else None
    counts = extra_counts(texts, rest)
    own = 0.5 + 0.1 * (hit is not None) + 0.1 * bool(date)
    return build_mention(article, 0, event_type, [], hit, story_date(date, today), merge_counts(counts),
                         lead.text if lead else article.title or "", own if confidence is None else confidence, now)
