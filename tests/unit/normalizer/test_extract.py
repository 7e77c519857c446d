"""Main text from pages (trafilatura) and from feed markup."""

from __future__ import annotations

import pytest

from services.normalizer.extract import markup_line, markup_paragraphs, page_paragraphs
from tests.unit.normalizer.factories import fixture


@pytest.mark.parametrize(
    ("markup", "paragraphs"),
    [
        pytest.param("Plain summary &amp; more.\n\nSecond paragraph.", ["Plain summary & more.", "Second paragraph."],
                     id="plain-text"),
        pytest.param("<p>One.</p><p>Two &lt;b&gt;.</p>", ["One.", "Two <b>."], id="paragraph-tags"),
        pytest.param("Line one<br>same paragraph<br><br>new paragraph", ["Line one same paragraph", "new paragraph"],
                     id="br-tags"),
        pytest.param("<div><script>track()</script>Kept<!-- hidden --></div>", ["Kept"], id="script-and-comment"),
        pytest.param("A river < 2 m deep is safe", ["A river < 2 m deep is safe"], id="less-than-is-not-markup"),
        pytest.param("<p>Quay\x07 closed\x00</p>", ["Quay closed"], id="control-chars-in-markup"),
        pytest.param(None, [], id="none"),
    ],
)
def test_markup_paragraphs(markup: str | None, paragraphs: list[str]) -> None:
    assert markup_paragraphs(markup) == paragraphs


def test_markup_line_for_titles() -> None:
    assert markup_line("Quay <em>flooded</em> &amp; closed") == "Quay flooded & closed"


def test_feed_content_double_encoded_and_wordpress_footer_line() -> None:
    paragraphs = markup_paragraphs(fixture("feed_content_wordpress.html"))
    assert paragraphs[0].startswith("The Harrowgate & District rowing club won")
    assert paragraphs[1] == "It is the club’s first win in the race since 2009."
    assert paragraphs[-1].startswith("The post Harrowgate crew wins the Vell Cup appeared first on")


def test_page_paragraphs_drop_navigation_and_footer() -> None:
    paragraphs = page_paragraphs(fixture("page_slogan_dateline_readlinks.html"))
    assert "Home World Business Sport" not in paragraphs
    assert not any("All rights reserved" in line for line in paragraphs)
    assert any(line.startswith("The flood barrier protecting") for line in paragraphs)


def test_page_without_text() -> None:
    assert page_paragraphs("<html><body></body></html>") == []


def test_layout_table_keeps_paragraphs_and_data_rows_stay_one_line_each() -> None:
    paragraphs = page_paragraphs(fixture("page_layout_and_data_tables.html"))
    assert any(line.startswith("Return fares on three Kestrel Bay ferry routes") for line in paragraphs)
    assert any(line.startswith("Season tickets bought before") for line in paragraphs)
    assert not any(line.startswith("Return fares") and "Season tickets" in line for line in paragraphs)
    assert "Kestrel Bay – Harrowgate | 14.20 | 15.30" in paragraphs
    assert any(line.startswith("Passenger groups said") for line in paragraphs)
