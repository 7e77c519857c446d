"""moods.py: a clause's mood turns its happening into an intent, a threat, an ultimatum, a refusal or a demand; the
complement of a demand or threat is what it is about; block defaults (data/block_defaults.tsv)."""

from __future__ import annotations

import pytest

from services.extractor.extract import EventExtractor
from services.extractor.moods import mood_code
from tests.unit.extractor.conftest import make_article

ONE_SENTENCE = [
    ("will-free-is-intent", "Malian rebels said on Monday they will release twelve Malian hostages.", "AGREE"),
    ("would-boycott-is-threat", "Chadian opposition leaders said they would boycott all talks with the government.",
     "THREATEN"),
    ("withdraw-unless-is-ultimatum",
     "Niger said it will withdraw its troops from Mali unless the Malian army stops shelling border towns.",
     "THREATEN"),
    ("will-not-accept-is-refusal", "Niger said it will not accept the Malian proposal for joint patrols.", "REJECT"),
    ("refused-is-rejection", "The Senegalese government refused a Gambian offer of talks on the border.", "REJECT"),
    ("agreed-to-is-agreement", "Niger agreed to a two-month extension of the Senegalese border mission.", "AGREE"),
    ("accepted-demands-is-yield", "The Malian government on Friday accepted the demands of Malian opposition parties.",
     "CONCEDE"),
    ("demand-over-its-content", "Niger demanded that Mali withdraw its troops from the border towns.",
     "REQUEST"),
    ("must-is-demand", "Niger said on Tuesday that Mali must free the detained Nigerien traders.", "REQUEST"),
    ("act-to-protest-is-protest", "Kenyan teachers closed their schools on Monday to protest against the pay freeze.",
     "PROTEST"),
    ("plans-hostile-aim-is-threat", "Niger plans to impose new tolls on Beninese lorries from next month.",
     "THREATEN"),
    ("prepared-to-is-intent", "The Tunisian president said he is ready to ease the curfew on Algerian traders.",
     "AGREE"),
]


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in ONE_SENTENCE],
                         ids=[i for i, _, _ in ONE_SENTENCE])
def test_a_one_sentence_article_gets_the_type_of_its_mood(extractor: EventExtractor, text: str, expected: str) -> None:
    [mention] = extractor.extract(make_article("", text), 1)
    assert mention.event_type.plover == expected


@pytest.mark.parametrize(("mood", "negated", "plain", "code"), [
    ("future", False, "AID", "033"),
    ("future", False, "ASSAULT", "138"),
    ("future", False, "ACCUSE", None),
    ("ultimatum", False, "RETREAT", "139"),
    ("", True, "AGREE", "120"),
    ("", True, "ASSAULT", ""),
    ("possibility", True, "AID", ""),
    ("obligation", False, "RETREAT", "100"),
    ("", False, "ASSAULT", None),
], ids=["intent-aid", "threat-force", "verbal-kept", "ultimatum", "refusal", "negated-attack-none",
        "cannot-none", "obligation", "plain-kept"])
def test_mood_code_table(mood: str, negated: bool, plain: str, code: str | None) -> None:
    assert mood_code(mood, negated, plain) == code


def test_a_complaint_that_cannot_be_paid_is_no_refusal(extractor: EventExtractor) -> None:
    text = "Nigerien farmers said they cannot pay the new Beninese tolls."
    assert all(m.event_type.plover != "REJECT" for m in extractor.extract(make_article("", text), 1))
