"""Entry point: ``load_extractor()`` once per process, then ``EventExtractor.extract(article)``.

The extractor holds the spaCy pipeline (``spacy_pipeline.load_pipeline``, no NER), every lexicon and the selection
settings; an article goes through the passes of ``passes.PASSES`` (parse, clauses, coding, candidates, weighing,
grouping, choice, assembly) as one ``document.Document``. Parsing is most of the cost, so few sentences are parsed
(``selection``); the whole text is still scanned for actors, which is string matching.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from schemas.records import Article, EventMention
from services.extractor.actor_lexicon import ActorLexicon
from services.extractor.actors import ActorResolver
from services.extractor.builder import deciding_key as deciding_key
from services.extractor.document import Document
from services.extractor.extra import ExtraTypes
from services.extractor.gazetteer import Gazetteer
from services.extractor.mentions import Assembler
from services.extractor.parse import ParsedDoc, parse_texts
from services.extractor.passes import run
from services.extractor.place_check import Recogniser
from services.extractor.plover import PloverMap
from services.extractor.sentences import Sentence
from services.extractor.spacy_pipeline import load_pipeline, load_recogniser
from services.extractor.verbs import VerbLexicon
from services.extractor.words import words

log = logging.getLogger(__name__)

MAX_EVENTS = 3  # the principal happening and up to two secondary ones (services/extractor/secondary.py)
MAX_PARSED = 8  # the title and the lead come first; the principal event is almost always among these


@dataclass
class ParseStats:
    """Parser cost counters for one process."""

    sentences: int = 0
    parsed: int = 0
    words: int = 0
    parsed_words: int = 0
    unread: Counter[str] = field(default_factory=Counter)  # articles not read, by language


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
        recognise: Recogniser | None = None,
    ) -> None:
        """Wire the pipeline, the lexicons and the selection settings; ``recognise`` (a named-entity recogniser)
        checks that a town is a place where it stands (``place_check``), None checks nothing."""
        self.nlp = nlp
        self.verbs = verbs
        self.plover = plover
        self.actors = actors
        self.resolver = ActorResolver(actors)
        self.gazetteer = gazetteer
        self.extra = extra or ExtraTypes([])
        self.assembler = Assembler(self.resolver, plover, gazetteer)
        self.max_events_per_article = max_events_per_article
        self.min_score = min_score
        self.max_parsed = max_parsed
        self.parse_all = parse_all
        self.recognise = recognise
        self.stats = ParseStats()

    def extract(self, article: Article, max_events: int | None = None) -> list[EventMention]:
        """The article's happenings as event mentions: the principal one first, then up to ``max_events`` - 1
        (default ``max_events_per_article`` - 1) secondary ones; an article with no happening the rules can
        type yields one untyped (``OTHER``) mention. Each carries its evidence for clustering (the principal
        one the headline and lead, a secondary one its sentence) and the deciding key, the article's language
        (``builder.build_mention``). An article in a language the extractor cannot read (``readable``) yields
        none: it is counted in ``stats.unread`` and logged, not guessed at."""
        if not readable(article):
            self.stats.unread[article.language or "und"] += 1
            log.info("article not read by the extractor: its language is not one it reads",
                     extra={"article_id": article.article_id, "language": article.language,
                            "readable": sorted(words("readable_languages"))})
            return []
        return self._mentions(article, max_events)

    def _mentions(self, article: Article, max_events: int | None = None) -> list[EventMention]:
        """The article's happenings as event mentions, principal first: the document after every pass."""
        max_events = self.max_events_per_article if max_events is None else max_events
        return run(self, Document(article, max_events)).mentions

    def parse_text(self, text: str) -> ParsedDoc:
        """Parse records of one text."""
        return parse_texts(self.nlp, [text])[0]

    @property
    def limit(self) -> int | None:
        """How many sentences one parse may take (None: all)."""
        return None if self.parse_all else self.max_parsed

    def count(self, sentences: list[Sentence], selected: list[Sentence]) -> None:
        """Update the parser-cost counters."""
        self.stats.sentences += len(sentences)
        self.stats.parsed += len(selected)
        self.stats.words += sum(len(s.text.split()) for s in sentences)
        self.stats.parsed_words += sum(len(s.text.split()) for s in selected)


def readable(article: Article) -> bool:
    """Whether the extractor reads the article's language (an article with none detected is tried)."""
    return article.language is None or article.language in words("readable_languages")


@lru_cache(maxsize=1)
def load_extractor() -> EventExtractor:
    """The process's extractor: spaCy and every data file loaded once."""
    nlp = load_pipeline()
    plover = PloverMap.load()
    verbs = VerbLexicon.load(lambda code: plover.entry(code) is not None)
    return EventExtractor(nlp, verbs, plover, ActorLexicon.load(), Gazetteer.load(), ExtraTypes.load(),
                          recognise=load_recogniser())
