"""Who did what to whom in one parsed sentence: event verbs with their subject, objects, places and dates.

Works on the parse records of one sentence (``parse.ParsedDoc``). Spans are returned as character offsets in
the article's full text so they can be matched with the article's actor phrases.
Relative clauses take their antecedent as subject ("400 members, who
surrendered"), conjoined and xcomp verbs inherit the subject of their head
("... surrendered and handed themselves over"), passives swap roles. Event nouns
("condemned the attack by ...") become clauses through ``nominals``; the Clause record,
the noun-phrase walk and date anchoring live in ``spans``, a verb's parties in ``roles``, aims and conditions
in ``aims``.
"""

from __future__ import annotations

from services.extractor.aims import SENDING, intended, purposes
from services.extractor.event_nouns import event_noun
from services.extractor.labels import (
    ACL,
    ACOMP,
    ADVCL,
    ADVMOD,
    AGENT,
    AUX,
    CC,
    CCOMP,
    CONJ,
    DATIVE,
    DOBJ,
    MARK,
    NEG,
    NNPS,
    NNS,
    NPADVMOD,
    NSUBJ,
    POBJ,
    POSS,
    PREP,
    PRT,
    PUNCT,
    RELCL,
    VBG,
    XCOMP,
)
from services.extractor.misreadings import (
    carried,
    effect_of_meeting,
    figure_statement,
    misread_stem,
    object_words,
    remark_on_meeting,
    subject_noun,
)
from services.extractor.moods import OBLIGATION, governor, mood
from services.extractor.nominals import build_nominal
from services.extractor.parse import ParsedDoc, Token
from services.extractor.roles import addressee, find_subject, issues_statement, object_heads
from services.extractor.sentences import Sentence
from services.extractor.spans import (
    CLAUSE_DEPS,
    LOCATIVE,
    OWNER_WORDS,
    Clause,
    Span,
    anchor_chain,
    char_span,
    own_nouns,
    owner_span,
    phrase_tokens,
    place_spans,
)
from services.extractor.verbs import Sense, VerbLexicon
from services.extractor.words import codes, words

PRONOUNS = words("pronouns")
SIDE_PREPS = words("side_prepositions")
PLURAL_HEADS = words("plural_heads")
MODAL = words("modals")

PARTICIPLE_BLOCKS = codes("participle_blocks")
PHRASAL_DEPS = frozenset({PREP, DOBJ, ACOMP})  # a verb's next word that may complete a multi-word verb
OWN_PREPOSITIONS = frozenset({PREP, DATIVE, AGENT, PRT})  # a verb's own phrases ("gave aid [to] X", "forced [out]")


def clauses(doc: ParsedDoc, sentence: Sentence, lexicon: VerbLexicon) -> list[Clause]:
    """Every event-verb clause of a parsed sentence."""
    found = []
    for token in doc:
        nominal = event_noun(token)
        if nominal is not None:
            senses = lexicon.senses(nominal[0])
            if senses and (clause := build_nominal(token, nominal[1], senses, sentence)) is not None:
                found.append(clause)
            continue
        if token.pos_ not in ("VERB", "NOUN") or (token.pos_ == "NOUN" and not sentence.is_title):
            continue
        if subject_noun(token) or misread_stem(token) or figure_statement(token) or issues_statement(token):
            continue
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            continue  # "according to the ministry" attributes a report, it is no event
        particles = [
            c.text
            for c in token.children
            if c.dep_ in (PRT, ADVMOD) or (c.dep_ == PREP and c.lower_ in ("up", "over", "in"))
        ] + next_word(token)
        objects = [w.lower_ for c in token.children if c.dep_ in (DOBJ, DATIVE) for w in object_words(c)] + [
            g.lower_ for c in token.children if c.dep_ == CCOMP for g in c.children if g.dep_ == NSUBJ
            and not any(m.dep_ == MARK for m in c.children)]  # "declared [the envoy persona non grata]"
        subject, passive = find_subject(token)
        if passive and subject is not None:  # "a deal struck by Kyiv and Moscow": the passive subject is the object
            objects.append(subject.lower_)
        plural = (
            subject is not None and not passive and (subject.tag_ in (NNS, NNPS) or subject.lemma_ in PLURAL_HEADS)
        )
        aims = [t.lemma_.lower() for c in token.children if c.dep_ == XCOMP and intended(c) for t in c.subtree]
        senses = lexicon.senses(token.lemma_.lower(), particles, objects, plural, aims, carried(token))
        if not senses and (listed := lexicon.lemma(token.lower_)) is not None:  # the parser's lemma may be wrong
            senses = lexicon.senses(listed, particles, objects, plural, aims, carried(token))  # ("staged" → "stag")
        if not senses or (not passive and effect_of_meeting(subject, senses)) or remark_on_meeting(token, senses):
            continue
        found.append(build_clause(token, senses, sentence))
    return found


