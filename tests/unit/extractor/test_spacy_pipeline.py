"""The trimmed pipeline (indexed attribute ruler, cached lemmas, OpenBLAS) annotates as the stock model does."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from services.extractor.attribute_rules import IndexedRules
from services.extractor.extract import EventExtractor
from services.extractor.spacy_pipeline import EXCLUDED, SPACY_MODEL

SENTENCES = {
    "event": "Islamic State militants attacked an army post near Raqqa on Tuesday, killing 12 soldiers.",
    "passive": "Six SDF members were killed when Daesh fighters stormed their checkpoint.",
    "contractions": "They ain't gonna stop, y'all know it's nothin' and we gotta go, let's see.",
    "existential": "There is a curfew and there are 300 people in the square; there's no food.",
    "pronouns": "I said you and it were there, but he told us she had left.",
    "spacing": "Police  arrested\n\n 40 people   after the march .",
    "numbers_and_quotes": "\"We need work, not speeches,\" said a 45-year-old teacher who earns $200 a month.",
    "repeated_words": "Protesters protested, protesting the protests protesters had protested.",
}


def annotations(doc: Any) -> list[tuple[Any, ...]]:
    """What the extractor reads of every token, and what the lemmatizer writes."""
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def stock() -> Any:
    """The model as spaCy loads it, same components."""
    return spacy.load(SPACY_MODEL, exclude=EXCLUDED)


@pytest.mark.parametrize("text", SENTENCES.values(), ids=SENTENCES.keys())
def test_pipeline_annotates_as_stock(extractor: EventExtractor, stock: Any, text: str) -> None:
    assert isinstance(extractor.nlp.get_pipe("attribute_ruler").match, IndexedRules)
    assert annotations(extractor.nlp(text)) == annotations(stock(text))


def test_pipeline_annotates_a_batch_as_stock(extractor: EventExtractor, stock: Any) -> None:
    texts = list(SENTENCES.values()) * 2  # second time round from the caches
    assert [annotations(d) for d in extractor.nlp.pipe(texts)] == [annotations(d) for d in stock.pipe(texts)]


def test_index_gives_the_matchers_matches(extractor: EventExtractor, stock: Any) -> None:
    ruler = stock.get_pipe("attribute_ruler")
    for text in SENTENCES.values():
        doc = stock.make_doc(text)
        for _, component in stock.pipeline[: stock.pipe_names.index("attribute_ruler")]:
            doc = component(doc)
        assert IndexedRules(ruler)(doc) == ruler.match(doc)
