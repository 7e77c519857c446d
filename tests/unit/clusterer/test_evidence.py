"""What a report's evidence holds, and how an event's profile and the online IDF sum and bound it."""

from __future__ import annotations

import pytest

from services.clusterer import profile as profile_module
from services.clusterer.evidence import evidence_of, fold, title_case
from services.clusterer.idf import DocumentFrequency
from services.clusterer.profile import Profile

LEAD = ("A strong earthquake of magnitude 6.1 struck Indonesia's Aceh province on Tuesday, killing 12 people and "
        "injuring 1,200, officials said. President Susilo Bambang Yudhoyono visited Aceh in 2013.")


@pytest.mark.parametrize(("word", "folded"), [("quakes", "quake"), ("Indonesia's", "indonesia"),
                                              ("casualties", "casualty"), ("press", "press"), ("virus", "virus")])
def test_words_are_folded_to_lower_case_singular(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_evidence_counts_the_headline_twice_and_keeps_names_figures_and_years() -> None:
    ev = evidence_of("Magnitude 6.1 quake strikes Aceh", LEAD)
    assert ev.terms["aceh"] == 2 + 2 and ev.terms["magnitude"] == 2 + 1 and "the" not in ev.terms
    assert ev.headline == ["magnitude", "quake", "strike", "aceh"]
    assert ev.names[:3] == ["aceh", "indonesia", "susilo"] and "strong" not in ev.names  # "A strong" opens it
    assert "tuesday" not in ev.names  # a weekday is not a name
    assert ev.numbers == ["6.1", "12", "1200"] and ev.years == [2013] and ev.dated


def test_a_title_case_headline_gives_no_names_a_sentence_case_one_does() -> None:
    assert title_case("Magnitude 6.1 Quake Strikes Indonesia's Aceh")
    assert not title_case("Magnitude 6.1 quake strikes Indonesia's Aceh province")
    assert "susilo" not in evidence_of("Susilo Visits Quake Zone", "Nothing named here.").names
    assert "susilo" in evidence_of("President Susilo visits the quake zone", "Nothing named here.").names


def test_the_profile_keeps_the_most_frequent_words_and_the_idf_follows_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_module, "MAX_TERMS", 3)
    idf = DocumentFrequency()
    summed = Profile("en")
    for text in ("quake aceh quake", "quake aceh rescue", "quake toll"):
        ev = evidence_of(None, text)
        idf.add_report(ev.terms)
        for term, reports in summed.add(ev, None, idf.idf):
            idf.forget(term, reports)
    assert summed.docs == 3 and set(summed.terms) == {"quake", "aceh", "rescue"}
    assert summed.terms["quake"] == [4, 3] and summed.terms["aceh"] == [2, 2]
    rebuilt = DocumentFrequency()
    rebuilt.add_profile(Profile.from_row(summed.row()))
    assert rebuilt.counts == idf.counts and rebuilt.docs == idf.docs == 3
    assert idf.idf("quake") < idf.idf("aceh") < idf.idf("never-seen")
    rebuilt.remove_profile(summed)
    assert rebuilt.docs == 0 and not rebuilt.counts
