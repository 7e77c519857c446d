"""What the coder of clauses reads besides the lexicons: the countries places are looked up in first, the verb
each date expression belongs to, and the article's country when it names none (from its clauses' places)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from services.extractor.actor_lexicon import ActorLexicon
from services.extractor.actors import ActorResolver
from services.extractor.candidates import Reader
from services.extractor.dates import DateMention, find_dates
from services.extractor.parse import ParsedDoc
from services.extractor.sentences import Sentence
from services.extractor.spans import Clause, anchor_of


def preferred_countries(actors: ActorLexicon, counts: Counter[str], context: str | None) -> tuple[str, ...]:
    """ISO countries the article is about, most mentioned first (for place disambiguation)."""
    found = []
    if context and context in actors.countries:
        found.append(actors.countries[context].iso2)
    for name, _ in counts.most_common():
        for country in actors.countries.values():
            if country.name == name and country.iso2 not in found:
                found.append(country.iso2)
    return tuple(found)


def anchor_dates(
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


def context_from_places(reader: Reader, resolver: ActorResolver, found: list[Clause]) -> None:
    """When no country is named, the country of the places the article's clauses name is the context (set on the
    reader's cast, and first among the reader's preferred countries)."""
    places = Counter(hit.place.country for clause in found if (hit := reader.place(clause)) is not None)
    for iso2, _ in places.most_common(1):
        cameo = resolver.cameo_country(iso2)
        if cameo and iso2:
            reader.cast.set_context(cameo)
            reader.prefer = (iso2, *reader.prefer)
