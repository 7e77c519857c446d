"""Readers for the extractor's packaged data files (services/extractor/data/)."""

from __future__ import annotations

import lzma
import re
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

DATA_DIR = Path(__file__).resolve().parent / "data"
NEWLINE = re.compile("\n")


def read_text(name: str) -> str:
    """A data file's text, decompressed when it ends in .xz."""
    path = DATA_DIR / name
    if name.endswith(".xz"):
        return lzma.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


class LineTable(Sequence[str]):
    """The lines of a text kept as one string plus an offset array: a few MB instead of a list of strings.

    Supports ``len``, indexing and therefore ``bisect`` when the lines are sorted."""

    def __init__(self, text: str) -> None:
        """Index the line starts of a text (the text ends with a newline)."""
        self._text = text
        self._starts = array("L", [0])
        self._starts.extend(m.end() for m in NEWLINE.finditer(text))
        if self._starts[-1] != len(text):
            self._starts.append(len(text) + 1)

    def __len__(self) -> int:
        """Number of lines."""
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        """One line without its newline (slices give lists)."""
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return self._text[self._starts[index] : self._starts[index + 1] - 1]


def read_table(name: str) -> LineTable:
    """A data file's lines (its '#' header line dropped) as a LineTable."""
    text = read_text(name)
    if text.startswith("#"):
        text = text[text.index("\n") + 1 :]
    return LineTable(text)


def read_lines(name: str) -> list[str]:
    """A data file's lines without '#' comment lines and blank lines."""
    return [line for line in read_text(name).split("\n") if line and not line.startswith("#")]


def read_rows(name: str) -> Iterator[list[str]]:
    """A TSV data file's rows as lists of fields."""
    for line in read_lines(name):
        yield line.split("\t")
