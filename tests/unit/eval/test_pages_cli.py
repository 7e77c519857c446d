"""The page-dates and bodies summary: exact days of both tools, empty and short bodies."""

from __future__ import annotations

from services.eval.pages_cli import summarise


def page(gold: str, ours: str | None, theirs: str | None, chars: int, standard: int, source: str = "page-meta") -> dict:
    """One judged page."""
    return {"gold": gold, "newsflow": ours, "source": source, "htmldate": theirs, "chars": chars,
            "trafilatura_chars": standard}


def test_summary_counts_exact_days_and_lost_bodies() -> None:
    pages = {
        "a": page("2021-03-14", "2021-03-14", "2021-03-14", 2000, 2100),
        "b": page("2021-03-15", "2021-03-14", "2021-03-15", 50, 3000),  # our body under a tenth of theirs
        "c": page("2021-03-16", None, None, 0, 0, source="fetched"),  # nothing found by either, empty body
        "d": page("2021-03-17", "2021-03-17", "2020-01-01", 900, 800, source="page-text"),
    }
    result = summarise(pages)
    assert result["figures"] == {"date_exact_day": 0.5, "body_empty_share": 0.25, "body_short_share": 0.3333}
    assert result["reference"] == {"htmldate_extensive_exact_day": 0.5}
    assert result["date_by_source"] == {"fetched": {"right": 0, "pages": 1}, "page-meta": {"right": 1, "pages": 2},
                                        "page-text": {"right": 1, "pages": 1}}
