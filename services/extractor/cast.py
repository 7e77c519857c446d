"""The cast of an article: every actor phrase it contains, resolved, counted, with its surface forms.

Ambiguous aliases ("IS") are kept only with context: the article names the same
entity unambiguously, the alias follows its full name in parentheses
("Islamic State (IS)"), or spaCy tagged it as a proper noun / entity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from services.extractor.actor_lexicon import ActorLexicon, Mention, singular
from services.extractor.actors import ActorResolver, ResolvedActor
from services.extractor.patterns import PAREN_BEFORE, PHRASE_GAP
from services.extractor.unknown_orgs import find_unknown_orgs
from services.extractor.words import words

ANAPHORIC_HEADS = words("anaphoric_heads")


@dataclass
class Phrase:
    """Adjacent dictionary matches that make one actor phrase, with its text span."""

    mentions: list[Mention]
    start: int
    end: int
    text: str


@dataclass
class Cast:
    """Actors of one article: phrases per text span, counts and surface forms per canonical name."""

    resolver: ActorResolver
    on: dt.date | None
    context: str | None
    phrases: list[Phrase] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    surfaces: dict[str, list[str]] = field(default_factory=dict)
    actors: dict[str, ResolvedActor] = field(default_factory=dict)
    anaphor: ResolvedActor | None = None

    def resolve(self, mentions: list[Mention], context: str | None = None) -> ResolvedActor | None:
        """The actor named by some matches; generic agents take the given (or article) country, and a bare
        'militants'/'fighters' is read as the article's dominant armed group."""
        actor = self.resolver.phrase_actor(mentions, self.on, context or self.context)
        if actor is None or not actor.generic or self.anaphor is None or any(m.is_country for m in mentions):
            return actor
        if actor.sector == "UAF" and anaphoric(mentions):
            return self.anaphor
        if actor.sector == "REB" and self.anaphor.sector == "REB" and actor.country in (None, self.anaphor.country):
            return self.anaphor
        return actor

    def tally(self) -> None:
        """Count every phrase's actor and collect its surface forms."""
        self.counts.clear()
        self.surfaces.clear()
        self.actors.clear()
        for phrase in self.phrases:
            actor = self.resolve(phrase.mentions)
            if actor is None:
                continue
            self.counts[actor.name] += 1
            self.actors[actor.name] = actor
            forms = self.surfaces.setdefault(actor.name, [])
            for text in surface_texts(phrase, actor):
                if text not in forms:
                    forms.append(text)

    def set_context(self, country: str) -> None:
        """Give generic agents a country (CAMEO code) when the article names none, and recount."""
        self.context = country
        self.anaphor = None
        self.tally()
        self.anaphor = self.dominant_group()
        self.tally()

    def dominant_group(self, exclude: frozenset[str] = frozenset()) -> ResolvedActor | None:
        """The most mentioned named armed actor (not generic, not a state), for anaphora like 'the militants'."""
        ranked = [(n, c) for n, c in self.counts.most_common() if n not in exclude]
        for name, _count in ranked:
            actor = self.actors[name]
            if actor.armed and not actor.generic and not actor.state:
                return actor
        return None

    def counterpart(self, source: str) -> ResolvedActor | None:
        """The most mentioned armed actor other than the source, for events whose target is implicit."""
        for name, _count in self.counts.most_common():
            actor = self.actors[name]
            if name != source and actor.armed and not actor.generic and not actor.state:
                return actor
        for name, _count in self.counts.most_common():
            actor = self.actors[name]
            if name != source and actor.armed and not actor.state:
                return actor
        return None

    def government(self, country: str | None) -> ResolvedActor | None:
        """The most mentioned government actor of a country (ISO alpha-2), e.g. the target of a protest."""
        for name, _count in self.counts.most_common():
            actor = self.actors[name]
            if actor.kind == "government" and (country is None or actor.country == country):
                return actor
        return None


def anaphoric(mentions: list[Mention]) -> bool:
    """Whether a generic phrase can refer back to a named group ('the militants', 'the jihadist group')."""
    agents = [m for m in mentions if m.agent]
    return bool(agents) and singular(agents[-1].text.lower().split()[-1]) in ANAPHORIC_HEADS


def surface_texts(phrase: Phrase, actor: ResolvedActor) -> list[str]:
    """Surface forms a phrase contributes: named matches as written, else the whole phrase."""
    named = [m.text for m in phrase.mentions if m.entry is not None and not m.is_country]
    if named and not actor.generic:
        return named
    if named:
        return named
    return [phrase.text.strip(" -")]


def group_phrases(text: str, mentions: list[Mention]) -> list[Phrase]:
    """Adjacent matches (separated by spaces, hyphens, brackets or 's) grouped into phrases."""
    phrases: list[Phrase] = []
    for mention in mentions:
        if phrases and PHRASE_GAP.match(text[phrases[-1].end : mention.start]):
            last = phrases[-1]
            last.mentions.append(mention)
            last.end = mention.end
            last.text = text[last.start : last.end]
        else:
            phrases.append(Phrase([mention], mention.start, mention.end, mention.text))
    return phrases


def keep_ambiguous(text: str, mentions: list[Mention], named: set[str], proper: set[int]) -> list[Mention]:
    """Drop ambiguous matches that lack context (named elsewhere, '(IS)' after the name, proper-noun tag)."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.ambiguous and mention.entry is not None:
            after_name = (
                bool(kept)
                and kept[-1].entry is not None
                and kept[-1].entry.canonical == mention.entry.canonical
                and PAREN_BEFORE.search(text[kept[-1].end : mention.start]) is not None
            )
            if not (mention.entry.canonical in named or after_name or mention.start in proper):
                continue
        kept.append(mention)
    return kept


def build_cast(
    text: str, lexicon: ActorLexicon, resolver: ActorResolver, on: dt.date | None, proper: set[int] | None = None
) -> Cast:
    """Find, disambiguate and group every actor match of an article text; count them."""
    mentions = lexicon.find(text)
    mentions = sorted(mentions + find_unknown_orgs(text, mentions), key=lambda m: m.start)
    named = {m.entry.canonical for m in mentions if m.entry is not None and not m.ambiguous and not m.is_country}
    mentions = keep_ambiguous(text, mentions, named, proper or set())
    countries: Counter[str] = Counter()
    for m in mentions:
        if m.is_country and m.entry is not None:
            country = resolver.split_code(resolver.pick_code(m.entry, on))[0]
            if country:
                countries[country] += 1
    context = countries.most_common(1)[0][0] if countries else None
    cast = Cast(resolver, on, context, group_phrases(text, mentions))
    cast.tally()
    cast.anaphor = cast.dominant_group()
    cast.tally()
    return cast
