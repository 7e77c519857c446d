"""Word and code lists as data files: each loads by name and each is read by some rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.extractor.data import DATA_DIR
from services.extractor.words import codes, ordered_codes, ordered_words, words

WORD_FILES = sorted(p.stem for p in (DATA_DIR / "words").glob("*.txt"))
CODE_FILES = sorted(p.stem for p in (DATA_DIR / "codes").glob("*.txt"))
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in Path(DATA_DIR).parent.glob("*.py"))


@pytest.mark.parametrize("name", WORD_FILES)
def test_a_word_list_loads_and_is_read_by_name(name: str) -> None:
    assert words(name) and len(set(ordered_words(name))) == len(ordered_words(name))
    assert f'words("{name}")' in SOURCE


def test_an_ordered_list_keeps_file_order() -> None:
    assert ordered_words("weekdays")[:2] == ("monday", "tuesday")


@pytest.mark.parametrize("name", CODE_FILES)
def test_a_code_list_loads_and_is_read_by_name(name: str) -> None:
    assert codes(name) and len(set(ordered_codes(name))) == len(ordered_codes(name))
    assert f'codes("{name}")' in SOURCE
