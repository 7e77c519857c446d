"""place_check: a town is a place where it stands unless the recogniser reads it as something else."""

from __future__ import annotations

import pytest

from services.extractor.place_check import AcceptAll, EntityCheck, around, is_place, placed
from services.extractor.sentences import Sentence


@pytest.mark.parametrize(
    ("entities", "span", "expected"),
    [
        pytest.param([], (10, 16), True, id="no-entity-kept"),
        pytest.param([(10, 16, "GPE")], (10, 16), True, id="place-entity"),
        pytest.param([(10, 16, "LOC")], (10, 16), True, id="region-entity"),
        pytest.param([(10, 16, "FAC")], (10, 16), True, id="exact-facility"),
        pytest.param([(10, 16, "PERSON")], (10, 16), False, id="person"),
        pytest.param([(10, 16, "ORG")], (10, 16), False, id="organisation"),
        pytest.param([(5, 16, "PERSON")], (10, 16), False, id="part-of-a-persons-name"),
        pytest.param([(10, 28, "ORG")], (10, 16), False, id="part-of-an-organisation"),
        pytest.param([(10, 28, "FAC")], (10, 16), False, id="part-of-a-building"),
        pytest.param([(10, 14, "ORG")], (10, 20), True, id="entity-inside-the-name"),
    ],
)
def test_is_place(entities: list[tuple[int, int, str]], span: tuple[int, int], expected: bool) -> None:
    """The recogniser's label and extent decide."""
    assert is_place(entities, *span) is expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        pytest.param("Talks were held in Norwood on Monday.", "Norwood", True, id="after-in"),
        pytest.param("Fighting near the town of Norwood went on.", "Norwood", True, id="town-of"),
        pytest.param("Troops moved into rural Norwood overnight.", "Norwood", True, id="two-lower-words-between"),
        pytest.param("Norwood said the plan was ready.", "Norwood", False, id="subject"),
        pytest.param("There was anger at Norwood's remarks.", "Norwood", False, id="possessive"),
    ],
)
def test_placed(text: str, name: str, expected: bool) -> None:
    """A name after a locative preposition (not a possessive) is read as a place without the recogniser."""
    start = text.index(name)
    assert placed(Sentence(text, 0, 0), start, start + len(name)) is expected


def fake_recogniser(labels: dict[str, str]) -> tuple[list[str], object]:
    """A recogniser labelling given words, and the list of texts it was asked to read."""
    read: list[str] = []

    def recognise(text: str) -> list[tuple[int, int, str]]:
        read.append(text)
        return [(i, i + len(w), label) for w, label in labels.items() if (i := text.find(w)) >= 0]

    return read, recognise


def test_a_persons_name_is_no_town() -> None:
    """"Norwood said" with Norwood read as a person: no place; the same name after "in" stays a place and is not
    read by the recogniser at all."""
    text = "Norwood said the plan was ready. Talks were held in Norwood."
    read, recognise = fake_recogniser({"Norwood": "PERSON"})
    sentences = [Sentence(text[:32], 0, 0), Sentence(text[33:], 33, 0)]
    check = EntityCheck(recognise, sentences)  # type: ignore[arg-type]
    assert not check.confirms(0, 7)
    assert check.confirms(text.rindex("Norwood"), len(text) - 1)
    assert read == [text[:32]]


def test_each_stretch_is_read_once() -> None:
    """Two names in one sentence, neither after a locative: the recogniser reads the sentence once."""
    text = "Ashford and Dunmore councils met on Sunday."
    read, recognise = fake_recogniser({"Ashford": "GPE"})
    check = EntityCheck(recognise, [Sentence(text, 0, 0)])  # type: ignore[arg-type]
    assert check.confirms(0, 7) and check.confirms(12, 19)
    assert read == [text]


def test_the_window_is_cut_at_spaces() -> None:
    """A long sentence is read only around the name, cut between words."""
    sentence = Sentence("word " * 40 + "in Ashford " + "word " * 40, 100, 0)
    start = 100 + sentence.text.index("Ashford")
    left, right = around(sentence, start, start + 7)
    assert 100 < left < start and start + 7 < right < sentence.end
    assert sentence.text[left - 100 - 1] == " " and sentence.text[right - 100] == " "


def test_accept_all() -> None:
    """Without a recogniser every name stays."""
    assert AcceptAll().confirms(0, 5)
