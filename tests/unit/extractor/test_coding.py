"""The coding pass's inputs: preferred countries and the verb each date expression belongs to."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from services.extractor.coding import anchor_dates, preferred_countries
from services.extractor.extract import EventExtractor
from services.extractor.sentences import Sentence


def test_the_context_country_comes_first_then_the_most_mentioned(extractor: EventExtractor) -> None:
    countries = extractor.actors.countries
    niger = next(code for code, c in countries.items() if c.iso2 == "NE")
    mali = next(c.name for c in countries.values() if c.iso2 == "ML")
    assert preferred_countries(extractor.actors, Counter({mali: 3}), niger)[:2] == ("NE", "ML")


def test_a_date_belongs_to_the_verb_it_modifies(extractor: EventExtractor) -> None:
    text = "The army said on Thursday it killed 30 militants near Boni on Wednesday."
    sentence = Sentence(text, 100, 1)
    records = extractor.parse_text(text)
    found = anchor_dates([sentence], [records], dt.date(2025, 6, 13))
    anchors = {mention.text: records[i].text for mention, i in found[100]}
    assert anchors == {"Thursday": "said", "Wednesday": "killed"}


def test_named_areas_are_preferred_most_named_first(extractor: EventExtractor) -> None:
    """Admin1 areas the article names (by name or AP abbreviation) become preferred areas, most named first, with
    their countries after the countries already preferred; a country's name or a direction names no area."""
    from services.extractor.coding import named_areas

    text = ("Flooding closed roads in Kentucky on Monday. Crews from Ohio and from Kentucky helped. "
            "DAYTON, Ohio (Wire) - more rain fell. Georgia sent aid. West of the river, Ky. officials met.")
    found = named_areas(text, extractor.gazetteer, ("CA",))
    assert found[:2] == ("US/Kentucky", "US/Ohio")
    assert found[-1] == "US"
    assert not any("Georgia" in f or f.endswith("/West") for f in found)


def test_big_unrivalled_towns_add_their_country_last(extractor: EventExtractor) -> None:
    """A big town that can be no other place tells the article's country, after the areas and their countries."""
    from services.extractor.coding import named_areas

    text = "Police in Chicago said a man from Dayton, Ohio was held. Officials in Fredericton declined to comment."
    assert named_areas(text, extractor.gazetteer, ("GB",)) == ("US/Ohio", "US")
    assert named_areas("Police in Chicago said the man was held.", extractor.gazetteer, ("GB",)) == ("US",)


def test_a_named_state_chooses_among_namesake_towns(extractor: EventExtractor) -> None:
    """The article's other places choose the town: Paris in an article that names Kentucky is Paris, Kentucky."""
    place = extractor.gazetteer.lookup("Paris", None, ("US/Kentucky", "US"))
    assert place is not None and (place.country, place.admin1) == ("US", "Kentucky")
