"""Curated additions to the CAMEO verb dictionary: synonym-set members and block patterns it lacks
(data/dictionary_supplement.tsv), read after the converted dictionary, never replacing an entry."""

from __future__ import annotations

from services.extractor.data import read_rows

SUPPLEMENT_FILE = "dictionary_supplement.tsv"

RawPattern = dict[str, object]


def supplement(sets: dict[str, list[str]], blocks: list[dict[str, object]], name: str = SUPPLEMENT_FILE) -> None:
    """Add the file's set members (``set &name member``) and block patterns (``pattern BLOCK pre post code``, words
    separated by spaces) to the raw dictionary, in place."""
    by_name = {str(block["name"]): block for block in blocks}
    for kind, target, *fields in read_rows(name):
        if kind == "set":
            members = sets.setdefault(target, [])
            if fields[0] not in members:
                members.append(fields[0])
        elif kind == "pattern":
            pre, post, code = fields[0].split(), fields[1].split(), fields[2] or None
            patterns = by_name[target]["patterns"]
            assert isinstance(patterns, list)
            patterns.append({"pre": pre, "post": post, "code": code})
        else:
            raise ValueError(f"{name}: unknown row kind {kind!r}")
