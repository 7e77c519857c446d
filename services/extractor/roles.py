"""Who a verb's parties are: its subject (through relative clauses, conjunctions, open complements and reported
speech) and the heads of the phrases that can name its target."""

from __future__ import annotations

from services.extractor.labels import (
    ACL,
    ACOMP,
    ADVCL,
    AGENT,
    CCOMP,
    CONJ,
    CSUBJ,
    DATIVE,
    DOBJ,
    MARK,
    NSUBJ,
    NSUBJPASS,
    PCOMP,
    POBJ,
    PREP,
    RELCL,
    VBG,
    VBN,
    XCOMP,
)
from services.extractor.misreadings import destination
from services.extractor.parse import Token
from services.extractor.spans import REPORTING
from services.extractor.verb_supplements import REFLEXIVES
from services.extractor.words import ordered_words, words

TARGET_PREPS = ordered_words("target_prepositions")
OBJECT_TARGET_PREPS = words("object_target_prepositions")
VENUES = words("venues")
SUBJECT_DEPS = frozenset({NSUBJ, CSUBJ})
RELATIVE_PRONOUNS = words("relative_pronouns")
SPEAKER_PRONOUNS = words("speaker_pronouns")
VAGUE_HEADS = words("vague_heads")
QUANTITY_PREPS = words("quantity_prepositions")
INTRANSITIVE = words("intransitive_verbs")
CONDITION_MARKS = words("ultimatum_marks")
STATEMENT_NOUNS = words("statement_nouns")
PRONOUNS = words("pronouns")


def find_subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject head, passive) of a verb, following relative clauses, conjunctions and xcomp."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == RELCL:
                return verb.head, False
            if child.lower_ in SPEAKER_PRONOUNS and (speaker := speaker_of(verb)) is not None:
                return speaker, False
            return child, False
    for child in verb.children:
        if child.dep_ == NSUBJPASS:
            return child, True
    if issuer := statement_issuer(verb):
        return issuer, False
    if verb.dep_ in (RELCL, ACL) and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        passive = verb.tag_ == VBN and verb.dep_ == ACL and verb.lemma_.lower() not in INTRANSITIVE
        head = verb.head  # "dozens of activists arrested by police": the participle's party is the whole count
        if head.dep_ == POBJ and head.head.lower_ == "of" and head.head.head.lower_ in VAGUE_HEADS:
            head = head.head.head
        return head, passive
    if verb.dep_ in (CONJ, XCOMP) and depth < 4:
        return find_subject(verb.head, depth + 1)
    if verb.dep_ == PCOMP and verb.head.dep_ == PREP and verb.head.head.dep_ == ACOMP and depth < 4:
        return find_subject(verb.head.head.head, depth + 1)  # "are guilty of violating": the predicate's subject
    for child in verb.lefts:
        if child.dep_ == PREP and child.lower_ in QUANTITY_PREPS:
            objects = [c for c in child.children if c.dep_ == POBJ]
            if objects:
                return objects[0], False
    return None, False


def addressee(verb: Token) -> Token | None:
    """Who must act on what a verb says: the subject of its complement clause ("demanded that [the US] cancel ...",
    "urged that [Israel] ease ...") or of the condition of it or of its aim ("threatened to strike unless [Israel]
    rescinded ..."); the CAMEO manual's target of a demand, appeal or threat. A participle ("protested, demanding
    that lawmakers reject ...") elaborates the act it goes with and names no one of its own; a complement before the
    verb is a misparsed second clause ("Ghana expels the envoy, Lomé vows response", as ``moods.governor`` reads it)."""
    if verb.tag_ == VBG and verb.dep_ in (ADVCL, ACL) and statement_issuer(verb) is None:
        return None  # but the content of a statement is the act ("issued a statement demanding that ...")
    aims = [c for c in verb.children if c.dep_ == XCOMP]
    clauses = [c for c in verb.children if c.dep_ == CCOMP and c.i > verb.i] + [
        c for v in [verb, *aims] for c in v.children
        if c.dep_ == ADVCL and any(m.dep_ == MARK and m.lower_ in CONDITION_MARKS for m in c.children)]
    for clause in clauses:
        subject = next((c for c in clause.children if c.dep_ in (NSUBJ, NSUBJPASS)), None)
        if subject is not None and subject.lower_ not in PRONOUNS:
            return subject
    return None


def statement_issuer(verb: Token) -> Token | None:
    """Who issued the statement a participle describes: in "the ministry issued a statement condemning the attack" (or
    "adopted a resolution demanding ...") the one condemning is the ministry, the subject of the verb the statement is
    the object of."""
    noun = verb.head
    if verb.dep_ != ACL or verb.tag_ != VBG or noun.lemma_.lower() not in STATEMENT_NOUNS or noun.dep_ != DOBJ:
        return None
    return next((c for c in noun.head.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS), None)


def issues_statement(verb: Token) -> bool:
    """Whether a verb only issues a statement whose content a participle names ("issued a declaration [demanding]
    ..."): the content is the happening, the issuing is not."""
    return any(c.dep_ == DOBJ and c.lemma_.lower() in STATEMENT_NOUNS
               and any(p.dep_ == ACL and p.tag_ == VBG for p in c.children) for c in verb.children)


def speaker_of(verb: Token) -> Token | None:
    """The subject of the statement a clause is the content of: in "the army said it killed 40 militants" (or
    "rebels said they had ambushed ...") the doer is the speaker, so each side's claim keeps its roles."""
    if verb.dep_ != CCOMP or verb.head.lemma_.lower() not in REPORTING:
        return None
    return next((c for c in verb.head.children if c.dep_ == NSUBJ and c.lower_ not in SPEAKER_PRONOUNS), None)


def venue(noun: Token) -> bool:
    """Whether a prepositional object names where parties met, not a party: "at talks", "at Qatar talks"."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return noun.lemma_.lower() in VENUES or (following is not None and following.lemma_.lower() in VENUES)


def object_heads(verb: Token) -> list[Token]:
    """Direct objects and prepositional objects that can name a target, in preference order."""
    heads = [c for c in verb.children if c.dep_ in (DOBJ, DATIVE) and c.lower_ not in REFLEXIVES]
    preps = {c.lower_: c for c in verb.children if c.dep_ in (PREP, AGENT)}
    for word in TARGET_PREPS:
        if word in preps:
            heads.extend(c for c in preps[word].children if c.dep_ == POBJ and not venue(c) and not destination(c))
    heads.extend(  # "imposed sanctions on four RSF commanders": the object's own on/against names whom it hits
        p for h in heads[:] if h.dep_ == DOBJ
        for c in h.children if c.dep_ == PREP and c.lower_ in OBJECT_TARGET_PREPS
        for p in c.children if p.dep_ == POBJ
    )
    return heads
