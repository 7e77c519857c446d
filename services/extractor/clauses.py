"""Who did what to whom in one parsed sentence: event verbs with their subject, objects, places and dates.

Works on a spaCy Doc of one sentence. Spans are returned as character offsets in
the article's full text so they can be matched with the article's actor phrases.
Relative clauses take their antecedent as subject ("400 members, who
surrendered"), conjoined and xcomp verbs inherit the subject of their head
("... surrendered and handed themselves over"), passives swap roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from services.extractor.sentences import Sentence
from services.extractor.verbs import REFLEXIVES, Sense, VerbLexicon

LOCATIVE = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "around",
        "inside",
        "across",
        "throughout",
        "from",
        "into",
        "towards",
        "toward",
        "on",
        "within",
        "outskirts",
    }
)
TARGET_PREPS = ("to", "against", "on", "with", "at")
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"they", "them", "it", "he", "she", "we", "us", "i", "you", "him", "her"})
SIDE_PREPS = frozenset(
    {
        "with",
        "after",
        "before",
        "during",
        "following",
        "for",
        "by",
        "until",
        "despite",
        "amid",
        "as",
        "because",
        "since",
        "according",
        "including",
        "over",
    }
)
REPORTING = frozenset({"say", "tell", "report", "announce", "confirm", "claim", "add", "state", "note"})
QUANTITY_PREPS = frozenset({"between", "about", "around", "over", "nearly", "almost", "up"})
PLURAL_HEADS = frozenset({"thousand", "hundred", "dozen", "score", "people"})
MODAL = frozenset({"may", "might", "could", "would", "will", "should", "shall"})
SENDING = frozenset({"deploy", "redeploy", "send", "dispatch", "move", "rush"})  # "sent troops to Kupiansk": where
INTENT_HEADS = frozenset(
    {"threaten", "vow", "warn", "pledge", "promise", "plan", "intend", "want", "seek", "try", "attempt", "aim",
     "prepare", "appeal", "urge", "ask", "call", "demand", "agree", "hope", "refuse", "offer", "order", "threat"}
)

Span = tuple[int, int]


@dataclass
class Clause:
    """One event-verb occurrence and the spans around it (global character offsets)."""

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
    date_anchors: list[Token] = field(default_factory=list)
    negated: bool = False
    hedged: bool = False
    intended: bool = False


def char_span(tokens: list[Token], base: int) -> Span | None:
    """Global character span covering some tokens."""
    if not tokens:
        return None
    return base + min(t.idx for t in tokens), base + max(t.idx + len(t.text) for t in tokens)


def phrase_tokens(head: Token, places: list[Token] | None = None) -> list[Token]:
    """A noun phrase's tokens without relative clauses and locative PPs (those are collected as places)."""
    kept: list[Token] = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS or child.dep_ == "punct":
            continue
        if child.dep_ == "prep" and child.lower_ in LOCATIVE:
            if places is not None:
                places.append(child)
            if child.lower_ != "from":  # "gunmen from the Islamic State group" names their group
                continue
        kept.extend(phrase_tokens(child, places))
    return kept


def find_subject(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject head, passive) of a verb, following relative clauses, conjunctions and xcomp."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head, False
            return child, False
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child, True
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return verb.head, verb.tag_ == "VBN" and verb.dep_ == "acl"
    if verb.dep_ in ("conj", "xcomp") and depth < 4:
        return find_subject(verb.head, depth + 1)
    for child in verb.lefts:
        if child.dep_ == "prep" and child.lower_ in QUANTITY_PREPS:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0], False
    return None, False


def object_heads(verb: Token) -> list[Token]:
    """Direct objects and prepositional objects that can name a target, in preference order."""
    heads = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.lower_ not in REFLEXIVES]
    preps = {c.lower_: c for c in verb.children if c.dep_ in ("prep", "agent")}
    for word in TARGET_PREPS:
        if word in preps:
            heads.extend(c for c in preps[word].children if c.dep_ == "pobj")
    return heads


