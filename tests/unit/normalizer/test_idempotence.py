"""Property: normalising an article's normalised text again changes nothing (text, hash, captions kept apart)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.normalizer.body import strip_boilerplate
from services.normalizer.text import clean_text, split_paragraphs
from services.normalizer.transform import NormalisationError, normalise
from tests.unit.normalizer.factories import make_raw

SENTENCES = [
    "The flood barrier protecting Harrowgate held overnight as the River Vell crested at 6.2 metres, officials said.",
    "Around 1,200 residents had been told to leave their homes on Tuesday evening as a precaution.",
    "Ferry crews at Kestrel Bay voted to strike over a new rota, the union said on Friday.",
    "« Nous n'avons jamais vu une crue pareille », a déclaré le maire de Port Elswick mardi soir.",
    "Los pescadores bloquearon el domingo el puerto para protestar contra la reducción de las cuotas.",
    "Die Fischer blockierten am Sonntag den Hafen, um gegen die Kürzung der Quoten zu protestieren.",
    "افتتح جسر جديد فوق النهر يوم السبت واختصر الطريق بين الضفتين إلى خمس دقائق.",
    "Repairs to the north pier cost about 2\u00a0million crowns — twice the first estimate.",
]
BOILERPLATE = [
    "Read: Ferry fares rise on three routes", "READ: Harrowgate crew wins the Vell Cup", "Share this article",
    "3 min read", "By Marta Quill, Northern Ledger", "Photo: Northern Ledger/Archive", "Related stories",
    "Top stories", "The barrier gates at dusk [Northern Ledger/Archive]", "13 February 2021 14:47 GMT",
    "Northern Ledger – news from the north", "Advertisement",
]
NOISE = st.sampled_from(["", " ", "\u00a0", "&amp;", "&nbsp;", "\u200b", "\x07", "\u2014", "\u2212", "e\u0301", "\r\n"])
LINE = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(BOILERPLATE),
                 st.tuples(st.sampled_from(SENTENCES), NOISE).map("".join))
ARTICLES = st.lists(LINE, min_size=1, max_size=14)


def _renormalised(title: str, text: str) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    first = normalise(make_raw(title=title, summary=text))
    again = normalise(make_raw(title=first.title, summary=first.text))
    return (first.text, first.content_hash, first.title), (again.text, again.content_hash, again.title)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=ARTICLES, as_html=st.booleans())
def test_normalise_is_idempotent_on_wire_style_articles(lines: list[str], as_html: bool) -> None:
    text = "".join(f"<p>{line}</p>" for line in lines) if as_html else "\n\n".join(lines)
    first, again = _renormalised("Flood barrier holds as River Vell crests", text)
    assert again == first


@settings(max_examples=150, deadline=None)
@given(title=st.text(max_size=60), text=st.text(max_size=300))
def test_normalise_is_idempotent_on_any_text(title: str, text: str) -> None:
    try:
        first, again = _renormalised(title, text)
    except NormalisationError:
        return
    assert again == first


@settings(max_examples=150, deadline=None)
@given(lines=ARTICLES)
def test_boilerplate_removal_is_idempotent(lines: list[str]) -> None:
    titles = ["Flood barrier holds as River Vell crests"]
    once = strip_boilerplate(split_paragraphs(clean_text("\n\n".join(lines))), titles, ["Northern Ledger"], [])
    twice = strip_boilerplate(once.paragraphs, titles, ["Northern Ledger"], [])
    assert twice.paragraphs == once.paragraphs
