"""Event candidates: a parsed clause with its actors resolved, its code chosen, its place, date and counts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from schemas.records import EventType
from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.cast import Cast, Phrase, surface_texts
from services.extractor.dates import DateMention
from services.extractor.gazetteer import Gazetteer
from services.extractor.places import PlaceHit, best_place, geocode_span
from services.extractor.plover import PloverMap
from services.extractor.quantities import Count, find_counts
from services.extractor.readings import MUTUAL_CODES, SYMMETRIC, military, outcome_of, refine
from services.extractor.spans import REPORTING, Clause, Span
from services.extractor.verbs import Side, VerbLexicon, VerbMatch
from services.extractor.words import words

TITLE_WEIGHT, LEAD_WEIGHT, EARLY_WEIGHT = 3.0, 2.0, 1.2
UNARMED_MILITARY_FACTOR = 0.3
SIDE_FACTOR = 0.5  # a hedged clause ("may have") or an attendant participle ("expels the envoy, accusing ...")
OWNED_SECTORS = frozenset({"UAF"})  # "members": an unidentified group until "its"/"their" says whose
TOPIC_HEAD = re.compile(
    r"[ \-](?:[a-z]+ ){0,2}(?:law|laws|bill|bills|reform|reforms|legislation|amendments?|budget|policy|policies"
    r"|decree|rules?|spending|pay|pensions?)\b"
)  # "military law", "army pay reform": the actor word names a law's topic
OWNER_PRONOUN = re.compile(r"(?i:its|their)\s")  # a doer that is "its"/"their" someone, whom the clause's owner names
OF_GAP = re.compile(r"^\s+of\s+(?:the\s+)?$")
PERSON_NOUN = re.compile(r"\b[a-z]{3,}(?:ers|ists|ians|ants|ents|ees|men)\b")
NOT_PERSONS = words("not_persons")
ROLE_CATEGORIES = {
    ("PROTEST", "demo", "source"): "protesters",
    ("PROTEST", None, "source"): "protesters",
    ("COERCE", "arrest", "target"): "arrested",
}


@dataclass(frozen=True)
class Candidate:
    """One clause read as an event (frozen: the weighing rules return revised copies)."""

    clause: Clause
    match: VerbMatch
    event_type: EventType
    source: ResolvedActor | None
    target: ResolvedActor | None
    source_forms: list[str] = field(default_factory=list)
    target_forms: list[str] = field(default_factory=list)
    place: PlaceHit | None = None
    date: DateMention | None = None
    counts: list[Count] = field(default_factory=list)
    weight: float = 1.0
    date_own: bool = False  # the date belongs to the verb itself, not to the verb reporting it
    background: bool = False  # dated long before publication (weighing.discount_background)
    said_on: bool = False  # the date is that of a statement reporting the clause ("said on Friday that ...")
    comment: bool = False  # a statement on a happening its object reports (weighing.discount_comments)

    @property
    def actor_names(self) -> frozenset[str]:
        """Names of the candidate's resolved actors."""
        return frozenset(a.name for a in (self.source, self.target) if a is not None)


def unnamed(actor: ResolvedActor) -> bool:
    """Whether an actor is an unidentified group ("members", "gunmen") until a phrase says whose."""
    return actor.generic and actor.sector in OWNED_SECTORS


