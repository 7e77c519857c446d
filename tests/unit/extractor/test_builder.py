"""The one EventMention builder: ids, the deciding key and the evidence every mention carries."""

from __future__ import annotations

import datetime as dt

from schemas.records import EventType
from services.extractor.builder import build_mention, deciding_key, mention_id
from tests.unit.extractor.conftest import make_article

ARTICLE = make_article("Police arrest 30 smugglers in Agadez", "Police arrested 30 smugglers in Agadez on Friday.")
NOW = dt.datetime(2024, 5, 15, 12, tzinfo=dt.UTC)
ARREST = EventType(plover="COERCE", mode="arrest")


def test_every_mention_meets_on_the_articles_language() -> None:
    mention = build_mention(ARTICLE, 0, ARREST, [], None, (None, None, None), [], "s", 0.5, NOW)
    assert mention.blocking_key == deciding_key(ARTICLE) == "und"
    assert mention.mention_id == mention_id(ARTICLE.article_id, 0)


def test_the_principal_mention_carries_the_headline_a_secondary_one_its_sentence() -> None:
    principal = build_mention(ARTICLE, 0, ARREST, [], None, (None, None, None), [], "other words", 0.5, NOW)
    secondary = build_mention(ARTICLE, 1, ARREST, [], None, (None, None, None), [], "Smugglers fled to Arlit.", 0.5,
                              NOW)
    assert principal.evidence is not None and secondary.evidence is not None
    assert principal.evidence != secondary.evidence
