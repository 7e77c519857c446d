"""Entry point: ``load_extractor()`` once per process, then ``EventExtractor.extract(article)``.

Parsing is most of the cost (70-100 µs a word), so few sentences are parsed: those
that hold a form of a coded verb and are the title or name an actor (a dictionary or
unknown-organisation match, or a plural person noun: no other body sentence can give
a candidate), and of these only the first ``MAX_PARSED`` in reading order (the
headline, the lead and the early paragraphs, where wire copy reports its principal
event; later sentences weigh least, candidates.position_weight, and are mostly
background), then the later ones naming an organisation or person the first ones
name, which can add to that happening. When the article names no country the first
actorless verb sentences are parsed too, since their places can set the context.
``parse_all`` parses every verb sentence (for comparisons). The pipeline is
``spacy_pipeline.load_pipeline`` (no NER). The whole text is still scanned for
actors, which is string matching.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from schemas.records import Article, EventMention, EventType
from services.clusterer.evidence import evidence_of
from services.extractor.actor_lexicon import ActorLexicon
from services.extractor.actors import ActorResolver
from services.extractor.assemble import assemble
from services.extractor.candidates import Candidate, Reader, position_weight
from services.extractor.cast import Cast, build_cast
from services.extractor.clauses import anchor_of, clauses
from services.extractor.dates import DateMention, find_dates
from services.extractor.extra import ExtraTypes, extra_mention
from services.extractor.focus import TownTally, background_spans, sharpen, tally_towns
from services.extractor.gazetteer import Gazetteer
from services.extractor.happenings import Happening, group
from services.extractor.normalize import name_key
from services.extractor.parse import ParsedDoc, parse_texts
from services.extractor.places import PlaceHit, best_place, geocode_span, toponyms
from services.extractor.plover import PloverMap
from services.extractor.quantities import Count, find_figures
from services.extractor.secondary import secondary
from services.extractor.sentences import Sentence, article_sentences, names_within, naming_actors
from services.extractor.spacy_pipeline import load_pipeline
from services.extractor.unknown_orgs import find_unknown_orgs
from services.extractor.verbs import VerbLexicon
from services.extractor.weighing import weigh

LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")
CAPTION_CREDIT = re.compile(r"\[[^\]]{2,60}\]\s*$")
MIN_LEAD_WORDS = 8
FIGURE_PARAGRAPHS = 3  # tolls and figures without a counted noun this early in the body refer to the main happening
MAX_EVENTS = 3  # the principal happening and up to two secondary ones (services/extractor/secondary.py)
UNTYPED = EventType(plover="OTHER", mode="untyped")  # a report whose happening no rule could type
UNTYPED_CONFIDENCE = 0.3
MAX_PARSED = 8  # the title and the lead come first; the principal event is almost always among these


def substantive(text: str) -> bool:
    """Whether a sentence can be the lead: enough Latin-script words (not a byline or a dateline stub)."""
    return len(LATIN_WORD.findall(text)) >= MIN_LEAD_WORDS and not CAPTION_CREDIT.search(text)


def initial_word(hit: PlaceHit, sentence: Sentence) -> bool:
    """Whether a town hit is only the sentence's capitalised first word read loosely as a town's other name
    ("Rescue workers ..." → Riosucio, "Armed thieves ..." → Armada): every sentence starts with a capital."""
    return (hit.start == sentence.start and hit.place.precision == "place"
            and name_key(hit.text) != name_key(hit.place.name))


@dataclass
class ParseStats:
    """Parser cost counters for one process."""

    sentences: int = 0
    parsed: int = 0
    words: int = 0
    parsed_words: int = 0


class EventExtractor:
    """Articles → event mentions; holds the spaCy pipeline and every lexicon."""

    def __init__(
        self,
        nlp: Any,
        verbs: VerbLexicon,
        plover: PloverMap,
        actors: ActorLexicon,
        gazetteer: Gazetteer,
        extra: ExtraTypes | None = None,
        max_events_per_article: int = MAX_EVENTS,
        min_score: float = 2.0,
        max_parsed: int = MAX_PARSED,
        parse_all: bool = False,
    ) -> None:
        """Wire the pipeline, the lexicons and the selection settings."""
        self.nlp = nlp
        self.verbs = verbs
        self.plover = plover
        self.actors = actors
        self.resolver = ActorResolver(actors)
        self.gazetteer = gazetteer
        self.extra = extra or ExtraTypes([])
        self.max_events_per_article = max_events_per_article
        self.min_score = min_score
        self.max_parsed = max_parsed
        self.parse_all = parse_all
        self.stats = ParseStats()

    def extract(self, article: Article, max_events: int | None = None) -> list[EventMention]:
        """The article's happenings as event mentions: the principal one first, then up to ``max_events`` - 1
        (default ``max_events_per_article`` - 1) secondary ones; an article with no happening the rules can
        type yields one untyped (``OTHER``) mention. Each carries its evidence for clustering (the principal
        one the headline and lead, a secondary one its sentence) and the deciding key, the article's language."""
        key, dated = deciding_key(article), article.published_source != "fetched"
        return [m.model_copy(update={"blocking_key": key, "evidence": evidence_of(m.title, article.text, dated)
                                     if i == 0 else evidence_of(None, m.sentence, dated)})
                for i, m in enumerate(self._mentions(article, max_events))]

    def _mentions(self, article: Article, max_events: int | None = None) -> list[EventMention]:
        """The article's happenings as event mentions, principal first."""
        max_events = self.max_events_per_article if max_events is None else max_events
        today = article.published_at.date() if article.published_at else None
        full, sentences = article_sentences(article.title, article.text)
        selected = [s for s in sentences if self.verbs.may_hold_event(s.text)]
        parsed = self._parse(self._to_parse(full, selected))
        proper = {s.start + t.idx for s, doc in parsed.items() for t in doc if t.pos_ == "PROPN"}
        cast = build_cast(full, self.actors, self.resolver, today, proper)
        if cast.context is None:  # the places of the clauses may give the context: parse early actorless ones too
            parsed.update(self._parse([s for s in selected if s not in parsed][: self.limit]))
        selected = [s for s in selected if s in parsed]
        docs = [parsed[s] for s in selected]
        self._count(sentences, selected)
        prefer = self._countries(cast.counts, cast.context)
        reader = Reader(
            self.verbs,
            self.plover,
            self.resolver,
            self.gazetteer,
            cast,
            full,
            prefer,
            self._dates(selected, docs, today),
        )
        body = [s for s in sentences if not s.is_title and substantive(s.text)]
        found = [
            (clause, position_weight(s.is_title, body.index(s) if s in body else len(body), s.paragraph))
            for s, doc in zip(selected, docs, strict=True)
            for clause in clauses(doc, s, self.verbs)
        ]
        if cast.context is None:
            self._context_from_places(reader, [clause for clause, _ in found])
        candidates: list[Candidate] = []
        for clause, weight in found:
            candidate = reader.candidate(clause, weight)
            if candidate is not None and (candidate.actor_names or candidate.clause.sentence.is_title):
                candidates.append(candidate)
        candidates = weigh(candidates, today)
        happenings = [h for h in group(candidates) if h.score >= self.min_score][:1]
        now = dt.datetime.now(dt.UTC)
        blocked = reader.actor_spans
        towns = tally_towns(full, self.gazetteer, reader.prefer, blocked, background_spans(sentences, today))
        focus = towns.leader()
        named = focus or towns.leader(least=1)
        lead = body[0] if body else None
        extra = self.extra.classify(article.title or "", lead.text if lead else "")
        headline = [c for h in happenings[:1] for c in h.chosen() if c.clause.sentence.is_title]
        if extra is not None and not any(not self.extra.comments_on(c, article.title or "") for c in headline):
            hits = [h for h in geocode_span(lead.text, lead.start, self.gazetteer, reader.prefer, blocked)
                    if not initial_word(h, lead)] if lead else []
            early = [s for s in sentences if not s.is_title and s.paragraph <= FIGURE_PARAGRAPHS]
            place = sharpen(sharpen(best_place(hits), focus), named) or named
            others = secondary(candidates, extra[0].plover, max_events - 1)
            return [extra_mention(article, extra, lead, place, now, early),
                    *self._assemble(article, others, cast, now, focus, named, [], towns, first=1)]
        if not happenings:  # a report all the same: untyped, so it still joins the other reports of its story
            hits = [h for h in geocode_span(lead.text, lead.start, self.gazetteer, reader.prefer, blocked)
                    if not initial_word(h, lead)] if lead else []
            place = sharpen(sharpen(best_place(hits), focus), named) or named
            early = [s for s in sentences if not s.is_title and s.paragraph <= FIGURE_PARAGRAPHS]
            untyped = extra_mention(article, (UNTYPED, 0), lead, place, now, early)
            return [untyped.model_copy(update={"confidence": UNTYPED_CONFIDENCE})] if lead or article.title else []
        figures = [c for s in sentences if not s.is_title and s.paragraph <= FIGURE_PARAGRAPHS
                   for c in find_figures(s.text, s.start)]
        kind = happenings[0].chosen()[0].event_type.plover
        others = secondary(candidates, kind, max_events - 1, happenings[0])
        return [*self._assemble(article, happenings, cast, now, focus, named, figures, towns),
                *self._assemble(article, others, cast, now, focus, named, [], towns, first=len(happenings))]

    def _assemble(self, article: Article, happenings: list[Happening], cast: Cast, now: dt.datetime,
                  focus: PlaceHit | None, named: PlaceHit | None, figures: list[Count], towns: TownTally,
                  first: int = 0) -> list[EventMention]:
        """Mentions of happenings, numbered from ``first`` (the principal happening is 0; secondary happenings do
        not take the article's early figures, which count the principal one, nor a target inferred from the
        article: the police firing tear gas have no "armed counterpart")."""
        return [
            assemble(article, first + i, h, cast, self.resolver, now, self.plover.is_military(h.chosen()[0].match.code),
                     focus, named, figures, lambda iso2: self._seat(iso2, cast, towns), infer_target=first == 0)
            for i, h in enumerate(happenings)
        ]

    def _seat(self, iso2: str, cast: Cast, towns: TownTally) -> PlaceHit | None:
        """The town of a country the article names for the country or its government, by name ("the Niamey
        government", "Bamako orders envoy out", Phoenix lists capitals as country aliases) or after a locative
        ("said in Islamabad"): the most often placed-in, then the most populous."""
        forms = [f for name, actor in cast.actors.items() if actor.country == iso2 and (actor.state or
                 actor.sector == "GOV") for f in cast.surfaces.get(name, [])]
        found = {place: PlaceHit(place, name, 0, surface=[name]) for form in forms for name, _, hint in toponyms(form)
                 if (place := self.gazetteer.lookup(name, hint, (iso2,))) is not None
                 and place.precision == "place" and place.country == iso2}
        found |= {p: h for p, h in towns.first.items() if p.country == iso2 and p not in found}
        if not found:
            return None
        return found[max(found, key=lambda p: (towns.counts[p], p.population))]

    def _to_parse(self, full: str, selected: list[Sentence]) -> list[Sentence]:
        """The title and the selected sentences that name an actor (see ``naming_actors``), the first
        ``max_parsed`` of them, then the later ones naming an organisation or person those first ones name:
        they can add to the lead's happening."""
        if self.parse_all:
            return selected
        mentions = self.actors.find(full)
        mentions += find_unknown_orgs(full, mentions)
        naming = set(naming_actors(selected, [(m.start, m.end) for m in mentions]))
        chosen = [s for s in selected if s.is_title or s in naming]  # a headline without actors still counts
        early, later = chosen[: self.max_parsed], chosen[self.max_parsed :]
        names = sorted((m.start, m.entry.canonical) for m in mentions if m.entry is not None and not m.is_country)
        lead = {name for s in early for name in names_within(s, names)}
        return early + [s for s in later if names_within(s, names) & lead]

    def parse_text(self, text: str) -> ParsedDoc:
        """Parse records of one text."""
        return parse_texts(self.nlp, [text])[0]

    @property
    def limit(self) -> int | None:
        """How many sentences one parse may take (None: all)."""
        return None if self.parse_all else self.max_parsed

    def _parse(self, sentences: list[Sentence]) -> dict[Sentence, ParsedDoc]:
        """Parse records of some sentences."""
        return dict(zip(sentences, parse_texts(self.nlp, [s.text for s in sentences]), strict=True))

    def _context_from_places(self, reader: Reader, found: list[Any]) -> None:
        """When no country is named, the country of the places the article's clauses name is the context."""
        places = Counter(hit.place.country for clause in found if (hit := reader.place(clause)) is not None)
        for iso2, _ in places.most_common(1):
            cameo = self.resolver.cameo_country(iso2)
            if cameo and iso2:
                reader.cast.set_context(cameo)
                reader.prefer = (iso2, *reader.prefer)

    def _count(self, sentences: list[Sentence], selected: list[Sentence]) -> None:
        """Update the parser-cost counters."""
        self.stats.sentences += len(sentences)
        self.stats.parsed += len(selected)
        self.stats.words += sum(len(s.text.split()) for s in sentences)
        self.stats.parsed_words += sum(len(s.text.split()) for s in selected)

    def _countries(self, counts: Counter[str], context: str | None) -> tuple[str, ...]:
        """ISO countries the article is about, most mentioned first (for place disambiguation)."""
        found = []
        if context and context in self.actors.countries:
            found.append(self.actors.countries[context].iso2)
        for name, _ in counts.most_common():
            for country in self.actors.countries.values():
                if country.name == name and country.iso2 not in found:
                    found.append(country.iso2)
        return tuple(found)

    @staticmethod
    def _dates(
        selected: list[Sentence], docs: list[ParsedDoc], today: dt.date | None
    ) -> dict[int, list[tuple[DateMention, int]]]:
        """Date expressions of each parsed sentence with the index of the verb each belongs to."""
        if today is None:
            return {}
        found: dict[int, list[tuple[DateMention, int]]] = {}
        for sentence, doc in zip(selected, docs, strict=True):
            for mention in find_dates(sentence.text, today, sentence.start):
                span = doc.char_span(mention.start - sentence.start, mention.end - sentence.start)
                if span is not None:
                    found.setdefault(sentence.start, []).append((mention, anchor_of(span[0]).i))
        return found


def deciding_key(article: Article) -> str:
    """The key of news.mentions: every report that may join another meets it on this key's partition."""
    return (article.language or "und").lower()


@lru_cache(maxsize=1)
def load_extractor() -> EventExtractor:
    """The process's extractor: spaCy and every data file loaded once."""
    nlp = load_pipeline()
    plover = PloverMap.load()
    verbs = VerbLexicon.load(lambda code: plover.entry(code) is not None)
    return EventExtractor(nlp, verbs, plover, ActorLexicon.load(), Gazetteer.load(), ExtraTypes.load())
