"""Positional boilerplate rules over a page's lines, and captions moved out of the body."""

from __future__ import annotations

import pytest

from services.normalizer.body import strip_boilerplate

HEADLINE = "Flood barrier holds as River Vell crests"
FIRST = "The flood barrier protecting Harrowgate held overnight as the river crested at 6.2 metres, officials said."
SECOND = "Around 1,200 residents had been told to leave their homes on Tuesday evening as a precaution."


def removed_by(lines: list[str], **context: list[str]) -> dict[str, str]:
    """{line: rule} for every line strip_boilerplate removed."""
    body = strip_boilerplate(lines, context.get("titles", [HEADLINE]), context.get("site_names", []),
                             context.get("captions", []))
    assert FIRST in body.paragraphs
    return {line: rule for rule, line in body.removed}


@pytest.mark.parametrize(
    ("lines", "line", "rule"),
    [
        pytest.param(["Independent reporting since 1887", HEADLINE, FIRST], "Independent reporting since 1887",
                     "slogan", id="slogan-before-headline"),
        pytest.param(["Tuesday 7 / 9 / 2021", HEADLINE, FIRST], "Tuesday 7 / 9 / 2021", "slogan",
                     id="date-before-headline"),
        pytest.param([HEADLINE, FIRST, SECOND], HEADLINE, "headline", id="headline-not-repeated"),
        pytest.param([HEADLINE + "!", FIRST], HEADLINE + "!", "headline", id="headline-punctuation-ignored"),
        pytest.param([HEADLINE, "13 February 2021", FIRST], "13 February 2021", "dateline", id="date-only-line"),
        pytest.param([HEADLINE, "Posted 13 Feb 2021 | Maren Holt | Harrowgate desk", FIRST],
                     "Posted 13 Feb 2021 | Maren Holt | Harrowgate desk", "byline-date", id="header-line-with-date"),
        pytest.param([HEADLINE, "The flood barrier protecting Harrowgate held […]", FIRST],
                     "The flood barrier protecting Harrowgate held […]", "teaser", id="teaser-of-first-paragraph"),
        pytest.param([HEADLINE, "Northern Ledger", FIRST], "Northern Ledger", "site-name", id="site-name"),
        pytest.param([HEADLINE, FIRST, "Weather desk", SECOND, "Weather desk"], "Weather desk", "repeated",
                     id="repeated-short-line"),
        pytest.param([HEADLINE, FIRST, SECOND, SECOND], SECOND, "duplicate", id="duplicate-paragraph"),
        pytest.param([HEADLINE, FIRST, "Share this articleFerry timetable returns to normal"],
                     "Ferry timetable returns to normal", "share-link", id="glued-share-prompt-and-link"),
    ],
)
def test_positional_rules(lines: list[str], line: str, rule: str) -> None:
    assert removed_by(lines, site_names=["Northern Ledger"]).get(line) == rule


def test_glued_share_prompt_keeps_a_real_paragraph() -> None:
    body = strip_boilerplate([HEADLINE, "Share this article" + FIRST], [HEADLINE], [], [])
    assert body.paragraphs == [FIRST]
    assert ("share", "Share this article") in body.removed


def test_related_block_takes_its_links_and_ends_at_a_paragraph() -> None:
    lines = [HEADLINE, FIRST, "الأخبار المتعلقة", "تحرير سامر حلبي | تم النشر بتاريخ : ٢٠ مارس، ٢٠٢١", "الخبر السابق",
             "ارتفاع أسعار القمح في أسواق المدينة", "Related stories", "Ferry crews strike over rota", SECOND]
    body = strip_boilerplate(lines, [HEADLINE], [], [])
    assert body.paragraphs == [FIRST, SECOND]
    assert [rule for rule, _ in body.removed].count("related") == 6


def test_captions_leave_the_body() -> None:
    caption = "Sandbags line the quay in Harrowgate [Northern Ledger/Archive]"
    figcaption = "The barrier gates at dusk"
    body = strip_boilerplate([HEADLINE, caption, FIRST, figcaption, caption, SECOND], [HEADLINE], [], [figcaption])
    assert body.paragraphs == [FIRST, SECOND]
    assert body.captions == [caption, figcaption]


def test_lines_before_the_headline_that_are_sentences_stay() -> None:
    body = strip_boilerplate([FIRST, HEADLINE, SECOND], [HEADLINE], [], [])
    assert body.paragraphs == [FIRST, SECOND]


def test_without_a_headline_only_line_rules_apply() -> None:
    body = strip_boilerplate(["Weather desk", "13 February 2021", FIRST], ["Another title"], [], [])
    assert body.paragraphs == ["Weather desk", FIRST]


THIRD = "The council will publish a full report on the barrier's performance before the end of the month."
TEASERS = ["Ferry crews vote to strike over new rota, union says after ballot closes on Friday evening.",
           "Harrowgate rowing club wins the Vell Cup for the first time since 2009, beating Port Elswick."]


def test_story_list_heading_in_the_second_half_takes_the_rest_of_the_page() -> None:
    body = strip_boilerplate([HEADLINE, FIRST, SECOND, THIRD, "Top stories", *TEASERS], [HEADLINE], [], [])
    assert body.paragraphs == [FIRST, SECOND, THIRD]
    assert [line for rule, line in body.removed if rule == "related"] == ["Top stories", *TEASERS]


def test_story_list_heading_early_on_only_takes_its_links() -> None:
    body = strip_boilerplate([HEADLINE, "More news", "Ferry crews strike", FIRST, SECOND, THIRD], [HEADLINE], [], [])
    assert body.paragraphs == [FIRST, SECOND, THIRD]


def test_inline_read_also_heading_does_not_end_the_article() -> None:
    lines = [HEADLINE, FIRST, SECOND, "Read also", TEASERS[0], THIRD]
    body = strip_boilerplate(lines, [HEADLINE], [], [])
    assert THIRD in body.paragraphs


def test_a_body_on_one_line_opening_with_a_breadcrumb_and_a_date_stays() -> None:
    body_line = ("Home Issues Harbour 12 March 2021 The harbour board voted to close the north quay for repairs "
                 "after divers found cracks in its piles, and the ferries will use the south quay until the work "
                 "ends in the autumn, the board's chair told reporters on the quay, adding that the cost would be "
                 "shared with the town council and that fishing boats could still land their catch")
    body = strip_boilerplate(["Harbour quay closes", body_line], ["Harbour quay closes"], [], [])
    assert body.paragraphs == [body_line]
