"""What the coder of clauses reads besides the lexicons: the areas and countries places are looked up in first, the verb
each date expression belongs to, and the article's country when it names none (from its clauses' places)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from services.extractor.actor_lexicon import ActorLexicon
from services.extractor.actors import ActorResolver
from services.extractor.candidates import Reader
from services.extractor.dates import DateMention, find_dates
from services.extractor.gazetteer import AREA_MARK, Gazetteer
from services.extractor.parse import ParsedDoc
from services.extractor.patterns import DIRECTION, TOPONYM
from services.extractor.places import abbreviated
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


def named_areas(text: str, gazetteer: Gazetteer, prefer: tuple[str, ...]) -> tuple[str, ...]:
    """Admin1 areas the article names ("Kentucky", "Ill."), most named first, as preferred areas ("US/Kentucky"),
    then their countries not yet preferred: the article's other places choose among a town's namesakes (Mordecai's
    coherence), and last the countries of big towns that can be no other place ("Chicago"). A name that is also a
    country ("Georgia") or a direction ("West") names no area."""
    named: Counter[str] = Counter()
    countries: list[str] = []
    towns: list[str] = []
    for match in TOPONYM.finditer(text):
        name = abbreviated(text, match.group(0), match.start(), gazetteer)
        if (town := gazetteer.anchor(name)) is not None and town.country:
            towns.append(town.country)
        area = gazetteer.area(name)
        if area is None and gazetteer.country(name) is None and gazetteer.could_be_town(name) and not (
                DIRECTION.match(name + " ")):
            area = gazetteer.admin1_exact(name, prefer)
        if area is not None and area.precision == "admin1" and area.country:
            named[f"{area.country}{AREA_MARK}{area.name}"] += 1
            countries.append(area.country)
    found = (*(a for a, _ in named.most_common()), *(cc for cc in dict.fromkeys(countries) if cc not in prefer))
    return (*found, *(cc for cc in dict.fromkeys(towns) if cc not in prefer and cc not in found))


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
