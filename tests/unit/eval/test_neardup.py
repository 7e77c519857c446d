from services.eval.neardup import score
from services.eval.neardup_corpus import labelled_pairs


def test_pair_set_is_deterministic_and_labelled():
    first, again = labelled_pairs(4), labelled_pairs(4)
    assert [(p.a.text, p.b.text, p.duplicate) for p in first] == [(p.a.text, p.b.text, p.duplicate) for p in again]
    assert {p.kind for p in first if not p.duplicate} == {"same-template", "same-topic", "other-topic"}


def test_scores_meet_the_floors_on_a_small_slice():
    figures = score(labelled_pairs(4)[:60], 0.6)
    assert figures["precision"] >= 0.99 and figures["recall"] >= 0.9
