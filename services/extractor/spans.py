"""A clause's shape: spans in the article text, the noun-phrase walk, and which verb or noun a date belongs to.

Shared by verb clauses (``clauses``) and noun clauses (``nominals``). Spans are
character offsets in the article's full text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.extractor.event_nouns import event_noun
from services.extractor.labels import ACL, ADVCL, CCOMP, CONJ, MARK, NSUBJ, PARATAXIS, POBJ, PREP, PUNCT, RELCL
from services.extractor.parse import Token
from services.extractor.sentences import Sentence
from services.extractor.verbs import Sense
from services.extractor.words import words

LOCATIVE = words("locative_prepositions")
CLAUSE_DEPS = frozenset({RELCL, ACL, ADVCL, CCOMP, PARATAXIS})
REPORTING = words("reporting_verbs")
OWNER_WORDS = words("owner_words")
SEQUENCE_MARKS = words("sequence_marks")
PLACE_NOUNS = words("place_nouns")

Span = tuple[int, int]


@dataclass(frozen=True)
class Clause:
    """One event-verb occurrence and the spans around it (global character offsets); frozen once read."""

    sentence: Sentence
    verb: str
    verb_start: int
    senses: list[Sense]
    source: Span | None
    targets: list[Span]
    before_words: frozenset[str]
    after_words: frozenset[str]
    after_text: str
    places: list[tuple[Span, int]] = field(default_factory=list)
    partners: list[Span] = field(default_factory=list)  # conjoined subjects: "Egypt and Ethiopia agreed"
    aim_words: frozenset[str] = frozenset()  # lemmas of an infinitive complement: "agreed to resume talks"
    purposes: frozenset[str] = frozenset()  # verbs of its aims and purposes: "shunned work [to protest]"
    date_anchors: list[Token] = field(default_factory=list)
    own_anchors: int = 1  # the first date anchors are the verb and its conjuncts; the rest govern or report it
    object_range: Span | None = None  # what the verb governs on its right ("condemned [the attack on ...]")
    owner: Span | None = None  # who "its"/"their" in a participant refers to: the main clause's subject
    reported: bool = False  # an event noun or a participle/relative clause modifying a noun: a reported happening
    negated: bool = False
    mood: str = ""  # "future", "ultimatum", "obligation" or plain (``moods.mood``)
    governor: int | None = None  # offset of the verb whose complement this clause is ("demanded that [Hamas renounce]")
    hedged: bool = False
    intended: bool = False
    attendant: bool = False  # a participle with its head's doer ("expels the envoy, accusing ..."): elaborates the head
    before_text: str = ""  # the pattern side before the verb as text, for the dictionary's phrases ("special forces")
    after_preps: frozenset[str] = frozenset()  # prepositions of the verb's own phrases after it (``verbs.Side``)
    beside_words: frozenset[str] = frozenset()  # the verb's own phrases beside the happening ("[over the attack]")
    beside_text: str = ""
    beside_preps: frozenset[str] = frozenset()
    giver: Span | None = None  # whom a verb of receiving has it from: "received support [from the World Bank]"
    addressee: Span | None = None  # who a demand or threat is made of: "demanded that [Hamas] renounce ...",
    # "threatened to strike unless [Israel] rescinded ..." (``roles.addressee``)


def char_span(tokens: list[Token], base: int) -> Span | None:
    """Global character span covering some tokens."""
    if not tokens:
        return None
    return base + min(t.idx for t in tokens), base + max(t.idx + len(t.text) for t in tokens)


def place_spans(prep: Token, base: int) -> list[Span]:
    """Character spans of a locative phrase without the "of"-phrases of nouns that are not places: "in the
    government's sharpest criticism of Kabul" places nothing in Kabul (a metonym for the government criticised),
    "in the outskirts of Goma" does. Contiguous runs of the kept tokens, in order."""
    dropped = {
        t.i
        for noun in prep.subtree
        if noun.pos_ == "NOUN" and noun.lower_ not in PLACE_NOUNS
        for of in noun.children
        if of.dep_ == PREP and of.lower_ == "of"
        for t in of.subtree
    }
    runs: list[list[Token]] = []
    for token in prep.subtree:
        if token.i in dropped:
            runs.append([])
        elif runs and runs[-1]:
            runs[-1].append(token)
        else:
            runs.append([token])
    return [span for run in runs if (span := char_span(run, base)) is not None]


def phrase_tokens(head: Token, places: list[Token] | None = None) -> list[Token]:
    """A noun phrase's tokens without relative clauses and locative PPs (those are collected as places)."""
    kept: list[Token] = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ == PUNCT:
            continue
        if child.dep_ == PREP and child.lower_ in LOCATIVE:
            if places is not None:
                places.append(child)
            if child.lower_ != "from":  # "gunmen from the Islamic State group" names their group
                continue
        kept.extend(phrase_tokens(child, places))
    return kept


