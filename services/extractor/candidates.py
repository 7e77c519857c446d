"""Event candidates: a parsed clause with its actors resolved, its code chosen, its place, date and counts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from schemas.records import EventType
from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.cast import Cast
from services.extractor.dates import DateMention
from services.extractor.gazetteer import Gazetteer
from services.extractor.moods import FUTURE, mood_code
from services.extractor.participants import Participants
from services.extractor.patterns import OWNER_PRONOUN
from services.extractor.place_check import AcceptAll, PlaceCheck
from services.extractor.places import PlaceHit, best_place, geocode_span
from services.extractor.plover import PloverMap
from services.extractor.quantities import Count, find_counts
from services.extractor.readings import MUTUAL_CODES, SYMMETRIC, military, outcome_of, protest_purpose, refine
from services.extractor.spans import REPORTING, Clause, Span
from services.extractor.verbs import Side, VerbLexicon, VerbMatch
from services.extractor.words import ordered_codes

TITLE_WEIGHT, LEAD_WEIGHT, EARLY_WEIGHT = 3.0, 2.0, 1.2
UNARMED_MILITARY_FACTOR = 0.3
SIDE_FACTOR = 0.5  # a hedged clause ("may have") or an attendant participle ("expels the envoy, accusing ...")
INTENT_ROOT, THREAT_ROOT, AGREE_BLOCK = "03", "13", "AGREE"
GOVERNING_TYPES = ("REQUEST", "THREATEN", "REJECT")  # their complement is what is demanded, threatened, refused
ADDRESSED_CODES = ordered_codes("addressed_codes")  # appeals, demands, threats: made of the complement's subject
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
    governed: bool = False  # what a demand, threat or refusal is about ("demanded that Hamas [renounce] ...")

    @property
    def actor_names(self) -> frozenset[str]:
        """Names of the candidate's resolved actors."""
        return frozenset(a.name for a in (self.source, self.target) if a is not None)


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
    check: PlaceCheck = field(default_factory=AcceptAll)  # whether a town is a place where it stands

    @cached_property
    def participants(self) -> Participants:
        """Who the clauses' phrases name, in this article's cast."""
        return Participants(self.resolver, self.cast, self.full_text)

    def candidate(self, clause: Clause, weight: float) -> Candidate | None:
        """A clause as an event candidate, or None when it has no PLOVER-coded reading."""
        if clause.intended:
            return None
        source, source_forms = self.participants.actor_in(clause.source)
        target: ResolvedActor | None = None
        target_forms: list[str] = []
        for span in clause.targets:
            target, target_forms = self.participants.actor_in(self.participants.beyond_topic(span))
            if target is not None:
                break
        if (source is None or source.generic) and clause.owner is not None and clause.source is not None \
                and OWNER_PRONOUN.match(self.full_text, clause.source[0]):  # "its foreign minister": the owner's
            owner, owner_forms = self.participants.actor_in(clause.owner)
            source, source_forms = (owner, owner_forms) if owner is not None else (source, source_forms)
        source, target = self.participants.owned(source, clause), self.participants.owned(target, clause)
        if source is None and not clause.reported:  # a doer the text names but no dictionary knows
            source, source_forms = self.participants.named_unknown(clause.source, clause.sentence.start)
        before = Side(clause.before_words, clause.before_text, military(source))
        after = Side(clause.after_words, clause.after_text, military(target), clause.after_preps)
        if clause.beside_words:  # the verb's phrases beside the happening, read by patterns naming their preposition
            after = replace(after, beside=Side(after.words | clause.beside_words,
                                               f"{after.text} {clause.beside_text}".strip(), after.armed,
                                               after.preps | clause.beside_preps), beside_preps=clause.beside_preps)
        match = protest_purpose(self.lexicon.code(clause.senses, before, after), clause.senses, clause.purposes)
        if match is None:
            return None
        match, target = refine(match, clause.aim_words, source, target, clause.after_words)
        match = self.hostile_aim(match, clause)
        if match.reverse:  # "X received support from Y" [:051] is Y's support of X; "X shocked Y" [:110] Y's anger
            giver, giver_forms = ((target, target_forms) if target is not None
                                  else self.participants.actor_in(clause.giver))
            source, source_forms, target, target_forms = giver, giver_forms, source, source_forms
        event_type = self.plover.event_type(match.code)
        if event_type is None:
            return None
        moved = mood_code(clause.mood, clause.negated, event_type.plover)
        if moved == "":
            return None
        if moved is not None:  # "will release" is an intent, "would boycott" a threat, "did not allow" a refusal
            match = replace(match, code=moved)
            event_type = self.plover.event_type(moved)
            if event_type is None:
                return None
            weight /= SIDE_FACTOR if clause.hedged else 1.0  # the statement of an intent is no hedge
        if target is None and clause.addressee is not None and match.code.startswith(ADDRESSED_CODES):
            target, target_forms = self.participants.actor_in(clause.addressee)  # "demanded that [Hamas] renounce"
        if event_type.plover in SYMMETRIC or match.code in MUTUAL_CODES:
            for span in clause.partners:  # "Iraq and Turkey held talks on the PKK": the other party, not the topic
                partner, partner_forms = self.participants.actor_in(span)
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

    def hostile_aim(self, match: VerbMatch, clause: Clause) -> VerbMatch:
        """An intent (CAMEO 03) whose aim is hostile is a threat: "plans to impose restrictions" reads as the aim's
        future (``moods``), as "will impose restrictions" does; "agreed to" keeps the AGREE block's own patterns."""
        if not match.code.startswith(INTENT_ROOT) or match.block == AGREE_BLOCK:
            return match
        for aim in sorted(clause.purposes):
            code = next((s.code for s in self.lexicon.senses(aim) if s.code), None)
            aimed = self.plover.event_type(code) if code else None
            moved = mood_code(FUTURE, False, aimed.plover) if aimed else None
            if moved is not None and moved.startswith(THREAT_ROOT):
                return replace(match, code=moved)
        return match

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
                                 self.full_text[end : end + 20], self.check)
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
