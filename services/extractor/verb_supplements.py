"""Curated additions to the CAMEO verb dictionary: synonym-set members and block patterns it lacks
(data/dictionary_supplement.tsv), read after the converted dictionary, never replacing an entry; the conditions of
the supplement's conditioned readings (data/verbs_supplement.tsv) and the inflections that reach the prefilter."""

from __future__ import annotations

from services.extractor.data import read_rows
from services.extractor.words import words

SUPPLEMENT_FILE = "dictionary_supplement.tsv"
REFLEXIVES = words("reflexives")
IRREGULAR = {"lay": ("laid", "lain"), "give": ("gave", "given"), "hand": (), "turn": ()}


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


def inflections(verb: str) -> set[str]:
    """Inflections of a supplement verb, enough for the sentence prefilter."""
    forms = {
        verb,
        verb + "s",
        verb + "ed",
        verb + "ing",
        verb + "d",
        verb.rstrip("e") + "ing",
        *IRREGULAR.get(verb, ()),
    }
    if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def condition_holds(
    condition: str,
    object_words: set[str],
    plural_subject: bool,
    aim_words: frozenset[str] | set[str] = frozenset(),
    carried_words: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """Whether a supplement condition ('reflexive', 'object=a|b', 'plural-subject', 'aim=a|b', 'carrying=a|b')
    holds."""
    if not condition:
        return True
    if condition.startswith("carrying="):
        return bool(carried_words & set(condition[len("carrying=") :].split("|")))
    if condition.startswith("aim="):
        return bool(aim_words & set(condition[len("aim=") :].split("|")))
    if condition == "reflexive":
        return bool(object_words & REFLEXIVES)
    if condition == "plural-subject":
        return plural_subject
    if condition.startswith("object="):
        return bool(object_words & set(condition[len("object=") :].split("|")))
    return False
