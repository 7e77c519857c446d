"""Counts in text: a figure (digits, number words, ranges, vague plurals) and what it counts.

Vague plurals have a documented range and no reported figure: dozens 24-96,
scores 40-99, hundreds 200-900, thousands 2,000-9,000. A stated range ("1,000-1,500",
"between 120 and 150") reports both ends. Hedges ("some", "around", "as many as",
"more than") keep the stated figure. When a mention has exact
figures for a category, its range comes from them; vague ranges are used only
when no exact figure was reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.extractor.count_patterns import (
    CATEGORIES,
    CLAIMED,
    COUNT,
    COUNT_ANY,
    FIGURE_OF,
    FORCED_OUT,
    INCREMENT,
    OUTCOME_ADJECTIVES,
    OUTCOME_AFTER,
    OUTCOME_BEFORE,
    OUTCOME_VERB_FORMS,
    OUTCOMES,
    SCALES,
    TOLL,
    UNITS,
    VAGUE,
)

UNSPECIFIED = ""  # a figure with no counted noun ("a lower figure of about 250") counts what the principal count counts


@dataclass(frozen=True)
class Count:
    """One figure in the text and what it counts."""

    what: str
    low: int
    high: int
    reported: tuple[int, ...]
    text: str
    start: int
    end: int


def parse_figure(text: str) -> int | None:
    """A figure in digits or words: '1,000' → 1000, 'three hundred' → 300, '2.5 million' → 2500000."""
    clean = text.lower().replace(",", "").strip()
    scale = 1
    for word, value in (("million", 1_000_000), ("thousand", 1000)):
        if clean.endswith(word) and clean[: -len(word)].strip().replace(".", "", 1).isdigit():
            return int(float(clean[: -len(word)].strip()) * value)
    if clean.replace(".", "", 1).isdigit():
        return int(float(clean))
    total, current = 0, 0
    for word in re.split(r"[\s\-]+", clean):
        if word in ("a", "and"):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current or None


def category(noun: str, following: str) -> str | None:
    """The count category of a noun, or of the verb that follows it ('12 people were killed' → killed)."""
    lower = noun.lower()
    if FORCED_OUT.match(following):
        return "displaced"  # "300,000 people forced from their homes"
    after = OUTCOME_AFTER.match(following)
    if after:
        verb = after.group("verb").lower()
        for what, verbs in OUTCOMES.items():
            if verb in verbs:
                return what
    for what, words in OUTCOMES.items():
        if what != "displaced" and lower in words:
            return what
    for what, stems in CATEGORIES.items():
        if any(lower.startswith(stem) for stem in stems):
            return what
    return None


def find_counts(text: str, offset: int = 0, role: str | None = None, force: bool = False) -> list[Count]:
    """Every count in a text whose counted noun is in the vocabulary. With a role category (an event's
    participants: 'protesters' for a protest's source, 'arrested' for an arrest's target) any plural noun
    counts, and people or unknown nouns take that category; ``force`` gives every count the role's category
    (the object of 'killing' counts the killed, whatever noun it uses)."""
    found = []
    for match in (COUNT_ANY if role else COUNT).finditer(text):
        what = category(match.group("noun"), text[match.end() : match.end() + 40])
        described = next((o for w in match.group("gap").lower().split() if (o := OUTCOME_ADJECTIVES.get(w))), None)
        if described and what in (None, "people", "civilians", "children"):
            what = described  # "12,000 displaced people"
        if what not in OUTCOMES and (before := OUTCOME_BEFORE.search(text, 0, match.start())):
            what = OUTCOME_VERB_FORMS[before.group(1).lower()]  # "..., killing at least 14 people"
        if role and (force or what in (None, "people", "civilians")):
            what = role
        if what is None or INCREMENT.match(match.group("gap")):
            continue
        if match.group("vague"):
            low, high = VAGUE[re.sub(r"\s+", " ", match.group("vague").lower())]
            reported: tuple[int, ...] = ()
        elif match.group("low"):
            low_value, high_value = parse_figure(match.group("low")), parse_figure(match.group("high"))
            joined = compound(match.group("low"), match.group("high"), text[match.start("low") : match.end("high")])
            if joined is not None:  # "forty-two" is one figure, not the range 40-2
                low, high, reported = joined, joined, (joined,)
            elif low_value is None or high_value is None or high_value < low_value:
                continue
            else:
                low, high, reported = low_value, high_value, (low_value, high_value)
        else:
            value = parse_figure(match.group("one"))
            if value is None or (1900 <= value <= 2100 and match.group("one").isdigit()):
                continue
            low = high = value
            reported = (value,)
        found.append(
            Count(what, low, high, reported, match.group(0).strip(), match.start() + offset, match.end() + offset)
        )
    return found


def compound(low: str, high: str, joined: str) -> int | None:
    """The value of a hyphenated number word read as a range ("forty-two": tens word, hyphen, unit), else None."""
    tens, unit = UNITS.get(low.lower(), 0), UNITS.get(high.lower(), 0)
    if joined.lower() != f"{low}-{high}".lower() or not (tens >= 20 and tens % 10 == 0 and 0 < unit < 10):
        return None
    return tens + unit


def find_figures(text: str, offset: int = 0) -> list[Count]:
    """Figures stated without a counted noun: a (death) toll counts the killed ("put the death toll at seven",
    "an earlier toll of six"); "a lower figure of about 250" counts what the principal count counts."""
    found = []
    for pattern, what in ((TOLL, "killed"), (FIGURE_OF, UNSPECIFIED), (CLAIMED, UNSPECIFIED)):
        for match in pattern.finditer(text):
            figure = match.group("one") or match.groupdict().get("two") or ""
            value = parse_figure(figure)
            if value is None or (1900 <= value <= 2100 and figure.isdigit()):
                continue
            found.append(Count(what, value, value, (value,), match.group(0), match.start() + offset,
                               match.end() + offset))
    return found