def owner_span(verb: Token, base: int) -> Span | None:
    """The subject of the sentence's main clause, which "its members" in a reported clause belongs to ("the union
    said hundreds of its members rallied", "the party said police had arrested dozens of its members")."""
    root = verb.sent.root
    subjects = [c for c in root.children if c.dep_ == NSUBJ] if root is not verb else []
    return char_span(phrase_tokens(subjects[0]), base) if subjects else None


def anchor_chain(verb: Token) -> list[Token]:
    """Verbs whose date expressions apply to this one, nearest first: itself, its conjuncts, the event nouns of its
    prepositional phrases ("killed six fighters in an attack ... late on Tuesday"), then its governors."""
    chain = [verb] + [c for c in verb.children if c.dep_ == CONJ]
    if verb.dep_ == CONJ:
        chain.append(verb.head)
    chain += own_nouns(verb)
    head = verb
    while head.head.i != head.i and not sequenced(head):
        head = head.head
        if head.pos_ in ("VERB", "AUX") and head not in chain:
            chain.append(head)
    if sequenced(head):
        return chain  # the clause is timed against its governor: no date of the reporting verbs either
    chain += [t for t in verb.sent if t.lemma_ in REPORTING and t.pos_ == "VERB" and t not in chain
              and not subordinate(t)]
    return chain


def sequenced(token: Token) -> bool:
    """Whether a clause is placed before or after its governor's time ("said on Friday it would not yield after
    Niger threatened ..."): the governor's date is not its date."""
    return token.dep_ == ADVCL and any(c.dep_ == MARK and c.lower_ in SEQUENCE_MARKS for c in token.children)


def subordinate(verb: Token) -> bool:
    """Whether a reporting verb sits in a subordinate clause ("..., though their lawyers said on Sunday that ..."),
    so it reports that clause's content, not the sentence's other happenings."""
    return verb.dep_ in (ADVCL, RELCL, ACL) and any(c.dep_ == MARK for c in verb.children)


def own_nouns(verb: Token) -> list[Token]:
    """Event nouns in a verb's own prepositional phrases: the verb's happening under another name."""
    return [p for c in verb.children if c.dep_ == PREP for p in c.children if p.dep_ == POBJ and event_noun(p)]


def anchor_of(token: Token) -> Token:
    """The nearest verb or event noun governing a token (the happening a date expression belongs to: "an attack
    ... on March 22" dates the attack, not the verb condemning it); a date right after a reporting verb is its
    day whatever the parse says ("the army said on Tuesday it killed ... on Monday")."""
    before = token.i - 1
    while before >= 0 and token.doc[before].lower_ in ("on", "late", "early"):
        before -= 1
    if before < token.i - 1 and token.doc[before].lemma_.lower() in REPORTING and token.doc[before].pos_ == "VERB":
        return token.doc[before]
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and (head is token or event_noun(head) is None):
        head = head.head
    return head