@dataclass
class Reader:
    """Everything needed to turn clauses into candidates for one article."""

    lexicon: VerbLexicon
    plover: PloverMap
    resolver: ActorResolver
    gazetteer: Gazetteer
    cast: Cast
    full_text: str
    prefer: tuple[str, ...]
    dates: dict[int, list[tuple[DateMention, int]]]

    def phrases_in(self, span: Span | None) -> list[Phrase]:
        """The cast's actor phrases inside a span, or reaching into it ('IS fighters' when the parse cut 'IS')."""
        if span is None:
            return []
        return [p for p in self.cast.phrases if p.start < span[1] and span[0] < p.end]

    def actor_in(self, span: Span | None) -> tuple[ResolvedActor | None, list[str]]:
        """The best actor named inside a span (a named organisation before a generic agent, which comes before
        unidentified "members": "32 members of the CCC" are the party's) and its texts."""
        best: tuple[float, ResolvedActor, Phrase] | None = None
        for phrase in self.phrases_in(span):
            actor = self.cast.resolve(phrase.mentions)
            if actor is None:
                continue
            score = 0 if not actor.generic and not actor.state else 2 if actor.state else 1.5 if unnamed(actor) else 1
            if best is None or score < best[0]:
                best = (score, actor, phrase)
        if best is None:
            return self.person_group(span)
        return self.of_state(best[1], best[2]), surface_texts(best[2], best[1])

    def beyond_topic(self, span: Span | None) -> Span | None:
        """A target span without actor names that only modify a policy noun: "against military law", "over the
        police reform bill" is aimed at the law's author, not at the military or the police."""
        if span is None:
            return None
        for phrase in self.phrases_in(span):
            if TOPIC_HEAD.match(self.full_text, phrase.end, span[1]):
                return None
        return span

    def owned(self, actor: ResolvedActor | None, clause: Clause) -> ResolvedActor | None:
        """Unnamed "members" that the clause says are "its"/"their" members are the owner's: the union whose
        members rallied, the party whose members were arrested (not an unidentified armed group)."""
        if actor is None or clause.owner is None or not actor.generic or actor.sector not in OWNED_SECTORS:
            return actor
        owner, _ = self.actor_in(clause.owner)
        return owner or actor

    def of_state(self, actor: ResolvedActor, phrase: Phrase) -> ResolvedActor:
        """A generic agent followed by "of <state>" is that state's ("the government of the Democratic Republic of
        Congo" is the Congolese government, whatever country the article is mostly about)."""
        if not actor.generic or actor.sector is None:
            return actor
        for other in self.cast.phrases:
            if other.start > phrase.end and OF_GAP.match(self.full_text[phrase.end : other.start]):
                state = self.cast.resolve(other.mentions)
                country = state.code[:3] if state is not None and state.state and state.code else None
                lexicon = self.resolver.lexicon
                if country in lexicon.countries and actor.sector in lexicon.sectors:
                    return self.resolver.collective(country or "", actor.sector)
        return actor

    def person_group(self, span: Span | None) -> tuple[ResolvedActor | None, list[str]]:
        """A span naming people only by an agentive plural noun ('38 suspected illegal miners')."""
        if span is None:
            return None, []
        nouns = [m for m in PERSON_NOUN.finditer(self.full_text[span[0] : span[1]]) if m.group(0) not in NOT_PERSONS]
        if not nouns:
            return None, []
        noun = nouns[-1].group(0)
        return self.resolver.person_group(noun, self.cast.context), [noun]

    def candidate(self, clause: Clause, weight: float) -> Candidate | None:
        """A clause as an event candidate, or None when it has no PLOVER-coded reading."""
        if clause.negated or clause.intended:
            return None
        source, source_forms = self.actor_in(clause.source)
        target: ResolvedActor | None = None
        target_forms: list[str] = []
        for span in clause.targets:
            target, target_forms = self.actor_in(self.beyond_topic(span))
            if target is not None:
                break
        if (source is None or source.generic) and clause.owner is not None and clause.source is not None \
                and OWNER_PRONOUN.match(self.full_text, clause.source[0]):  # "its foreign minister": the owner's
            owner, owner_forms = self.actor_in(clause.owner)
            source, source_forms = (owner, owner_forms) if owner is not None else (source, source_forms)
        source, target = self.owned(source, clause), self.owned(target, clause)
        before = Side(clause.before_words, "", military(source))
        after = Side(clause.after_words, clause.after_text, military(target))
        match = self.lexicon.code(clause.senses, before, after)
        if match is None:
            return None
        match, target = refine(match, clause.aim_words, source, target, clause.after_words)
        event_type = self.plover.event_type(match.code)
        if event_type is None:
            return None
        if event_type.plover in SYMMETRIC or match.code in MUTUAL_CODES:
            for span in clause.partners:  # "Iraq and Turkey held talks on the PKK": the other party, not the topic
                partner, partner_forms = self.actor_in(span)
                if partner is not None:
                    target, target_forms = partner, partner_forms
                    break
        if self.plover.is_military(match.code):
            source = self.resolver.militarise(source, self.cast.context) if source else None
            target = self.resolver.militarise(target, self.cast.context) if target else None
            if source is not None and not source.armed and not source.state and source.sector != "GOV":
                weight *= UNARMED_MILITARY_FACTOR
        if source is not None and target is not None and source.name == target.name:
            target = None
        return Candidate(
            clause,
            match,
            event_type,
            source,
            target,
            source_forms,
            target_forms,
            place=self.place(clause),
            date=self.date(clause),
            counts=self.counts(clause, event_type),
            weight=weight * (SIDE_FACTOR if clause.hedged or clause.attendant else 1.0),
            date_own=self.date(clause, own=True) is not None,
            said_on=self.said_on(clause),
        )

    @cached_property
    def actor_spans(self) -> list[Span]:
        """Spans naming an actor other than a country: a toponym inside one is no place ("Idlib Military Council"); a
        capitalised institution word is none either ("rallied outside Congress" is not Congress, Arizona)."""
        return [
            (p.start, p.end)
            for p in self.cast.phrases
            if any(m.entry is not None and not m.is_country for m in p.mentions)
        ] + [(m.start, m.end) for p in self.cast.phrases for m in p.mentions
             if m.entry is None and m.agent is not None and m.text[:1].isupper()]

    def place(self, clause: Clause) -> PlaceHit | None:
        """The most specific place named in the clause's locative phrases."""
        hits: list[PlaceHit] = []
        for (start, end), rank in clause.places:
            hits += geocode_span(self.full_text[start:end], start, self.gazetteer, self.prefer, self.actor_spans, rank,
                                 self.full_text[end : end + 20])
        return best_place(hits)

    def date(self, clause: Clause, own: bool = False) -> DateMention | None:
        """The date expression attached to the clause's verb, its conjuncts or (unless ``own``) the verb
        governing or reporting it."""
        mentions = self.dates.get(clause.sentence.start, [])
        for anchor in clause.date_anchors[: clause.own_anchors] if own else clause.date_anchors:
            for mention, anchor_index in mentions:
                if anchor_index == anchor.i:
                    return mention
        return None

    def said_on(self, clause: Clause) -> bool:
        """Whether the clause's date is not its own but a reporting verb's ("said on Friday that ...")."""
        mentions = {anchor_index for _, anchor_index in self.dates.get(clause.sentence.start, [])}
        anchor = next((a for a in clause.date_anchors if a.i in mentions), None)
        return anchor is not None and anchor not in clause.date_anchors[: clause.own_anchors] and (
            anchor.lemma_.lower() in REPORTING)

    def counts(self, clause: Clause, event_type: EventType) -> list[Count]:
        """Counts inside the clause's participant phrases (its subject and first object)."""
        found = []
        for role, span in (("source", clause.source), ("target", clause.targets[0] if clause.targets else None)):
            if span is not None:
                outcome = outcome_of(clause.verb, role)
                category = outcome or ROLE_CATEGORIES.get((event_type.plover, event_type.mode, role))
                found += find_counts(self.full_text[span[0] : span[1]], span[0], category, outcome is not None)
        return found


def position_weight(is_title: bool, sentence_index: int, paragraph: int) -> float:
    """How much a sentence's position says it reports the article's main happening."""
    if is_title:
        return TITLE_WEIGHT
    if sentence_index == 0:
        return LEAD_WEIGHT
    return EARLY_WEIGHT if paragraph <= 2 else 1.0
