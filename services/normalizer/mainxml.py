"""Trafilatura's extracted tree as text lines: one line per paragraph, heading, list item or table row.

Reading the tree rather than trafilatura's plain text keeps a layout table (one cell holding the
whole story) as separate paragraphs instead of one giant "| cell |" line, and keeps a data table's
row on one line with its cells joined by " | ".
"""

from __future__ import annotations

import lxml.etree

from services.normalizer.text import clean_line

BLOCKS = frozenset({"p", "head", "item", "quote", "code", "list", "table", "row", "cell", "div", "main", "doc", "body"})
LEAVES = frozenset({"p", "head", "item", "code", "cell"})
CELL_SEPARATOR = " | "


def body_lines(body: lxml.etree._Element) -> list[str]:
    """The cleaned, non-empty lines of trafilatura's extracted body tree."""
    raw: list[str] = []
    _emit(body, raw)
    lines = (clean_line(line) for chunk in raw for line in chunk.split("\n"))
    return [line for line in lines if line]


def _has_blocks(element: lxml.etree._Element) -> bool:
    """True when a block element sits anywhere inside the element."""
    return any(child.tag in BLOCKS for child in element.iterdescendants() if isinstance(child.tag, str))


def _inline_text(element: lxml.etree._Element) -> str:
    """The element's text with <lb/> as a line break."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        parts.append("\n" if child.tag == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _emit(element: lxml.etree._Element, out: list[str]) -> None:
    """Append the element's lines to `out`: a leaf block is one line, a data row one line of cells."""
    if element.tag == "row" and not any(_has_blocks(cell) for cell in element):
        cells = (" ".join(_inline_text(cell).split()) for cell in element)
        out.append(CELL_SEPARATOR.join(cell for cell in cells if cell))
        return
    if element.tag in LEAVES and not _has_blocks(element):
        out.append(_inline_text(element))
        return
    out.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            _emit(child, out)
            out.append(child.tail or "")
        elif isinstance(child.tag, str):
            out.append(_inline_text(child) + (child.tail or ""))
        else:
            out.append(child.tail or "")
