"""Cheap sentence splitting with character offsets, before any parsing."""

from __future__ import annotations

import re
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
