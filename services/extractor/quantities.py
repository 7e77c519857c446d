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

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozen": 12,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = {
    "dozens": (24, 96),
    "scores": (40, 99),
    "hundreds": (200, 900),
    "thousands": (2000, 9000),
    "tens of thousands": (20000, 90000),
}
CATEGORIES = {
    "fighters": (
        "fighter",
        "militant",
        "member",
        "jihadist",
        "terrorist",
        "combatant",
        "captive",
        "insurgent",
        "gunman",
        "gunmen",
        "militiaman",
        "militiamen",
        "extremist",
        "rebel",
        "element",
        "mercenar",
    ),
    "soldiers": ("soldier", "troop", "serviceman", "servicemen", "officer", "policem", "police officer"),
    "civilians": ("civilian", "resident", "villager", "non-combatant"),
    "protesters": ("protester", "protestor", "demonstrator", "marcher"),
    "displaced": ("displaced", "refugee", "evacuee"),
    "children": ("child", "children", "minor"),
    "people": ("people", "person", "individual", "men", "women", "family", "families", "passenger"),
}
OUTCOMES = {
    "killed": ("killed", "dead", "died", "deaths", "bodies", "fatalities", "lives"),
    "injured": ("injured", "wounded", "hurt"),
    "arrested": ("arrested", "detained", "captured", "held", "detainees"),
    "displaced": ("displaced", "fled", "uprooted"),
}
OUTCOME_ADJECTIVES = {"displaced": "displaced", "wounded": "injured", "injured": "injured", "dead": "killed"}
OUTCOME_VERB_FORMS = {"killing": "killed", "killed": "killed", "wounding": "injured", "injuring": "injured"}
OUTCOME_BEFORE = re.compile(r"\b(killing|killed|wounding|injuring)\s+$", re.IGNORECASE)
NOUN_STEMS = sorted(
    {w for words in CATEGORIES.values() for w in words} | {"dead", "death", "bodies", "fatalities"},
    key=len,
    reverse=True,
)
NOUN = r"(?i:(?:" + "|".join(re.escape(w) for w in NOUN_STEMS) + r")[a-z]*)"
NUMBER_WORD = "|".join(sorted((re.escape(w) for w in [*UNITS, *SCALES]), key=len, reverse=True))
FIGURE = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s(?:million|thousand))?"
    rf"|(?:{NUMBER_WORD})(?:[\s\-](?:{NUMBER_WORD}))*)"
)
HEDGE = (
    r"(?:some|about|around|approximately|roughly|nearly|almost|at\s+least|more\s+than|over|up\s+to"
    r"|as\s+many\s+as|an\s+estimated|estimated)"
)
COUNT_TEMPLATE = rf"""\b(?i:(?P<hedge>{HEDGE})\s+)?
    (?i:(?:between\s+)?(?P<low>{FIGURE})\s*(?:-|–|to|and)\s*(?P<high>{FIGURE})
        |(?P<vague>tens\s+of\s+thousands|dozens|scores|hundreds|thousands)|(?P<one>{FIGURE}))
    (?P<gap>(?:\s+of)?(?:\s+(?:the|their|its|(?:[a-z]{{1,3}}-)?[A-Z][\w'’\-]*|\([A-Z]+\)|\[[A-Z]\w*\]
        |[a-z][a-z\-]*)){{0,4}}?)
    \s+(?P<noun>{{noun}})\b"""
COUNT = re.compile(COUNT_TEMPLATE.replace("{noun}", NOUN), re.VERBOSE)
COUNT_ANY = re.compile(
    COUNT_TEMPLATE.replace("{noun}", f"(?:{NOUN}|[a-z]+s|[A-Z][a-z]+(?:ans|ese|is)|men|women|people)"), re.VERBOSE
)
OUTCOME_AFTER = re.compile(
    r"^\s+(?:were|have\s+been|had\s+been|has\s+been|was|are|been|had|have|has)?\s*"
    r"(?:(?:feared|reported|believed|confirmed|presumed|thought)\s+(?:to\s+be\s+|to\s+have\s+been\s+)?)?"
    r"(?P<verb>[a-z]+)",
    re.IGNORECASE,
)  # "12 soldiers are feared dead", "were reported killed"
FORCED_OUT = re.compile(
    r"^\s+(?:who\s+)?(?:were\s+|had\s+been\s+|have\s+been\s+)?(?:forced|driven|chased)\s+(?:from|out\s+of)\s+"
    r"(?:their|its|his|her)\s+homes?\b",
    re.IGNORECASE,
)
RISE = r"(?:has\s+|had\s+)?(?:rose|rises|risen|climbed|climbs|jumped|increased|reached|reaches|stood|stands)"
TOLL = re.compile(
    rf"\b(?i:death\s+)?toll\s+(?i:(?:{RISE}\s+)?(?:at|of|to)|{RISE})\s+(?i:{HEDGE}\s+)?(?P<one>{FIGURE})\b"
    rf"|\b(?i:number\s+of\s+(?:people\s+|those\s+)?(?:killed|dead)\b[^.;]{{0,80}}?\b{RISE}\s+(?:to\s+)?)"
    rf"(?i:{HEDGE}\s+)?(?P<two>{FIGURE})\b"
)  # "toll rose to 21", "the number of people killed in the crash rose to 21"
# one side's figure and the other's ("organisers put the turnout at 10,000", "far fewer than the 23 the army
# claimed"), a running total ("bringing the number held to 43"): figures of the principal count
FIGURE_OF = re.compile(
    rf"\b(?i:(?:a|the|an)\s+(?:(?:lower|higher|smaller|larger|different|revised|earlier|new|official|true|real"
    rf"|actual|final)\s+)?(?:figure|estimate|count|tally)\s+(?:of|at|is|was|(?:stands|stood)\s+at)"
    rf"|(?:put|estimated?|estimating|numbered)\s+the\s+(?:number|figure|total|turnout|crowd|attendance)\b[^.;]{{0,60}}?\s+at"
    rf"|(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|rais(?:es|ed|ing)|push(?:es|ed|ing))\s+the\s+(?:number|figure|total|tally|count)\b[^.;]{{0,40}}?\s+to"
    rf"|(?:fewer|more|less|lower|higher)\s+than\s+the)"
    rf"\s+(?i:{HEDGE}\s+)?(?P<one>{FIGURE})\b"
)
CLAIMED = re.compile(
    rf"\b(?i:claim(?:s|ed|ing)?|report(?:s|ed|ing)?|count(?:s|ed|ing)?|estimat(?:e|es|ed|ing))"
    rf"\s+(?i:{HEDGE}\s+)?(?P<one>{FIGURE})(?=\s*(?:[;:)]|[.,](?!\d)|$|(?:and|but|while)\b))"
)  # a side's bare figure closing its clause ("the union claiming 15,000."); "claimed 12 lives" names its noun
INCREMENT = re.compile(r"\s+(?:more|additional|further)\b", re.IGNORECASE)  # "three more bodies": not a total
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
