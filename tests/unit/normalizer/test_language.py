"""Language of the body text."""

from __future__ import annotations

import pytest

from services.normalizer.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("The flood barrier held overnight as the river crested at a record level, officials said.", "en",
                     id="en"),
        pytest.param("Une quarantaine de pêcheurs ont bloqué dimanche matin la criée du port pour protester.", "fr",
                     id="fr"),
        pytest.param("Los pescadores bloquearon el domingo el puerto para protestar contra la reducción de cuotas.",
                     "es", id="es"),
        pytest.param("Die Fischer blockierten am Sonntag den Hafen, um gegen die Kürzung der Quoten zu protestieren.",
                     "de", id="de"),
        pytest.param("افتتح جسر جديد فوق النهر يوم السبت واختصر الطريق بين البلدتين إلى خمس وعشرين دقيقة.", "ar",
                     id="ar"),
        pytest.param("12 / 9 / 2021 — 14:00", None, id="no-letters"),
        pytest.param("", None, id="empty"),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_mixed_script_page_gets_the_body_language() -> None:
    byline = "بقلم سامر حلبي"
    body = ("The flood barrier protecting Harrowgate held overnight as the river crested at 6.2 metres. "
            "Around 1,200 residents had been told to leave their homes on Tuesday evening as a precaution.")
    assert detect_language(f"{byline}\n\n{body}") == "en"
    assert detect_language(f"{body}\n\n«ضربة موجعة للمدينة» قال أحد السكان") == "en"
