"""Secondary happenings: the reactions and police actions an article reports beside its principal happening.

Every sentence and article here is fictional and written for these tests; places, people and groups differ from
both event corpora.
"""

from __future__ import annotations

from schemas.records import EventMention
from services.extractor.extract import EventExtractor
from tests.unit.extractor.conftest import make_article

PUBLISHED = "2025-10-09T10:00"


def happenings(extractor: EventExtractor, title: str, text: str, max_events: int | None = None) -> list[str]:
    """Each mention as 'TYPE source>target', the principal first."""
    found = extractor.extract(make_article(title, text, PUBLISHED), max_events)
    return [f"{m.event_type.plover} {role(m, 'source')}>{role(m, 'target')}" for m in found]


def role(mention: EventMention, which: str) -> str:
    """The name of a mention's actor in a role, '-' when it has none."""
    return next((a.name for a in mention.actors if a.role == which), "-")


def test_an_expulsion_with_a_threat_and_a_rejection(extractor: EventExtractor) -> None:
    found = happenings(
        extractor,
        "Ghana expels Togo's ambassador, Lomé vows response",
        "ACCRA (Wire) — Ghana on Wednesday declared Togo's ambassador persona non grata and gave him 48 hours to "
        "leave the country, accusing Lomé of sheltering armed smugglers.\n\nTogo's foreign ministry rejected the "
        "accusation as unfounded.\n\nThe two neighbours share a busy border crossing at Aflao.",
        max_events=4,
    )
    assert found[0].startswith("SANCTION Ghana")
    # the headline, the lead, paragraph 2
    assert found[1:] == ["THREATEN Togo>-", "ACCUSE Ghana>Togo", "REJECT Togolese government>-"]


def test_the_principal_happening_is_not_repeated_and_the_limit_holds(extractor: EventExtractor) -> None:
    title = "Ghana expels Togo's ambassador, Lomé vows response"
    text = ("ACCRA (Wire) — Ghana on Wednesday declared Togo's ambassador persona non grata and gave him 48 hours to "
            "leave the country.\n\nTogo's foreign ministry rejected the accusation as unfounded.")
    assert [h.split()[0] for h in happenings(extractor, title, text, 1)] == ["SANCTION"]
    assert len(happenings(extractor, title, text, 2)) == 2


def test_police_action_at_a_protest(extractor: EventExtractor) -> None:
    found = happenings(
        extractor,
        "Thousands march in Lusaka against fuel prices",
        "LUSAKA (Wire) — Thousands of Zambians marched through central Lusaka on Tuesday against a rise in fuel "
        "prices, and police fired tear gas at crowds near the parliament building.\n\nPolice arrested 14 people "
        "for throwing stones, a police spokesman said.",
    )
    assert found[0].startswith("PROTEST")
    assert "ASSAULT Zambian police>-" in found[1:]
    assert any(h.startswith("COERCE Zambian police") for h in found[1:])


def test_a_union_strike_warning(extractor: EventExtractor) -> None:
    found = happenings(
        extractor,
        "Nurses rally in Kampala, union warns of strike",
        "KAMPALA (Wire) — Hundreds of Ugandan nurses rallied outside the health ministry on Monday over unpaid "
        "allowances.\n\nUganda's largest nurses' union warned of a nationwide strike if the allowances were not "
        "paid by the end of the month.",
    )
    assert found[0].startswith("PROTEST")
    assert [h.split()[0] for h in found[1:]] == ["THREATEN"]


def test_statements_and_comments_are_no_happenings(extractor: EventExtractor) -> None:
    found = happenings(
        extractor,
        "Gunmen kill nine soldiers in attack on Malian army post",
        "BAMAKO (Wire) — Gunmen from the Islamic State Sahel Province killed nine Malian soldiers in an attack on "
        "an army post near Menaka on Sunday, the army said.\n\nMali's president condemned the killing of the "
        "soldiers and offered condolences to their families.\n\nAid workers warned that hunger was spreading in "
        "the region.",
    )
    assert found[0].startswith("ASSAULT")
    assert found[1:] == []


def test_background_and_late_paragraphs_are_not_secondary(extractor: EventExtractor) -> None:
    found = happenings(
        extractor,
        "Kenya and Ethiopia hold talks on border security",
        "NAIROBI (Wire) — Kenya and Ethiopia held talks in Nairobi on Thursday on security along their shared "
        "border.\n\nThe ministers discussed cattle raids and the movement of armed groups.\n\nOfficials described "
        "the meeting as constructive.\n\nIn a separate development, Kenyan police arrested six men in Moyale for "
        "smuggling weapons.",
    )
    assert found[0].startswith("CONSULT")
    assert found[1:] == []
