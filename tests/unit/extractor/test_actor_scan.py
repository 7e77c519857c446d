"""The actor scan (ActorLexicon.find) finds exactly what the plain longest-match scan over name_key finds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.extractor.actor_lexicon import ActorLexicon, Mention
from services.extractor.actor_scan import MAX_WORDS, POSSESSIVE, singular
from services.extractor.extract import EventExtractor
from services.extractor.normalize import name_key
from services.extractor.patterns import TOKEN


def plain_scan(lexicon: ActorLexicon, text: str) -> list[Mention]:
    """The reference: at each token, every window from the longest down, each through ``_match``."""
    tokens = [(m.start(), m.end() - 2 * m.group(0).endswith(POSSESSIVE)) for m in TOKEN.finditer(text)]
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        word = text[tokens[i][0] : tokens[i][1]]
        longest = max(lexicon._starts.get(name_key(word), 0), lexicon._starts.get(name_key(singular(word.lower())), 0))
        for n in range(min(longest, MAX_WORDS, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            if any(ch in text[start:end] for ch in "()\n"):
                continue
            mention = lexicon._match(text, start, end)
            if mention is not None:
                mentions.append(mention)
                i += n
                break
        else:
            i += 1
    return mentions


SENTENCES = {
    "named_group_and_agent": "Islamic State militants attacked a Syrian Democratic Forces checkpoint near Raqqa.",
    "acronym_and_ambiguous": "ISIS claimed the raid; IS fighters later withdrew, the SDF said.",
    "transliteration": "Hayaat Tahrir Al-Shaam and Hay'at Tahrir al-Sham fighters clashed in Idlib.",
    "possessive": "Kenya's army said Kenyans and Somalia's government met in Nairobi's centre.",
    "articles_and_the": "The police and the security forces dispersed the protesters outside the parliament.",
    "people_plural": "Ethiopians and Sudanese refugees crossed as the Ethiopian military advanced.",
    "punctuation_in_window": "Iraq, Syria; Turkey: the (Kurdish) militia, al-Shabaab's fighters and U.S. troops.",
    "doubled_letters_across_words": "Abu Ubayda brigades and the Hamas movement's armed wing, Izz ad-Din al-Qassam.",
    "lower_case_agents": "armed men and gunmen killed two soldiers and a police officer, local officials said.",
    "newline_between": "Islamic\nState fighters and Free Syrian\nArmy units.",
    "diacritics": "Forces of the Rapid Support Forces entered Ouaddaï; the Armée nationale tchadienne replied.",
    "function_words": "Some protesters and most of the many workers said all unions and any party would strike.",
}


@pytest.mark.parametrize("text", SENTENCES.values(), ids=SENTENCES.keys())
def test_scan_finds_what_the_plain_scan_finds(extractor: EventExtractor, text: str) -> None:
    lexicon = extractor.actors
    assert lexicon.find(text) == plain_scan(lexicon, text)


def test_scan_repeats_itself_on_the_same_text(extractor: EventExtractor) -> None:
    text = SENTENCES["named_group_and_agent"]
    first = extractor.actors.find(text)
    first.append(first[0])  # the caller's copy: the kept answer is not touched
    assert extractor.actors.find(text) == plain_scan(extractor.actors, text)


WORDS = ["the", "The", "al", "Al-", "of", "Islamic", "State", "IS", "ISIS", "Syrian", "Democratic", "Forces",
         "Free", "Army", "army", "police", "militants", "fighters", "Kenyans", "Kenya's", "Kenyan", "security",
         "forces", "Hay'at", "Tahrir", "al-Sham", "Abu", "Ubayda", "Hamas", "U.S.", "government", "Some", "Ouaddaï",
         "Sudan", "Sudanese", "Rapid", "Support", "armed", "men", "Iraq", "Turkey", "ministry", "interior",
         "Ministry", "of", "Interior", "and", "the", "people", "protesters", "union", "Union", "African", "European"]
GAPS = [" ", " ", " ", "  ", ", ", "; ", " (", ") ", "\n", " - ", "-", "'s ", " 'a-", "ﬁ "]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), min_size=1, max_size=14))
def test_scan_equals_plain_scan_on_word_salad(extractor: EventExtractor, parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    lexicon = extractor.actors
    assert lexicon.find(text) == plain_scan(lexicon, text)
