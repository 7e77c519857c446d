"""Organisations no dictionary knows: capitalised names headed by an organisation word.

"Liberation Front of Ouaddaï (LFO)" becomes an unresolved actor named by its text
(diacritics folded), with its parenthesised acronym and spelling variants
("Liberation Front of Wadai", same consonant skeleton) as further surface forms.
Names with an armed head word (Front, Army, Brigade ...) are armed groups (sector REB).
"""

from __future__ import annotations

import re
import unicodedata

from services.extractor.actor_lexicon import Entry, Mention
from services.extractor.normalize import loose_key
from services.extractor.patterns import ACRONYM_AFTER, CONNECTOR_WORD, ORG_HEAD, ORG_NAME
from services.extractor.words import words

ARMED_WORDS = words("armed_organisation_words")
SENTENCE_WORDS = words("sentence_initial_words")


def ascii_name(text: str) -> str:
    """A name without diacritics, case kept (Ouaddaï → Ouaddai)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def find_unknown_orgs(text: str, known: list[Mention]) -> list[Mention]:
    """Unknown organisation names, their acronyms and variants, not overlapping dictionary matches."""
    taken = [(m.start, m.end) for m in known]
    entries: dict[str, Entry] = {}
    acronyms: dict[str, Entry] = {}
    found: list[Mention] = []
    for match in ORG_NAME.finditer(text):
        start, name = trim(match.start(), match.group(0), taken)
        if not ORG_HEAD.search(name) or len(name.split()) < 2 or overlaps(start, start + len(name), taken):
            continue
        skeleton = loose_key(name)
        entry = entries.get(skeleton)
        if entry is None:
            armed = bool(ARMED_WORDS & set(name.split()))
            entry = Entry(ascii_name(name), ("",), "U", "own", "armed group" if armed else "organisation")
            entries[skeleton] = entry
        found.append(Mention(start, start + len(name), name, entry=entry))
        after = ACRONYM_AFTER.match(text[start + len(name) :])
        if after:
            acronyms[after.group(1)] = entry
    for acronym, entry in acronyms.items():
        for hit in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            if not overlaps(hit.start(), hit.end(), taken):
                found.append(Mention(hit.start(), hit.end(), acronym, entry=entry))
    return found


def trim(start: int, name: str, taken: list[tuple[int, int]]) -> tuple[int, str]:
    """Drop leading words that are sentence openers, connectors or already-matched actors ('Fighters of the')."""
    while name:
        first = name.split()[0]
        if not (
            first in SENTENCE_WORDS or CONNECTOR_WORD.fullmatch(first) or overlaps(start, start + len(first), taken)
        ):
            break
        rest = name[len(first) :].lstrip()
        start, name = start + len(name) - len(rest), rest
    return start, name


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a span overlaps any of some spans."""
    return any(s < end and start < e for s, e in spans)