def clauses(doc: Doc, sentence: Sentence, lexicon: VerbLexicon) -> list[Clause]:
    """Every event-verb clause of a parsed sentence."""
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN") or (token.pos_ == "NOUN" and not sentence.is_title):
            continue
        particles = [
            c.text
            for c in token.children
            if c.dep_ in ("prt", "advmod") or (c.dep_ == "prep" and c.lower_ in ("up", "over", "in"))
        ]
        objects = [c.lower_ for c in token.children if c.dep_ in ("dobj", "dative")]
        subject, passive = find_subject(token)
        plural = (
            subject is not None and not passive and (subject.tag_ in ("NNS", "NNPS") or subject.lemma_ in PLURAL_HEADS)
        )
        senses = lexicon.senses(token.lemma_.lower(), particles, objects, plural)
        if not senses:
            continue
        found.append(build_clause(token, senses, sentence))
    return found


def build_clause(verb: Token, senses: list[Sense], sentence: Sentence) -> Clause:
    """Spans, pattern words, places and date anchors of one verb occurrence."""
    base = sentence.start
    place_preps: list[Token] = [
        c
        for c in verb.children
        if c.dep_ == "prep" and (c.lower_ in LOCATIVE or (c.lower_ == "to" and verb.lemma_.lower() in SENDING))
    ]
    subject, passive = find_subject(verb)
    subject_tokens = (
        phrase_tokens(subject, place_preps) if subject is not None and subject.lower_ not in PRONOUNS else []
    )
    partners = [c for c in subject.children if c.dep_ == "conj"] if subject is not None and not passive else []
    if subject is not None and partners:
        split = {t.i for p in partners for t in p.subtree} | {c.i for c in subject.children if c.dep_ == "cc"}
        subject_tokens = [t for t in subject_tokens if t.i not in split]
    targets: list[Span] = []
    source_span = char_span(subject_tokens, base)
    if passive:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        targets = [s for s in [source_span] if s]
        source_span = char_span(phrase_tokens(agents[0], place_preps), base) if agents else None
    else:
        aims = [c for c in verb.children if c.dep_ == "xcomp" and intended(c)]
        for head in object_heads(verb) or [h for aim in aims for h in object_heads(aim)]:
            if head.lower_ not in PRONOUNS:
                span = char_span(phrase_tokens(head, place_preps), base)
                if span:
                    targets.append(span)
    after = [
        t
        for c in verb.rights
        if c.dep_ not in CLAUSE_DEPS | {"conj", "cc", "punct", "npadvmod"}
        and not (c.dep_ == "prep" and c.lower_ in SIDE_PREPS)
        for t in phrase_tokens(c)
    ]
    before_tokens = subject_tokens or [t for t in verb.lefts]
    if verb.dep_ == "conj":
        place_preps += [c for c in verb.head.children if c.dep_ == "prep" and c.lower_ in LOCATIVE]
    places = [
        (span, rank)
        for rank, prep in enumerate(place_preps)
        if (span := char_span(list(prep.subtree), base)) is not None
    ]
    return Clause(
        sentence=sentence,
        verb=verb.text,
        verb_start=base + verb.idx,
        senses=senses,
        source=source_span,
        targets=targets,
        before_words=frozenset({t.lower_ for t in before_tokens} | {t.lemma_.lower() for t in before_tokens}),
        after_words=frozenset({t.lower_ for t in after} | {t.lemma_.lower() for t in after}),
        after_text=" ".join(t.lower_ for t in after),
        places=places,
        partners=[s for p in partners if (s := char_span(phrase_tokens(p), base)) is not None],
        aim_words=frozenset(t.lemma_.lower() for c in verb.children if c.dep_ == "xcomp" and intended(c)
                            for t in c.subtree),
        date_anchors=anchor_chain(verb),
        negated=any(c.dep_ == "neg" for c in verb.children),
        hedged=any(c.dep_ == "aux" and c.lower_ in MODAL for c in verb.children),
        intended=intended(verb),
    )


def intended(verb: Token) -> bool:
    """An infinitive that names an aim, not a happening: 'threatened to attack', 'sent troops to reinforce'."""
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    return verb.dep_ == "advcl" or (verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in INTENT_HEADS)


def anchor_chain(verb: Token) -> list[Token]:
    """Verbs whose date expressions apply to this one, nearest first: itself, its conjuncts, then its governors."""
    chain = [verb] + [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        chain.append(verb.head)
    head = verb
    while head.head.i != head.i:
        head = head.head
        if head.pos_ in ("VERB", "AUX") and head not in chain:
            chain.append(head)
    chain += [t for t in verb.sent if t.lemma_ in REPORTING and t.pos_ == "VERB" and t not in chain]
    return chain


def anchor_of(token: Token) -> Token:
    """The nearest verb governing a token (the verb a date expression belongs to)."""
    head = token
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head
