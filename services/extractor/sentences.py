"""Cheap sentence splitting with character offsets, before any parsing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")
ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Maj|Capt|Sgt|Brig|Rev|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|Vol|U\.S|U\.N|[A-Z])\.$"
)
DATELINE = re.compile(  # "AMMAN: ", "DEIR EZ-ZOR, Syria (Wire) — ", "(Wire) — "
    r"^(?:(?:[A-Z][A-Z .,'\-]{2,40}(?:,\s+[A-Z][A-Za-z .\-]{1,30})?\s*(?:\([^)]{1,30}\))?|\([^)]{1,30}\))\s*[:—–-]\s+"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s+[A-Z]+\s*\n)"
)
BLOCK = re.compile(r"[^\n]+")
KICKER = re.compile(r"^[A-Z][\w'’ .\-]{1,30}:\s+")
MIN_TITLE = 15
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
CAPTION_CREDIT = re.compile(r"\[[^\]]{2,60}\]\s*$")
MIN_LEAD_WORDS = 8
# any lower-case agentive plural, no word boundaries: a superset of what participants.PERSON_NOUN finds in a span
PERSON_LIKE = re.compile(r"[a-z]{3,}(?:ers|ists|ians|ants|ents|ees|men)")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article: its text, offset in the full text, paragraph index and whether it is the title."""

    text: str
    start: int
    paragraph: int
    is_title: bool = False

    @property
    def end(self) -> int:
        """Offset just past the sentence."""
        return self.start + len(self.text)


def split_sentences(text: str, offset: int = 0, paragraph: int = 0) -> list[Sentence]:
    """Sentences of one paragraph, abbreviations ("Col.", "U.S.") not ending a sentence."""
    sentences: list[Sentence] = []
    begin = 0
    for match in SENTENCE_END.finditer(text):
        if ABBREVIATION.search(text[begin : match.start()]):
            continue
        chunk = text[begin : match.start()].strip()
        if chunk:
            sentences.append(Sentence(chunk, offset + text.index(chunk, begin), paragraph))
        begin = match.end()
    chunk = text[begin:].strip()
    if chunk:
        sentences.append(Sentence(chunk, offset + text.index(chunk, begin), paragraph))
    return sentences


def article_sentences(title: str, body: str) -> tuple[str, list[Sentence]]:
    """The full text (title, blank line, body) and its sentences; the title is sentence 0, paragraph 0.

    A title kicker ("Chad: ...") and a body dateline ("AMMAN: ...") are left out of the sentences."""
    full = f"{title}\n\n{body}"
    sentences: list[Sentence] = []
    head = title.strip()
    if head:
        kicker = KICKER.match(head)
        cut = kicker.end() if kicker and len(head) - kicker.end() > MIN_TITLE else 0
        sentences.append(Sentence(head[cut:], full.index(head) + cut, 0, True))
    offset = len(title) + 2
    paragraph = 0
    for match in BLOCK.finditer(body):
        block = match.group(0)
        if not block.strip():
            continue
        paragraph += 1
        dateline = DATELINE.match(block)
        skip = dateline.end() if dateline else 0
        sentences.extend(split_sentences(block[skip:], offset + match.start() + skip, paragraph))
    return full, sentences


def naming_actors(sentences: list[Sentence], spans: Iterable[tuple[int, int]]) -> list[Sentence]:
    """The sentences that overlap an actor span or hold a person-like plural ("miners"), in order.

    Only these can give a candidate: a clause's actors are the cast phrases inside its spans or a plural
    person noun there (``candidates.Reader.actor_in``). If that reading ever takes actors from elsewhere,
    this filter must widen with it (tests/unit/extractor/test_parse_selection.py checks the two agree)."""
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    reach: list[int] = []
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)
    kept = []
    for sentence in sentences:
        before = bisect.bisect_left(starts, sentence.end)
        if (before and reach[before - 1] > sentence.start) or PERSON_LIKE.search(sentence.text):
            kept.append(sentence)
    return kept


def names_within(sentence: Sentence, names: list[tuple[int, str]]) -> set[str]:
    """The names (``(offset, name)`` pairs sorted by offset) that start inside a sentence."""
    lo = bisect.bisect_left(names, (sentence.start, ""))
    hi = bisect.bisect_left(names, (sentence.end, ""))
    return {name for _, name in names[lo:hi]}


def substantive(text: str) -> bool:
    """Whether a sentence can be the lead: enough Latin-script words (not a byline or a dateline stub)."""
    return len(LATIN_WORD.findall(text)) >= MIN_LEAD_WORDS and not CAPTION_CREDIT.search(text)
