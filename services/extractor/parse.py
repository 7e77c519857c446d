"""The parse pass's records: each parsed sentence as plain tokens, so no later pass touches a spaCy object.

``ParsedDoc`` and ``Token`` keep what the rules read of a spaCy parse (text, lemma, tags, dependency label, head,
the parser's sentence boundaries and roots) under spaCy's attribute names, and navigate the tree the way spaCy
does: children in text order, ``subtree`` as spaCy walks it (left children's subtrees, the token, right
children's), ``conjuncts``, ``ancestors``, ``sent`` and ``char_span(..., "expand")``. A token is one object per
position, so identity is spaCy's equality (same document, same index).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from services.extractor.labels import CONJ


@dataclass(frozen=True, eq=False)
class Token:
    """One token of a parsed sentence (spaCy's attribute names; offsets relative to the sentence)."""

    i: int
    text: str
    idx: int
    space: int  # length of the whitespace after the token
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    ent_type_: str  # empty: the pipeline runs no NER (spacy_pipeline.EXCLUDED)
    head_i: int
    sent_i: int  # which of the parser's sentences the token is in
    doc: ParsedDoc = field(repr=False)

    @property
    def head(self) -> Token:
        """The token's syntactic head (itself for a root)."""
        return self.doc.tokens[self.head_i]

    @property
    def lefts(self) -> Iterator[Token]:
        """Children before the token, in text order."""
        return iter(self.doc.lefts[self.i])

    @property
    def rights(self) -> Iterator[Token]:
        """Children after the token, in text order."""
        return iter(self.doc.rights[self.i])

    @property
    def children(self) -> Iterator[Token]:
        """Every child, in text order."""
        yield from self.doc.lefts[self.i]
        yield from self.doc.rights[self.i]

    @property
    def subtree(self) -> Iterator[Token]:
        """The token and its descendants, as spaCy yields them."""
        for left in self.lefts:
            yield from left.subtree
        yield self
        for right in self.rights:
            yield from right.subtree

    @property
    def ancestors(self) -> Iterator[Token]:
        """Head, head's head, ... up to the root."""
        token, steps = self, 0
        while token.head_i != token.i and steps < len(self.doc):
            token = token.head
            yield token
            steps += 1

    @property
    def conjuncts(self) -> tuple[Token, ...]:
        """Tokens coordinated with this one (itself excluded), as spaCy finds them."""
        start = self
        while start.i != start.head_i and start.dep_ == CONJ:
            start = start.head
        queue, output = [start], [start]
        for word in queue:
            for child in word.rights:
                if child.dep_ == CONJ:
                    output.append(child)
                    queue.append(child)
        return tuple(w for w in output if w.i != self.i)

    @property
    def sent(self) -> ParsedSpan:
        """The parser's sentence holding the token."""
        return self.doc.sents[self.sent_i]

    def __len__(self) -> int:
        """Characters of the token's text."""
        return len(self.text)


@dataclass(frozen=True, eq=False)
class ParsedSpan:
    """One of the parser's sentences within a parsed text."""

    doc: ParsedDoc = field(repr=False)
    start: int
    end: int
    root_i: int

    @property
    def root(self) -> Token:
        """The sentence's root as spaCy's ``Span.root`` gives it."""
        return self.doc.tokens[self.root_i]

    def __iter__(self) -> Iterator[Token]:
        """The sentence's tokens."""
        return iter(self.doc.tokens[self.start : self.end])


@dataclass(frozen=True, eq=False)
class ParsedDoc:
    """One parsed text: its tokens and the parser's sentences."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sents: list[ParsedSpan] = field(default_factory=list)
    lefts: list[list[Token]] = field(default_factory=list, repr=False)  # each token's left children
    rights: list[list[Token]] = field(default_factory=list, repr=False)  # and right ones, as the parser set them

    def __iter__(self) -> Iterator[Token]:
        """The tokens in text order."""
        return iter(self.tokens)

    def __len__(self) -> int:
        """Number of tokens."""
        return len(self.tokens)

    def __getitem__(self, i: int) -> Token:
        """The token at ``i``."""
        return self.tokens[i]

    def token_at(self, char: int) -> int:
        """Index of the token whose text or trailing space holds a character, or -1 (spaCy's ``token_by_char``)."""
        start, end = 0, len(self.tokens) - 1
        while start <= end:
            mid = (start + end) // 2
            token = self.tokens[mid]
            if char < token.idx:
                end = mid - 1
            elif char >= token.idx + len(token.text) + token.space:
                start = mid + 1
            else:
                return mid
        return -1

    def char_span(self, start_char: int, end_char: int) -> list[Token] | None:
        """Tokens at least partly covered by a character range, as spaCy's ``char_span(alignment_mode="expand")``;
        None where spaCy gives no span."""
        start = self.token_at(start_char)
        if start < 0:
            return None
        end = self.token_at(end_char - 1)
        if end < 0:
            return None
        if start_char == self.tokens[start].idx + len(self.tokens[start].text):
            start += 1
        return self.tokens[start : end + 1]


def from_spacy(doc: Any) -> ParsedDoc:
    """A spaCy Doc as plain records."""
    parsed = ParsedDoc(doc.text)
    sent_of: dict[int, int] = {}
    for n, sent in enumerate(doc.sents):
        parsed.sents.append(ParsedSpan(parsed, sent.start, sent.end, sent.root.i))
        sent_of.update((i, n) for i in range(sent.start, sent.end))
    for t in doc:
        parsed.tokens.append(Token(t.i, t.text, t.idx, len(t.whitespace_), t.lower_, t.lemma_, t.pos_, t.tag_,
                                   t.dep_, t.ent_type_, t.head.i, sent_of[t.i], parsed))
    for t in doc:
        parsed.lefts.append([parsed.tokens[c.i] for c in t.lefts])
        parsed.rights.append([parsed.tokens[c.i] for c in t.rights])
    return parsed


def parse_texts(nlp: Any, texts: Iterable[str]) -> list[ParsedDoc]:
    """Parse texts with the spaCy pipeline and keep only plain records."""
    return [from_spacy(doc) for doc in nlp.pipe(texts)]
