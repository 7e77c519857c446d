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
