"""Line classifiers: each kind of page furniture, and body lines that must survive."""

from __future__ import annotations

import pytest

from services.normalizer.boilerplate import classify_line, is_list_heading, is_sentence, is_short_label


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param("Read: Harrowgate council approves new flood budget", "cross-link", id="read"),
        pytest.param("READ: Ferry strike enters second day", "cross-link", id="read-upper"),
        pytest.param("Read more: Why the River Vell floods more often", "cross-link", id="read-more"),
        pytest.param("Also read: Tram line extension approved", "cross-link", id="also-read"),
        pytest.param("See also: Night trains return to the north", "cross-link", id="see-also"),
        pytest.param("Watch – Barrier gates close at dusk", "cross-link", id="watch-dash"),
        pytest.param("Read more »", "cross-link", id="read-more-alone"),
        pytest.param("À lire aussi : Les pêcheurs bloquent la criée", "cross-link", id="fr-a-lire-aussi"),
        pytest.param("Lesen Sie auch: Neue Brücke eröffnet", "cross-link", id="de-lesen-sie-auch"),
        pytest.param("اقرأ أيضاً: افتتاح جسر جديد", "cross-link", id="ar-read-also"),
        pytest.param("Share this article", "share", id="share-this-article"),
        pytest.param("Share on Facebook Share on Twitter", "share", id="share-on-networks"),
        pytest.param("Share: Facebook | WhatsApp | Email", "share", id="share-bar"),
        pytest.param("Partager cet article", "share", id="fr-share"),
        pytest.param("3 min read", "reading-time", id="min-read"),
        pytest.param("Reading time: 4 minutes", "reading-time", id="reading-time-label"),
        pytest.param("4 min de lecture", "reading-time", id="fr-reading-time"),
        pytest.param("Lesezeit: 4 Min.", "reading-time", id="de-reading-time"),
        pytest.param("By Maren Holt, Northern Ledger", "byline", id="byline-with-outlet"),
        pytest.param("BY MAREN HOLT AND TOMAS REYK | Coastal Dispatch", "byline", id="byline-upper-two-names"),
        pytest.param("Par Jeanne Varel", "byline", id="fr-byline"),
        pytest.param("(Reporting by Maren Holt; Editing by Osk Mirren)", "credit", id="reporting-credit"),
        pytest.param("© 2021 Northern Ledger. All rights reserved.", "credit", id="copyright"),
        pytest.param("تحرير سامر حلبي | ترجمة ليلى حداد", "credit", id="ar-editing-translation-credit"),
        pytest.param("The post Harrowgate crew wins appeared first on Northern Ledger.", "feed-footer",
                     id="wordpress-feed-footer"),
        pytest.param("[Northern Ledger/Archive]", "photo-credit", id="bracket-credit-alone"),
        pytest.param("Photo: Coastal Dispatch", "photo-credit", id="photo-label"),
        pytest.param("Sandbags line the quay in Harrowgate [Northern Ledger/Archive]", "caption",
                     id="caption-bracket-credit"),
        pytest.param("Queues at the terminal on Thursday. Image from Harbour Cam via “Port Authority.”", "caption",
                     id="caption-image-from"),
        pytest.param("Crews at work on the bridge deck (Photo: Levant Wire)", "caption", id="caption-paren-photo"),
        pytest.param("Related stories", "related", id="related-heading"),
        pytest.param("You may also like", "related", id="you-may-also-like"),
        pytest.param("الأخبار المتعلقة", "related", id="ar-related-news"),
        pytest.param("الخبر السابق", "related", id="ar-previous-story"),
        pytest.param("الخبر التالي", "related", id="ar-next-story"),
        pytest.param("Noticias relacionadas", "related", id="es-related-news"),
        pytest.param("Advertisement", "prompt", id="advertisement"),
    ],
)
def test_boilerplate_kinds(line: str, kind: str) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("By Tuesday, the army had advanced two kilometres.", id="by-starting-a-sentence"),
        pytest.param("“Now the whole valley is clear of water [the river Vell].”", id="bracket-inside-quote"),
        pytest.param("Ledger photographs from the quay showed water up to the door handles of parked cars.",
                     id="photographs-from-in-a-sentence"),
        pytest.param("Photos shared by residents show the barrier closing at dusk.", id="photos-in-a-sentence"),
        pytest.param("Readers sent in 300 questions about the flood barrier.", id="read-prefix-word"),
        pytest.param("Listen-in sessions with the mayor resume on Monday.", id="hyphenated-listen-in"),
        pytest.param("The mayor said she would share the report with the council.", id="share-in-a-sentence"),
        pytest.param("The meeting lasted 45 minutes.", id="minutes-in-a-sentence"),
        pytest.param("كتب الوزير رسالة إلى المجلس البلدي يطلب فيها تمويلاً إضافياً للجسر.", id="ar-wrote-sentence"),
        pytest.param("Tel Marun, Levant Wire", id="dateline-place-and-agency"),
    ],
)
def test_body_lines_are_not_boilerplate(line: str) -> None:
    assert classify_line(line) is None


@pytest.mark.parametrize(
    ("line", "sentence", "short_label"),
    [
        pytest.param("Independent reporting since 1887", False, True, id="slogan"),
        pytest.param("The barrier held.", True, False, id="sentence"),
        pytest.param("“We expect the water to fall.”", True, False, id="quoted-sentence"),
        pytest.param("Will the barrier hold?", True, False, id="question"),
        pytest.param("one two three four five six seven eight nine ten eleven twelve thirteen", False, False,
                     id="long-line-without-full-stop"),
    ],
)
def test_sentence_and_short_label(line: str, sentence: bool, short_label: bool) -> None:
    assert (is_sentence(line), is_short_label(line)) == (sentence, short_label)


@pytest.mark.parametrize(
    ("line", "list_heading"),
    [
        pytest.param("Top stories", True, id="top-stories"),
        pytest.param("More from Northern Ledger", True, id="more-from-site"),
        pytest.param("Editor's picks", True, id="editors-picks"),
        pytest.param("Partner news", True, id="partner-news"),
        pytest.param("Related:", False, id="inline-related"),
        pytest.param("Lire aussi", False, id="fr-inline-read-also"),
        pytest.param("Top stories of the week were dominated by the flood.", False, id="sentence"),
    ],
)
def test_story_list_headings(line: str, list_heading: bool) -> None:
    assert is_list_heading(line) is list_heading
