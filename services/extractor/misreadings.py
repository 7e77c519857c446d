"""Verb occurrences that are no happening of their own (a headline noun that is a verb's subject, a bare verb stem
misread before its noun, a reporting verb whose object is a figure) and what an arrival carries."""

from __future__ import annotations

from services.extractor.event_nouns import event_noun
from services.extractor.labels import (
    AUX,
    AUXPASS,
    COMPOUND,
    CONJ,
    CSUBJ,
    DOBJ,
    MARK,
    NSUBJ,
    NSUBJPASS,
    NUMMOD,
    POBJ,
    PREP,
    VB,
)
from services.extractor.parse import Token
from services.extractor.spans import PLACE_NOUNS, REPORTING
from services.extractor.verbs import Sense
from services.extractor.words import words

SUBJECT_DEPS = frozenset({NSUBJ, NSUBJPASS})
OWN_CLAUSE_DEPS = frozenset({AUX, AUXPASS, MARK, NSUBJ, NSUBJPASS})
DESTINATIONS = PLACE_NOUNS | words("destination_nouns")
MEETINGS = words("meeting_nouns")
RAPPROCHEMENT = ("05", "06", "030")  # diplomatic and material cooperation: "eased tensions", "strengthened ties";
# 030 is the AGREE block's default (data/block_defaults.tsv): "ministers meeting in Brussels agreed" misparsed


def subject_noun(token: Token) -> bool:
    """Whether a headline noun is the subject of a verb ("Red Cross aid reaches ...": "aid" is the subject), so it
    names a thing, not what happened; a misread headline verb ("Police arrest 40", "5,000 rally") is no subject."""
    return token.pos_ == "NOUN" and token.dep_ in SUBJECT_DEPS and token.head.pos_ in ("VERB", "AUX")


def misread_stem(token: Token) -> bool:
    """Whether a bare verb stem is the clausal subject of another verb with no subject, auxiliary or "to" of its own:
    English has no such clause, it is a compound noun the tagger misread ("Aid workers warned ...")."""
    return (token.dep_ == CSUBJ and token.tag_ == VB
            and not any(c.dep_ in OWN_CLAUSE_DEPS for c in token.children))


def figure_statement(token: Token) -> bool:
    """Whether a reporting verb's object is a figure ("organisers claim 8,000", "police say 2,500 joined march"): it
    states a count of a happening reported elsewhere, not an accusation or a protest of its own."""
    if token.lemma_.lower() not in REPORTING:
        return False
    return any(c.dep_ == DOBJ and (c.pos_ == "NUM" or any(g.dep_ == NUMMOD for g in c.children))
               for c in token.children)


def carried(token: Token) -> list[str]:
    """Head words of what a verb's "with" phrase brings ("arrived in the camp with rice and blankets") and of its
    subject, which may be the goods themselves ("food aid reached the camp")."""
    heads = [p for c in token.children if c.dep_ == PREP and c.lower_ == "with" for p in c.children
             if p.dep_ == POBJ] + [c for c in token.children if c.dep_ == NSUBJ]
    return [w.lemma_.lower() for p in heads for w in (p, *p.conjuncts)]


def destination(noun: Token) -> bool:
    """Whether a "to" phrase names where something went, not whom it went to ("brought food to the town's UN base"
    is no gift to the UN; "sent aid to the UN agency" is)."""
    return noun.head.lower_ == "to" and noun.lemma_.lower() in DESTINATIONS


def object_words(head: Token) -> list[Token]:
    """An object's head, its conjuncts and the nouns compounded before them: "handed out food parcels" hands out
    food, "distributed millet and seeds" seeds, and in "declared the envoy persona non grata" (parsed as one noun
    phrase headed by "grata") the envoy is declared."""
    return [head, *(w for c in head.children if (c.dep_ == COMPOUND and c.pos_ in ("NOUN", "PROPN"))
                    or c.dep_ == CONJ for w in object_words(c))]


def effect_of_meeting(subject: Token | None, senses: list[Sense]) -> bool:
    """Whether a verb of improving relations has a happening for subject ("talks between the ministers eased
    tensions", "the visit strengthened ties"): it says what the meeting did, not that anyone cooperated."""
    if subject is None or (event_noun(subject) is None and subject.lemma_.lower() not in MEETINGS):
        return False
    codes = [s.code for s in senses if s.code]
    return bool(codes) and all(code.startswith(RAPPROCHEMENT) for code in codes)


def remark_on_meeting(token: Token, senses: list[Sense]) -> bool:
    """Whether a statement verb's object is a meeting or other happening ("described the visit as a first step",
    "called the talks useful"): a remark on it, not the intent to meet that the dictionary's "say ... visit" reads."""
    return all(s.block == "EXPLAIN_VERBAL" for s in senses) and any(
        c.dep_ == DOBJ and (event_noun(c) is not None or c.lemma_.lower() in MEETINGS) for c in token.children)
