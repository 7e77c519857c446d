"""End to end on fictional wire-style articles: the principal happening, its evidence, and nothing else."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from schemas.records import EventMention
from services.extractor.extract import MAX_EVENTS, EventExtractor
from tests.unit.extractor.conftest import make_article

SURRENDER = make_article(
    "Al-Shabaab fighters surrender to Somali army near Kismayo",
    "KISMAYO: Some 120 al-Shabaab fighters surrendered to Somali government troops near Kismayo on Tuesday, "
    "a military spokesman said.\n\n"
    "As many as 150 militants, including several commanders, handed themselves over to the army after days of "
    "fighting, the spokesman added.\n\n"
    "Last year, the group attacked a hotel in the capital, killing 20 people.\n\n"
    "Regional officials have accused the group of extorting farmers in the Juba valley.",
)
PROTEST = make_article(
    "Thousands of teachers protest pay freeze in Nairobi",
    "About 4,000 teachers protested a pay freeze in Nairobi on Monday.\n\n"
    "The teachers demanded that the government restore their allowances. The government said it would study "
    "the demands.\n\nPolice said the march was peaceful.",
)
ARREST = make_article(
    "Police arrest 30 suspected smugglers in Agadez",
    "Police arrested 30 suspected smugglers in Agadez on Friday, a police spokesman said.\n\n"
    "Officers seized two trucks and several weapons during the raid on the edge of the town.",
)
WITHDRAWAL = make_article(
    "Rebels withdraw from outskirts of Bunia",
    "Rebel fighters withdrew from the outskirts of Bunia after clashes with the army, local officials said.\n\n"
    "The officials said residents were returning to their homes.",
)
IS_ARTICLE = make_article(
    "IS fighters give up last positions in Tal Afar",
    "Dozens of Islamic State (IS) fighters gave themselves up to Iraqi troops in Tal Afar yesterday, "
    "commanders said.\n\nIS had held the district for months.",
)


@pytest.fixture(scope="module")
def results(extractor: EventExtractor) -> dict[str, list[EventMention]]:
    """Mentions for each fictional article."""
    return {
        name: extractor.extract(article, 1)  # the principal happening (secondary ones: test_secondary.py)
        for name, article in [
            ("surrender", SURRENDER),
            ("protest", PROTEST),
            ("arrest", ARREST),
            ("withdrawal", WITHDRAWAL),
            ("is", IS_ARTICLE),
        ]
    }


def only(results: dict[str, list[EventMention]], name: str) -> EventMention:
    """The single mention of an article."""
    (mention,) = results[name]
    return mention


@pytest.mark.parametrize(
    ("name", "plover", "mode", "cameo"),
    [
        pytest.param("surrender", "RETREAT", "disarm", "0874", id="surrender"),
        pytest.param("protest", "PROTEST", "demo", "141", id="protest"),
        pytest.param("arrest", "COERCE", "arrest", "173", id="arrest"),
        pytest.param("withdrawal", "RETREAT", "disarm", "0874", id="withdrawal"),
        pytest.param("is", "RETREAT", "disarm", "0874", id="gave-themselves-up"),
    ],
)
def test_event_type(results: dict[str, list[EventMention]], name: str, plover: str, mode: str, cameo: str) -> None:
    event_type = only(results, name).event_type
    assert (event_type.plover, event_type.mode, event_type.cameo) == (plover, mode, cameo)


@pytest.mark.parametrize(
    ("name", "source", "target"),
    [
        pytest.param("surrender", "Al-Shabaab", "Somali military", id="named-group-to-national-army"),
        pytest.param("protest", "Kenyan education sector", "Kenyan government", id="protest-targets-government"),
        pytest.param("arrest", "Nigerien police", "Nigerien criminal groups", id="police-and-phoenix-agent"),
        pytest.param("withdrawal", "Congolese opposition factions", None, id="generic-agents-withdrawal-has-no-target"),
        pytest.param("is", "Islamic State", "Iraqi military", id="is-after-full-name"),
    ],
)
def test_actors(results: dict[str, list[EventMention]], name: str, source: str, target: str | None) -> None:
    actors = {a.role: a.name for a in only(results, name).actors}
    assert actors == {role: n for role, n in (("source", source), ("target", target)) if n is not None}


@pytest.mark.parametrize(
    ("name", "place", "country", "precision"),
    [
        pytest.param("surrender", "Kismayo", "SO", "place", id="near-town-not-dateline"),
        pytest.param("protest", "Nairobi", "KE", "place", id="capital"),
        pytest.param("arrest", "Agadez", "NE", "place", id="town"),
        pytest.param("withdrawal", "Bunia", "CD", "place", id="from-town"),
        pytest.param("is", "Tall ‘Afar", "IQ", "place", id="two-word-town-gazetteer-name"),
    ],
)
def test_place(results: dict[str, list[EventMention]], name: str, place: str, country: str, precision: str) -> None:
    location = only(results, name).location
    assert location is not None and (location.name, location.country, location.precision) == (place, country, precision)


@pytest.mark.parametrize(
    ("name", "date", "source"),
    [
        pytest.param("surrender", dt.date(2024, 5, 14), "text", id="on-tuesday"),
        pytest.param("protest", dt.date(2024, 5, 13), "text", id="on-monday"),
        pytest.param("arrest", dt.date(2024, 5, 10), "text", id="on-friday"),
        pytest.param("withdrawal", dt.date(2024, 5, 15), "publication", id="no-date-falls-back"),
        pytest.param("is", dt.date(2024, 5, 14), "text", id="yesterday"),
    ],
)
def test_date(results: dict[str, list[EventMention]], name: str, date: dt.date, source: str) -> None:
    mention = only(results, name)
    assert (mention.event_date, mention.date_source) == (date, source)


@pytest.mark.parametrize(
    ("name", "what", "reported", "low", "high"),
    [
        pytest.param("surrender", "fighters", [120, 150], 120, 150, id="evidence-sentence-adds-a-figure"),
        pytest.param("protest", "protesters", [4000], 4000, 4000, id="protest-participants"),
        pytest.param("arrest", "arrested", [30], 30, 30, id="arrest-targets"),
        pytest.param("is", "fighters", [], 24, 96, id="vague-dozens"),
    ],
)
def test_quantities(
    results: dict[str, list[EventMention]], name: str, what: str, reported: list[int], low: int, high: int
) -> None:
    quantities = {q.what: q for q in only(results, name).quantities}
    assert (quantities[what].reported, quantities[what].min, quantities[what].max) == (reported, low, high)


def test_background_happenings_are_not_events(results: dict[str, list[EventMention]]) -> None:
    assert [m.event_type.plover for m in results["surrender"]] == ["RETREAT"]


def test_secondary_happenings_are_read_by_default(extractor: EventExtractor) -> None:
    assert extractor.max_events_per_article == MAX_EVENTS == 3
    article = make_article(
        "Thousands march in Ndola over power cuts",
        "NDOLA (Wire) — Thousands of Zambians marched in Ndola on Monday over power cuts, and police fired tear gas "
        "at the crowd outside the city council.",
    )
    mentions = extractor.extract(article)
    assert [m.event_type.plover for m in mentions] == ["PROTEST", "ASSAULT"]
    namespace = uuid.UUID("5b0f7c1e-3d2a-5e47-9a61-6e6577736677")
    assert [m.mention_id for m in mentions] == [str(uuid.uuid5(namespace, f"a1:{i}")) for i in range(2)]


def test_mention_fields(results: dict[str, list[EventMention]]) -> None:
    mention = only(results, "surrender")
    assert mention.mention_id == str(uuid.uuid5(uuid.UUID("5b0f7c1e-3d2a-5e47-9a61-6e6577736677"), "a1:0"))
    assert mention.blocking_key == "und" and mention.evidence is not None  # the deciding key: no language given
    assert set(mention.evidence.headline) <= set(mention.evidence.terms)
    assert mention.url == SURRENDER.canonical_url and mention.title == SURRENDER.title
    assert "surrendered" in mention.sentence and 0.0 < mention.confidence <= 1.0
    assert "al-Shabaab" in next(a for a in mention.actors if a.role == "source").surface_forms


def test_article_without_a_typed_happening_yields_one_untyped_report(extractor: EventExtractor) -> None:
    quiet = make_article("Spring arrives in the valley", "The weather in the valley was mild and the rivers ran high.")
    (mention,) = extractor.extract(quiet)
    assert (mention.event_type.plover, mention.event_type.mode, mention.confidence) == ("OTHER", "untyped", 0.3)
    assert mention.evidence is not None and mention.evidence.headline == ["spring", "arrive", "valley"]
    assert extractor.extract(make_article("", "")) == []


@pytest.mark.parametrize(
    ("language", "read"),
    [pytest.param("en", True, id="english-read"), pytest.param("de", False, id="german-not-read"),
     pytest.param(None, True, id="undetected-tried")],
)
def test_an_article_in_a_language_the_extractor_cannot_read_gets_no_event_and_is_counted(
        extractor: EventExtractor, language: str | None, read: bool) -> None:
    article = make_article("Troops shelled the town of Harrowgate",
                           "Troops shelled the town of Harrowgate on Monday, killing three people.").model_copy(
        update={"language": language})
    before = dict(extractor.stats.unread)
    mentions = extractor.extract(article)
    assert bool(mentions) is read
    unread = {k: v - before.get(k, 0) for k, v in extractor.stats.unread.items() if v != before.get(k, 0)}
    assert unread == ({} if read else {language: 1})
