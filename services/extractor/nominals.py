"""Happenings named by a noun: "condemned the killing of a dozen soldiers in an attack by ISWAP on March 22".

Follow-up stories report a happening through a noun phrase that a reaction governs ("condemned an attack by
Boko Haram on farmers", "the withdrawal of M23 rebels from Sake on May 7 has raised hopes"). An event noun
with a participant (a "by", "of", "on"/"against" phrase, a possessive or a name before it) is read as a clause
of the verb it nominalises: "by X" and possessives are the doer, "on/against X" the target, "of X" the target
of a transitive noun (killing, arrest) and the doer of an intransitive one (withdrawal, protest); its locative
phrases are its places and a date inside the phrase is its own date. Only nouns that report a happening count:
one a statement governs ("condemned the attack") or whose statement it is the subject of ("said the surrender of
dozens of fighters showed ..."), one with its own date ("the withdrawal ... on May 7"), or a
headline's; an undated mention in passing ("a week after protests against the bill") does not.
"""

from __future__ import annotations

from services.extractor.labels import AMOD, CC, CCOMP, COMPOUND, CONJ, DOBJ, NSUBJ, NSUBJPASS, POBJ, POSS, PREP, RELCL
from services.extractor.parse import Token
from services.extractor.patterns import DATE_PATTERN
from services.extractor.sentences import Sentence
from services.extractor.spans import (
    LOCATIVE,
    OWNER_WORDS,
    Clause,
    Span,
    anchor_chain,
    char_span,
    owner_span,
    phrase_tokens,
    place_spans,
)
from services.extractor.verbs import Sense
from services.extractor.words import words

COMMENT_VERBS = words("comment_verbs")
STATEMENT_VERBS = words("statement_verbs")
SOURCE_PREPS = words("noun_source_prepositions")
TARGET_PREPS = words("noun_target_prepositions")
NAME_DEPS = frozenset({POSS, COMPOUND, AMOD})
TOPIC_NOUNS = words("topic_nouns")


def pobjs(noun: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the noun's prepositional phrases headed by one of ``preps``."""
    return [p for c in noun.children if c.dep_ == PREP and c.lower_ in preps for p in c.children if p.dep_ == POBJ]


def participants(noun: Token, of_is_doer: bool) -> tuple[list[Token], list[Token]]:
    """(doer heads, target heads) of an event noun."""
    doers = pobjs(noun, SOURCE_PREPS) + [c for c in noun.children if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"]
    doers += [c for c in noun.children if c.dep_ == POSS]
    doers += pobjs(noun, frozenset({"between"}))  # "talks between A and B": A, with B its partner
    targets = [] if noun.lower_ in TOPIC_NOUNS else pobjs(noun, TARGET_PREPS)
    of = pobjs(noun, frozenset({"of"}))
    if of_is_doer:
        doers += of
        doers += [c for c in noun.children if c.dep_ == COMPOUND and c.pos_ == "NOUN"]  # "rebel pullout"
    else:
        targets = of + targets
    return list(dict.fromkeys(doers)), targets


def stated_subject(noun: Token) -> bool:
    """Whether a noun is the subject of what a statement says ("said [the surrender of dozens of fighters] showed
    ...", "told reporters the withdrawal of the rebels had allowed ..."): the statement is about the happening."""
    clause = noun.head
    return (noun.dep_ in (NSUBJ, NSUBJPASS) and clause.dep_ == CCOMP
            and clause.head.lemma_.lower() in STATEMENT_VERBS)


def reports_happening(noun: Token, is_title: bool) -> bool:
    """Whether an event noun reports a happening: in a headline, governed by a statement (or the subject of what one
    says), or dated."""
    if is_title or (noun.dep_ == DOBJ and noun.head.lemma_.lower() in COMMENT_VERBS) or stated_subject(noun):
        return True
    own = [t for t in noun.subtree if t.dep_ != RELCL and not any(a.dep_ == RELCL for a in t.ancestors
                                                                        if a in noun.subtree)]
    return DATE_PATTERN.search(" ".join(t.text for t in own)) is not None


def build_nominal(noun: Token, of_is_doer: bool, senses: list[Sense], sentence: Sentence) -> Clause | None:
    """An event noun with a participant as a clause of the verb it names (see ``nominals``), else None."""
    doers, target_heads = participants(noun, of_is_doer)
    if (not doers and not target_heads) or not reports_happening(noun, sentence.is_title):
        return None
    base = sentence.start
    place_preps = [c for c in noun.children if c.dep_ == PREP and c.lower_ in LOCATIVE]
    partners = [c for h in pobjs(noun, frozenset({"between"})) for c in h.children if c.dep_ == CONJ]
    split = {t.i for p in partners for t in p.subtree} | {c.i for p in partners for c in p.head.children
                                                           if c.dep_ == CC}
    source_tokens = [t for t in phrase_tokens(doers[0], place_preps) if t.i not in split] if doers else []
    targets = [s for h in target_heads if (s := char_span(phrase_tokens(h, place_preps), base)) is not None]
    after = [t for h in target_heads for t in phrase_tokens(h)]
    return Clause(
        sentence=sentence,
        verb=noun.text,
        verb_start=base + noun.idx,
        senses=senses,
        source=char_span(source_tokens, base),
        targets=targets,
        before_words=frozenset({t.lower_ for t in source_tokens} | {t.lemma_.lower() for t in source_tokens}),
        after_words=frozenset({t.lower_ for t in after} | {t.lemma_.lower() for t in after}),
        after_text=" ".join(t.lower_ for t in after),
        before_text=" ".join(t.lower_ for t in source_tokens),
        places=[(span, rank) for rank, prep in enumerate(place_preps) for span in place_spans(prep, base)],
        partners=[s for c in partners if (s := char_span(phrase_tokens(c, place_preps), base)) is not None],
        date_anchors=anchor_chain(noun),
        owner=speaker_span(noun, base) if doers and owned_by_pronoun(doers[0]) else None,
        reported=True,
    )


def owned_by_pronoun(head: Token) -> bool:
    """Whether a participant is "its"/"their" something ("talks between its foreign minister and ...")."""
    return any(c.dep_ == POSS and c.lower_ in OWNER_WORDS for c in head.children)


def speaker_span(noun: Token, base: int) -> Span | None:
    """The subject of the statement a noun phrase sits in, whom "its"/"their" refers to ("Ankara said talks between
    its foreign minister and ... had ..."): the main clause's subject (``owner_span``) when that clause is a
    statement."""
    return owner_span(noun, base) if noun.sent.root.lemma_.lower() in STATEMENT_VERBS else None
