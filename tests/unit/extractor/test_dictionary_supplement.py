"""The curated additions to the CAMEO verb dictionary (data/dictionary_supplement.tsv, verbs_supplement.tsv,
plover_supplement.tsv) and prepositional complements the dictionary's patterns name."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.extractor import data
from services.extractor.extract import EventExtractor
from services.extractor.verb_supplements import supplement
from services.extractor.verbs import Side
from tests.unit.extractor.conftest import make_article


@pytest.mark.parametrize(
    ("lemma", "after", "code"),
    [
        pytest.param("reduce", "food supplies to the camp", "162", id="reduce-supplies-stops-aid"),
        pytest.param("reduce", "aid to the province", "162", id="reduce-aid"),
        pytest.param("send", "arms to the rebels", "072", id="send-arms-to-is-military-aid"),
        pytest.param("give", "a warm welcome to the envoy", "043", id="give-welcome-hosts-a-visit"),
        pytest.param("receive", "a team of inspectors", "0862", id="receive-inspectors"),
    ],
)
def test_supplement_patterns(extractor: EventExtractor, lemma: str, after: str, code: str) -> None:
    side = Side(frozenset(after.split()), after)
    match = extractor.verbs.code(extractor.verbs.senses(lemma), Side(), side)
    assert match is not None and match.code == code


def test_bare_forces_are_military(extractor: EventExtractor) -> None:
    before = Side(frozenset({"invasion", "forces"}), "invasion forces")
    match = extractor.verbs.code(extractor.verbs.senses("withdraw"), before, Side())
    assert match is not None and match.code == "0874"


@pytest.mark.parametrize(
    ("text", "plover", "cameo"),
    [
        pytest.param("Hackers defaced the websites of the Kenyan government on Monday.", "COERCE", "176",
                     id="defaced-websites-is-a-cyber-attack"),
        pytest.param("The Kenyan government on Monday called for sanctions against Uganda.", "THREATEN", "1312",
                     id="called-for-is-a-complement"),
        pytest.param("The Kenyan government on Monday slammed Uganda over the border closure.", "ACCUSE", "111",
                     id="slammed-is-criticism"),
        pytest.param("The Kenyan government on Monday repudiated the fisheries accord with Uganda.", "REJECT", "120",
                     id="repudiated-is-a-rejection"),
    ],
)
def test_one_sentence_reports(extractor: EventExtractor, text: str, plover: str, cameo: str) -> None:
    mention = extractor.extract(make_article("", text))[0]
    assert (mention.event_type.plover, mention.event_type.cameo) == (plover, cameo)


def test_supplement_verbs_reach_the_prefilter(extractor: EventExtractor) -> None:
    assert extractor.verbs.may_hold_event("Workers picketed the ministry.") is True


def test_an_unknown_row_kind_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "extra.tsv").write_text("# header\nverb\tREDUCE\t\taid\t162\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match="unknown row kind"):
        supplement({}, [{"name": "REDUCE", "patterns": []}], "extra.tsv")
