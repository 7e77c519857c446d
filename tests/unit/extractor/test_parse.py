"""The parse pass: plain records navigate the tree exactly as the spaCy Doc they were made from."""

from __future__ import annotations

from typing import Any

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.labels import NSUBJ, load_labels
from services.extractor.parse import ParsedDoc, from_spacy

SENTENCES = [
    "Nigerian troops killed 20 militants and arrested six others near Maiduguri on Tuesday, the army said.",
    "Ankara said on Wednesday that talks between its foreign minister and Iraqi leaders had strengthened ties.",
    "Dozens of activists arrested by police were freed. Their lawyers, who had appealed, welcomed the ruling.",
    "France, Germany and Italy condemned the attack by ISWAP fighters on a garrison in Borno state.",
]


def shape(token: Any) -> tuple[Any, ...]:
    """What the rules read of a token and its neighbourhood, as indices."""
    return (token.i, token.text, token.idx, token.lower_, token.lemma_, token.pos_, token.tag_, token.dep_,
            token.ent_type_, token.head.i, [c.i for c in token.children], [c.i for c in token.lefts],
            [c.i for c in token.rights], [t.i for t in token.subtree], [t.i for t in token.ancestors],
            [c.i for c in token.conjuncts], token.sent.root.i, [t.i for t in token.sent], len(token))


@pytest.mark.parametrize("text", SENTENCES, ids=["conjoined-verbs", "statement", "two-sentences", "conjoined-nouns"])
def test_records_navigate_as_spacy(extractor: EventExtractor, text: str) -> None:
    doc = extractor.nlp(text)
    parsed = from_spacy(doc)
    assert [shape(t) for t in parsed] == [shape(t) for t in doc]


@pytest.mark.parametrize("text", SENTENCES[:2], ids=["conjoined-verbs", "statement"])
def test_char_span_expands_as_spacy(extractor: EventExtractor, text: str) -> None:
    doc = extractor.nlp(text)
    parsed: ParsedDoc = from_spacy(doc)
    for start in range(0, len(text), 3):
        for end in range(start + 1, min(len(text), start + 25) + 1, 4):
            span = doc.char_span(start, end, alignment_mode="expand")
            mine = parsed.char_span(start, end)
            assert (None if span is None else [t.i for t in span]) == (None if mine is None else [t.i for t in mine])


def test_a_token_is_equal_only_to_itself(extractor: EventExtractor) -> None:
    parsed = extractor.parse_text(SENTENCES[0])
    killed = next(t for t in parsed if t.text == "killed")
    assert killed in list(killed.subtree) and parsed[0] not in list(killed.rights)


def test_labels_are_data() -> None:
    labels = load_labels()
    assert labels[("dep", "subject")] == NSUBJ == "nsubj"
