import datetime as dt
import random

import pytest

from services.bench.corpus import MAX_WORDS, MIN_WORDS, count_phrase, date_phrase, generate


def test_same_seed_same_corpus():
    first = [g.raw.model_dump() for g in generate(60, seed=3)]
    again = [g.raw.model_dump() for g in generate(60, seed=3)]
    assert first == again


def test_other_seed_other_corpus():
    assert [g.raw.html for g in generate(20, seed=3)] != [g.raw.html for g in generate(20, seed=4)]


@pytest.mark.parametrize("rate", [0.0, 0.1, 0.3], ids=["none", "ten-percent", "thirty-percent"])
def test_duplicate_rate_is_close_to_the_set_rate(rate):
    items = list(generate(2000, seed=5, duplicate_rate=rate))
    copies = sum(1 for g in items if g.kind != "original")
    assert abs(copies / len(items) - rate) < 0.03


def test_copies_point_at_an_earlier_original():
    items = list(generate(500, seed=6, duplicate_rate=0.2))
    seen: set[str] = set()
    for g in items:
        if g.kind != "original":
            assert g.copy_of in seen
        seen.add(g.raw.article_id)


def test_exact_copies_repeat_the_text_and_near_copies_differ_slightly():
    items = {g.raw.article_id: g for g in generate(500, seed=8, duplicate_rate=0.3)}
    for g in items.values():
        if g.kind == "exact":
            assert g.lines == items[g.copy_of].lines
        elif g.kind == "near":
            assert g.lines != items[g.copy_of].lines
            assert g.lines[:4] == items[g.copy_of].lines[:4]


def test_lengths_span_the_range():
    words = [g.words for g in generate(1500, seed=9)]
    assert min(words) >= MIN_WORDS
    assert max(words) <= MAX_WORDS
    assert max(words) - min(words) > 800


def test_several_outlets_report_each_happening():
    outlets: dict[int, set[str]] = {}
    for g in generate(300, seed=10, duplicate_rate=0.0):
        outlets.setdefault(g.happening.index, set()).add(g.raw.source)
    assert sum(len(s) for s in outlets.values()) / len(outlets) >= 2


def test_aliases_and_hedged_counts_appear():
    text = " ".join(" ".join(g.lines) for g in generate(400, seed=11))
    for form in ("ISIS", "Daesh", "Islamic State", "some ", "as many as "):
        assert form in text


@pytest.mark.parametrize(("gap", "allowed"), [
    (0, {"today", "earlier today", "on Monday", "on March 10"}),
    (1, {"yesterday", "late yesterday", "on Sunday", "on March 9"}),
    (3, {"on Friday", "last Friday", "on March 7"}),
], ids=["same-day", "day-before", "three-days"])
def test_date_phrases_match_the_gap(gap, allowed):
    published = dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC)
    rng = random.Random(1)
    assert {date_phrase(published.date() - dt.timedelta(days=gap), published, rng) for _ in range(50)} <= allowed


def test_count_phrases_keep_the_figure():
    rng = random.Random(2)
    assert all("1,200" in count_phrase(1200, rng) for _ in range(20))
