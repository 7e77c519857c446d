"""ECB+ documents as news articles: the document-level clustering gold of the ECB+ corpus (CC BY 3.0).

Reads the release's XML files from a ``.tar.gz`` or a folder (``<topic>/<topic>_<n>ecb[plus].xml``). The gold
cluster of a document is its topic and half: the ``ecb`` files of a topic report one happening, the
``ecbplus`` files another of the same kind. Tokens are joined back into text (the tokeniser split "6.1",
"Indonesia's" and "search-and-rescue"); the first sentence is the headline; in ``ecbplus`` files sentence 0
is the source URL, which becomes the document's address (``ecb`` files have none).
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

FILE = re.compile(r"(?:^|/)(\d+)/(\d+)_(\d+)(ecb|ecbplus)\.xml$")
NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'’]|n't|'s|'re|'ll|'ve|'d|'m)(?=\s|$)")
NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
JOINED = [(re.compile(r"(\d) ([.,]) (\d)"), r"\1\2\3"), (re.compile(r"(\w) - (\w)"), r"\1-\2"),
          (re.compile(r"(\w) ' s\b"), r"\1's"), (re.compile(r"`` | ''"), '"')]


@dataclass(frozen=True)
class Document:
    """One ECB+ document as an article: id, gold cluster, headline and body paragraphs."""

    doc_id: str
    topic: int
    cluster: str
    title: str
    paragraphs: tuple[str, ...]
    url: str | None = None


def detokenize(tokens: list[str]) -> str:
    """Tokens joined back into text."""
    text = " ".join(tokens)
    for pattern, repl in JOINED:
        text = pattern.sub(repl, text)
    text = NO_SPACE_BEFORE.sub(r"\1", text)
    return NO_SPACE_AFTER.sub(r"\1", text)


def parse(name: str, data: bytes) -> Document | None:
    """The document of one XML file (None for a file that is not an ECB+ document)."""
    match = FILE.search(name)
    if match is None:
        return None
    topic, _, number, half = match.groups()
    sentences: dict[int, list[str]] = {}
    for token in ElementTree.fromstring(data).iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    ordered = [detokenize(sentences[i]) for i in sorted(sentences)]
    url = None
    if half == "ecbplus" and ordered and ordered[0].lower().startswith(("http", "www")):
        url = "".join(sentences[min(sentences)])
        url, ordered = url if url.startswith("http") else f"http://{url}", ordered[1:]
    ordered = [s for s in ordered if s.strip()]
    if not ordered:
        return None
    return Document(f"{topic}_{number}{half}", int(topic), f"{topic}{half}", ordered[0], tuple(ordered[1:]), url)


def _files(path: Path) -> Iterator[tuple[str, bytes]]:
    if path.is_dir():
        for file in sorted(path.rglob("*.xml")):
            yield file.as_posix(), file.read_bytes()
        return
    with tarfile.open(path) as tar:
        for member in tar:
            handle = tar.extractfile(member) if member.isfile() else None
            if handle is not None:
                yield member.name, handle.read()


def load(path: Path) -> list[Document]:
    """Every document of the release at ``path`` (a .tar.gz or a folder; one containing it is searched)."""
    if path.is_dir() and not any(path.rglob("*.xml")):
        path = next(iter(sorted(path.glob("*.tar.gz"))), path)
    docs = [d for name, data in _files(path) if (d := parse(name, data)) is not None]
    return sorted(docs, key=lambda d: (d.topic, d.doc_id))