def build_clause(verb: Token, senses: list[Sense], sentence: Sentence) -> Clause:
    """Spans, pattern words, places and date anchors of one verb occurrence."""
    base = sentence.start
    place_preps: list[Token] = [
        c
        for c in verb.children
        if c.dep_ == PREP and (c.lower_ in LOCATIVE or (c.lower_ == "to" and verb.lemma_.lower() in SENDING))
    ]
    subject, passive = find_subject(verb)
    attendant = subject is None and verb.dep_ == ADVCL and verb.tag_ == VBG and any(
        s.block in PARTICIPLE_BLOCKS for s in senses)
    if attendant:
        subject, passive = find_subject(verb.head)  # "Togo expels the envoy, accusing Cotonou of ...": Togo accuses
    subject_tokens = (
        phrase_tokens(subject, place_preps) if subject is not None and subject.lower_ not in PRONOUNS else []
    )
    partners = [c for c in subject.children if c.dep_ == CONJ] if subject is not None and not passive else []
    if subject is not None and partners:
        split = {t.i for p in partners for t in p.subtree} | {c.i for c in subject.children if c.dep_ == CC}
        subject_tokens = [t for t in subject_tokens if t.i not in split]
    targets: list[Span] = []
    source_span = char_span(subject_tokens, base)
    heads = [h for h in [subject, *object_heads(verb)] if h is not None]
    if passive:
        agents = [p for c in verb.children if c.dep_ == AGENT for p in c.children if p.dep_ == POBJ]
        targets = [s for s in [source_span] if s]
        source_span = char_span(phrase_tokens(agents[0], place_preps), base) if agents else None
    else:
        aims = [c for c in verb.children if c.dep_ == XCOMP and intended(c)]
        for head in object_heads(verb) or [h for aim in aims for h in object_heads(aim)]:
            if head.lower_ not in PRONOUNS:
                span = char_span(phrase_tokens(head, place_preps), base)
                if span:
                    targets.append(span)
    kept = {c.i for c in verb.rights if c.dep_ not in CLAUSE_DEPS | {CONJ, CC, PUNCT, NPADVMOD}
            and not (c.dep_ == PREP and c.lower_ in SIDE_PREPS and not complement(verb, c))}
    speaker = find_subject(verb.head)[0] if mood(verb) == OBLIGATION else None
    if speaker is not None and speaker.lower_ not in PRONOUNS and not passive:
        targets = [s for s in [source_span] if s] + targets  # "Russia said [Sudan] must return ...": a demand of Sudan
        source_span = char_span(phrase_tokens(speaker, place_preps), base)  # made by the speaker
    after = [t for c in verb.rights if c.i in kept for t in phrase_tokens(c)]
    beside = [t for c in verb.rights if c.dep_ == PREP and c.lower_ in SIDE_PREPS and c.i not in kept
              for t in phrase_tokens(c)]
    before_tokens = subject_tokens or [t for t in verb.lefts]
    if verb.dep_ == CONJ:
        place_preps += [c for c in verb.head.children if c.dep_ == PREP and c.lower_ in LOCATIVE]
    places = [(span, rank) for rank, prep in enumerate(place_preps) for span in place_spans(prep, base)]
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
        before_text=" ".join(t.lower_ for t in before_tokens),
        after_preps=frozenset(c.lower_ for c in verb.rights if c.dep_ in OWN_PREPOSITIONS and c.i in kept),
        beside_words=frozenset({t.lower_ for t in beside} | {t.lemma_.lower() for t in beside}),
        beside_text=" ".join(t.lower_ for t in beside),
        beside_preps=frozenset(c.lower_ for c in verb.rights if c.dep_ == PREP and c.lower_ in SIDE_PREPS),
        addressee=char_span(phrase_tokens(who), base) if (who := addressee(verb)) is not None else None,
        giver=next((char_span(phrase_tokens(o), base) for c in verb.children if c.dep_ == PREP and c.lower_ == "from"
                    for o in c.children if o.dep_ == POBJ and o.lower_ not in PRONOUNS), None),
        places=places,
        partners=[s for p in partners if (s := char_span(phrase_tokens(p), base)) is not None],
        aim_words=frozenset(t.lemma_.lower() for c in verb.children if c.dep_ == XCOMP and intended(c)
                            for t in c.subtree),
        purposes=purposes(verb),
        date_anchors=anchor_chain(verb),
        own_anchors=1 + sum(c.dep_ == CONJ for c in verb.children) + (verb.dep_ == CONJ) + len(own_nouns(verb)),
        object_range=object_range(verb, base),
        owner=owner_span(verb, base) if any(possessed(h) for h in heads) else None,
        reported=verb.dep_ in (ACL, RELCL),
        negated=any(c.dep_ == NEG for c in verb.children),
        mood=mood(verb),
        governor=base + ruler.idx if (ruler := governor(verb)) is not None else None,
        hedged=any(c.dep_ == AUX and c.lower_ in MODAL for c in verb.children),
        intended=intended(verb),
        attendant=attendant,
    )


def next_word(verb: Token) -> list[str]:
    """The word right after a verb when it belongs to the verb ("waged [war]", "asked [for]", "set [free]"): the
    dictionary's multi-word verbs join their words with '_', which PETRARCH2 reads as consecutive words."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if following is None or following.head.i != verb.i or following.dep_ not in PHRASAL_DEPS:
        return []
    return [following.text]


def complement(verb: Token, prep: Token) -> bool:
    """Whether a prepositional phrase right after the verb is its complement ("called [for sanctions]", "pushed
    [for talks]"), which the dictionary's patterns name, rather than a phrase beside the happening."""
    return prep.i == verb.i + 1


def possessed(head: Token) -> bool:
    """Whether a participant phrase is owned by "its"/"their" ("dozens of its members")."""
    return any(t.dep_ == POSS and t.lower_ in OWNER_WORDS for t in head.subtree)


def object_range(verb: Token, base: int) -> Span | None:
    """Characters of a verb's direct object and recipient with their modifiers, to see what it comments on
    ("condemned [the attack by ...]", "refused bail [to activists arrested ...]"; in "accused Benin of sheltering
    militants who attacked ..." the object is only Benin)."""
    tokens = [t for c in verb.children if c.dep_ in (DOBJ, DATIVE) or (c.dep_ == PREP and c.lower_ == "to")
              for t in c.subtree]  # "refused bail [to 40 supporters arrested on ...]"
    return char_span(tokens, base)


