"""What a clause's mood makes of the happening its verb names: an intent, a threat, an ultimatum, a rejection or a
demand (``data/mood_codes.tsv``), as the CAMEO manual codes "will release", "would boycott", "will withdraw unless",
"will not accept", "X must return"."""

from __future__ import annotations

from functools import cache

from services.extractor.data import read_rows
from services.extractor.labels import ADVCL, AUX, CCOMP, MARK, XCOMP
from services.extractor.parse import Token
from services.extractor.words import words

FUTURE_MODALS = words("future_modals")
OBLIGATION_MODALS = words("obligation_modals")
POSSIBILITY_MODALS = words("possibility_modals")
INTENT_ADJECTIVES = words("intent_adjectives")
ULTIMATUM_MARKS = words("ultimatum_marks")
FUTURE, ULTIMATUM, REFUSAL, OBLIGATION, POSSIBILITY = "future", "ultimatum", "refusal", "obligation", "possibility"


@cache
def mood_codes() -> dict[tuple[str, str], str]:
    """(mood, plain PLOVER type) → the CAMEO code the clause takes."""
    return {(mood, plain): code for mood, plain, code, *_ in read_rows("mood_codes.tsv")}


def mood(verb: Token) -> str:
    """The clause's mood: 'future' ("will release", "is prepared to lift"), 'ultimatum' (future with an "unless"
    condition), 'obligation' ("Sudan must return", reported by another verb), 'possibility' ("cannot pay", "may
    have") or '' (a plain happening)."""
    modals = {c.lower_ for c in verb.children if c.dep_ == AUX}
    ready = verb.dep_ == XCOMP and verb.head.i != verb.i and verb.head.lower_ in INTENT_ADJECTIVES
    if modals & FUTURE_MODALS or ready:
        conditioned = any(c.dep_ == ADVCL and any(m.dep_ == MARK and m.lower_ in ULTIMATUM_MARKS for m in c.children)
                          for c in verb.children)
        return ULTIMATUM if conditioned else FUTURE
    if modals & OBLIGATION_MODALS and verb.dep_ == CCOMP:
        return OBLIGATION
    return POSSIBILITY if modals & POSSIBILITY_MODALS else ""


def governor(verb: Token) -> Token | None:
    """The verb whose complement the clause is, standing before it ("demanded that [Hamas renounce]"); a
    complement left of its head is a misparsed second clause ("Ghana expels the envoy, Lomé vows response")."""
    if verb.dep_ in (CCOMP, XCOMP) and verb.head.i < verb.i:
        return verb.head
    return None


def mood_code(clause_mood: str, negated: bool, plain_type: str) -> str | None:
    """The CAMEO code a mood gives a clause whose plain reading has ``plain_type``; None when it keeps its code.
    A negated clause is a refusal; a negated possibility ("cannot pay") or a negated reading the table does not
    turn into a refusal is no event ('')."""
    if negated:
        return "" if clause_mood == POSSIBILITY else mood_codes().get((REFUSAL, plain_type), "")
    return mood_codes().get((clause_mood, plain_type)) if clause_mood else None
