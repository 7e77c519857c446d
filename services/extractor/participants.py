"""Who a clause's phrases name: the best actor of the article's cast inside a span (a named organisation before a
generic agent, before unidentified "members"), a state's agent ("the government of ..."), the owner of "its
members", or people named only by an agentive plural noun ("38 suspected illegal miners")."""

from __future__ import annotations

from dataclasses import dataclass

from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.cast import Cast, Phrase, surface_texts
from services.extractor.patterns import LEADING_ARTICLE, NAME_START, OF_GAP, PERSON_NOUN, TOPIC_HEAD
from services.extractor.spans import Clause, Span
from services.extractor.words import codes, words

OWNED_SECTORS = codes("owned_sectors")
NOT_PERSONS = words("not_persons")
MAX_NAME_WORDS = 8  # a longer subject is a clause, not a name


def unnamed(actor: ResolvedActor) -> bool:
    """Whether an actor is an unidentified group ("members", "gunmen") until a phrase says whose."""
    return actor.generic and actor.sector in OWNED_SECTORS


@dataclass
class Participants:
    """The actors a clause's spans name, read from one article's cast."""

    resolver: ActorResolver
    cast: Cast
    full_text: str

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

    def named_unknown(self, span: Span | None, sentence_start: int) -> tuple[ResolvedActor | None, list[str]]:
        """A doer no dictionary knows but the text names ("the Asia-Pacific forum", "ethnic Uzbeks"): a span with a
        capitalised word that does not open the sentence, as an unresolved actor named by its text."""
        if span is None:
            return None, []
        text = self.full_text[span[0] : span[1]]
        if len(text.split()) > MAX_NAME_WORDS or not any(
                span[0] + m.start() != sentence_start for m in NAME_START.finditer(text)):
            return None, []
        name = LEADING_ARTICLE.sub("", text).strip()
        return ResolvedActor(name, None, None, None, False), [text]

