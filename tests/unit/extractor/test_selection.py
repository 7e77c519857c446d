"""Which sentences get parsed: only those that can give a candidate, the first MAX_PARSED of them."""

from __future__ import annotations

import pytest

from services.extractor.extract import MAX_PARSED, EventExtractor
from services.extractor.selection import to_parse
from services.extractor.sentences import Sentence, article_sentences, names_within, naming_actors
from tests.unit.extractor.conftest import make_article


def sentence(text: str, start: int) -> Sentence:
    return Sentence(text, start, 1)


NAMING = {
    "actor_inside": ([(5, 12)], True),
    "actor_overlapping_start": ([(0, 3)], True),
    "actor_before": ([(0, 2)], False),
    "actor_after": ([(40, 50)], False),
    "long_span_covering": ([(0, 60)], True),
}


@pytest.mark.parametrize(("spans", "kept"), NAMING.values(), ids=NAMING.keys())
def test_naming_actors_by_span(spans: list[tuple[int, int]], kept: bool) -> None:
    s = sentence("The town was quiet on Monday.", 2)  # characters 2..31
    assert (naming_actors([s], spans) == [s]) is kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [("Illegal miners were arrested.", True), ("Coworkers left.", True), ("Prices rose in March.", False)],
    ids=["person_plural", "inside_a_word", "no_person"],
)
def test_naming_actors_by_person_noun(text: str, kept: bool) -> None:
    s = sentence(text, 0)
    assert (naming_actors([s], []) == [s]) is kept


def test_naming_actors_keeps_reading_order() -> None:
    sentences = [sentence("Police came.", 0), sentence("It rained.", 13), sentence("Police left.", 24)]
    assert naming_actors(sentences, [(24, 30), (0, 6)]) == [sentences[0], sentences[2]]


ARTICLES = {
    "attack": (
        "Islamic State fighters attack army post near Raqqa",
        "Islamic State militants attacked an army post near Raqqa on Tuesday, killing 12 soldiers, Syrian officials "
        "said.\nThe weather was cold and the roads were closed for most of the day.\nThe Syrian army shelled the "
        "militants' positions later that night, residents said.",
    ),
    "protest_no_country": (
        "Teachers protest unpaid wages",
        "Hundreds of teachers protested in front of the ministry on Monday over unpaid wages.\nThe square was "
        "crowded and shops closed early.\nPolice dispersed the protesters with tear gas, witnesses said.",
    ),
    "title_without_actors": (
        "Car bomb kills 12 in Kosti market",
        "A car bomb exploded in the main market of Kosti on Sunday, killing 12 people, Sudanese police said.\n"
        "The market had reopened last week.",
    ),
    "arrest": (
        "Police detain demonstrators in Kosti",
        "Police in Kosti arrested 40 people on Sunday after a demonstration against bread prices turned violent.\n"
        "Bread prices have tripled since January.\nSudanese officials said the detainees would be charged.",
    ),
}


def brief(extractor: EventExtractor, title: str, text: str) -> list[dict[str, object]]:
    mentions = extractor.extract(make_article(title, text, published="2025-03-11T10:00"))
    return [m.model_dump(exclude={"extracted_at"}) for m in mentions]


@pytest.mark.parametrize(("title", "text"), ARTICLES.values(), ids=ARTICLES.keys())
def test_short_article_reads_as_with_every_sentence_parsed(extractor: EventExtractor, title: str, text: str) -> None:
    """The actor filter drops only sentences that cannot give a candidate: with at most MAX_PARSED of them the
    mention is the one parsing every verb sentence gives."""
    assert len(article_sentences(title, text)[1]) <= MAX_PARSED
    selective = brief(extractor, title, text)
    extractor.parse_all = True
    try:
        full = brief(extractor, title, text)
    finally:
        extractor.parse_all = False
    assert selective == full
    assert selective or title.startswith("Teachers")


def test_parse_counts_only_chosen_sentences(extractor: EventExtractor) -> None:
    before = extractor.stats.parsed
    title, text = ARTICLES["attack"]
    extractor.extract(make_article(title, text))
    assert extractor.stats.parsed - before == 3  # title, lead and the shelling; the weather sentence names no actor


def test_names_within_takes_names_starting_inside() -> None:
    names = [(0, "A"), (10, "B"), (25, "C"), (40, "D")]
    assert names_within(sentence("x" * 20, 10), names) == {"B", "C"}  # characters 10..29
    assert names_within(sentence("x" * 5, 41), names) == set()


def test_after_the_first_sentences_only_those_naming_the_leads_parties_are_parsed(extractor: EventExtractor) -> None:
    lead = [f"Hamas fighters fired rockets at Israeli towns on day {i}, police said." for i in range(MAX_PARSED - 1)]
    later = ["The Lebanese army shelled positions near the border, officials said.",
             "Hamas fighters later attacked an army post, witnesses said."]
    title = "Hamas fires rockets"
    full, sentences = article_sentences(title, "\n".join(lead + later))
    chosen = to_parse(extractor.actors, full, sentences, extractor.max_parsed)
    texts = [s.text for s in chosen]
    assert texts[: MAX_PARSED] == [title, *lead]  # the title is one of the first MAX_PARSED
    assert texts[MAX_PARSED:] == [later[1]]  # Hamas again: parsed; the Lebanese army's shelling: not
