"""Actor resolution: aliases, collective actors, own-identity groups, generic agents and the ambiguous "IS"."""

from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.cast import build_cast
from services.extractor.extract import EventExtractor

ON = dt.date(2024, 5, 15)


def resolve(extractor: EventExtractor, text: str, context: str | None = None) -> tuple[str, str | None, str | None]:
    """(name, kind, country) of the actor a phrase names."""
    actor = extractor.resolver.phrase_actor(extractor.actors.find(text), ON, context)
    assert actor is not None, text
    return actor.name, actor.kind, actor.country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Daesh", "Islamic State", id="daesh"),
        pytest.param("ISIS", "Islamic State", id="isis"),
        pytest.param("ISIL", "Islamic State", id="isil"),
        pytest.param("Da'esh", "Islamic State", id="da-esh"),
        pytest.param("the Islamic State group", "Islamic State", id="islamic-state-group"),
        pytest.param("Islamic State of Iraq and the Levant", "Islamic State", id="phoenix-isil-entry-renamed"),
        pytest.param("Daesh fighters", "Islamic State", id="named-group-wins-over-generic-agent"),
        pytest.param("Syrian Democratic Forces", "Syrian Democratic Forces", id="sdf-keeps-own-name"),
        pytest.param("SDF", "Syrian Democratic Forces", id="sdf-acronym"),
        pytest.param("ISWAP", "Islamic State West Africa Province", id="post-2015-group"),
        pytest.param("Rapid Support Forces", "Rapid Support Forces", id="rsf-full-name"),
        pytest.param("M23 rebels", "March 23 Movement", id="m23"),
    ],
)
def test_named_aliases(extractor: EventExtractor, text: str, name: str) -> None:
    assert resolve(extractor, text)[0] == name


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        pytest.param("Free Syrian Army", None, ("Syrian opposition factions", "rebels", "SY"), id="fsa-collective"),
        pytest.param("Ahrar al-Sham", None, ("Syrian opposition factions", "rebels", "SY"), id="phoenix-country-group"),
        pytest.param("Hayaat Tahrir Al-Shaam", None, ("Syrian opposition factions", "rebels", "SY"), id="hts-variant"),
        pytest.param("rebel forces", "SYR", ("Syrian opposition factions", "rebels", "SY"), id="generic-context"),
        pytest.param("opposition forces", "SYR", ("Syrian opposition factions", "rebels", "SY"), id="opp-uaf-is-reb"),
        pytest.param(
            "Iraqi rebels", "SYR", ("Iraqi opposition factions", "rebels", "IQ"), id="adjective-beats-context"
        ),
        pytest.param("police", "NGA", ("Nigerian police", "police", "NG"), id="police"),
        pytest.param("government troops", "SDN", ("Sudanese military", "military", "SD"), id="troops"),
        pytest.param("Bashar al-Assad", None, ("Syrian government", "government", "SY"), id="leader-dated-code"),
        pytest.param("Syria", None, ("Syria", "state", "SY"), id="country-state"),
    ],
)
def test_collective_and_state_actors(
    extractor: EventExtractor, text: str, context: str | None, expected: tuple[str, str, str]
) -> None:
    assert resolve(extractor, text, context) == expected


def test_generic_agent_without_country_stays_unresolved(extractor: EventExtractor) -> None:
    actor = extractor.resolver.phrase_actor(extractor.actors.find("militants"), ON, None)
    assert actor is not None and not actor.resolved and actor.name == "militants"


def cast_names(extractor: EventExtractor, text: str, proper: set[int] | None = None) -> dict[str, list[str]]:
    """Surface forms per canonical name for a text."""
    return build_cast(text, extractor.actors, extractor.resolver, ON, proper).surfaces


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        pytest.param("Islamic State (IS) fighters withdrew. Later IS said it had left.", True, id="after-full-name"),
        pytest.param("ISIS fighters withdrew. IS later said it had left.", True, id="article-names-the-group"),
        pytest.param("WHAT IS NEXT FOR THE VALLEY FARMERS", False, id="all-caps-verb"),
    ],
)
def test_ambiguous_is(extractor: EventExtractor, text: str, resolved: bool) -> None:
    forms = cast_names(extractor, text).get("Islamic State", [])
    assert ("IS" in forms) is resolved


def test_ambiguous_is_resolved_by_proper_noun_tag(extractor: EventExtractor) -> None:
    text = "Militants loyal to IS attacked a checkpoint."
    assert "IS" in cast_names(extractor, text, {text.index("IS")}).get("Islamic State", [])


def test_unknown_organisation_keeps_its_text_and_acronym(extractor: EventExtractor) -> None:
    text = (
        "Fighters of the Popular Front of Kalmar (PFK) surrendered. The PFK said. The Popular Front of Kalmaar agreed."
    )
    cast = build_cast(text, extractor.actors, extractor.resolver, ON)
    assert {"Popular Front of Kalmar", "PFK", "Popular Front of Kalmaar"} <= set(
        cast.surfaces["Popular Front of Kalmar"]
    )
    actor = cast.actors["Popular Front of Kalmar"]
    assert (actor.resolved, actor.kind) == (False, "armed group")


def test_generic_militants_refer_to_dominant_group(extractor: EventExtractor) -> None:
    text = "Daesh lost the town. The militants fled east. Daesh later said it would return."
    assert "militants" in cast_names(extractor, text)["Islamic State"]
