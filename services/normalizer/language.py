"""Language of the body text (ISO 639-1) with py3langid."""

from __future__ import annotations

import re

import py3langid

SAMPLE_CHARS = 4000
LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it has no letters.

    py3langid loads its model on first use (about 0.7 s); a worker pays that once.
    """
    sample = text[:SAMPLE_CHARS]
    if not LETTER.search(sample):
        return None
    language, _score = py3langid.classify(sample)
    return str(language)
