"""Cheap sentence splitting with character offsets, before any parsing."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from services.extractor.patterns import (
    ABBREVIATION,
    BLOCK,
    CAPTION_CREDIT,
    DATELINE_PREFIX,
    KICKER,
    LATIN_WORD,
    PERSON_LIKE,
    SENTENCE_END,
)

MIN_TITLE = 15
MIN_LEAD_WORDS = 8


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
        dateline = DATELINE_PREFIX.match(block)
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
