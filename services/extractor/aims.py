"""Whether a verb names an aim or a condition, not a happening: "threatened to attack", "sent troops to reinforce",
"... unless Cotonou reopened its border"."""

from __future__ import annotations

from services.extractor.labels import ACL, ADVCL, AUX, CCOMP, CONJ, MARK, POBJ, PREP, RELCL, TO, XCOMP
from services.extractor.parse import Token
from services.extractor.words import words

SENDING = words("sending_verbs")
CONDITION_MARKS = words("condition_marks")
DECIDED = words("decided_nouns")
INTENT_HEADS = words("intent_heads")

PURPOSE_PREPOSITIONS = words("purpose_prepositions")  # "gathered for a rally to ..."


def intended(verb: Token) -> bool:
    """An infinitive that names an aim, not a happening: 'threatened to attack', 'sent troops to reinforce'; or a
    condition ('... unless Cotonou reopened its border', 'if the army withdraws'), which has not happened."""
    if verb.dep_ == ADVCL and any(c.dep_ == MARK and c.lower_ in CONDITION_MARKS for c in verb.children):
        return True
    if verb.dep_ == CONJ and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and intended(verb.head):
        return True  # "revenue to pay salaries and finance its army": the second infinitive shares the "to"
    if not any(c.dep_ == AUX and c.tag_ == TO for c in verb.children):
        return False
    if verb.dep_ in (CCOMP, XCOMP) and verb.head.i != verb.i and verb.head.pos_ == "VERB" and intended(verb.head):
        return True  # "urged the government to allow parties to hold rallies": what an aim would allow is an aim
    if verb.dep_ == ACL and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head.lemma_.lower() not in DECIDED  # "troops to defend Kupiansk", "plans to attack": a purpose
    if verb.head.lemma_.lower() in SENDING:
        return True  # "deploys troops to defend Kupiansk", however the headline parses
    return verb.dep_ == ADVCL or (verb.dep_ in (XCOMP, ACL) and verb.head.lemma_.lower() in INTENT_HEADS)


def purposes(verb: Token) -> frozenset[str]:
    """Lemmas of the verbs a verb's act is for: its aim infinitives ("shunned work to protest") and those of what it
    is "for" ("were converging for a rally to protest")."""
    found = {c.lemma_.lower() for c in verb.children if c.dep_ in (XCOMP, ADVCL) and intended(c)}
    for prep in (c for c in verb.children if c.dep_ == PREP and c.lower_ in PURPOSE_PREPOSITIONS):
        for noun in (o for o in prep.children if o.dep_ == POBJ):
            found |= {c.lemma_.lower() for c in noun.children if c.dep_ in (RELCL, ACL)
                      and any(a.dep_ == AUX and a.tag_ == TO for a in c.children)}
    return frozenset(found)

