"""What a report says, for clustering: content words of its headline and lead, names, figures and years.

Computed by the extractor for every mention (``EventMention.evidence``), so the clusterer needs no article
text. Words are lower-cased, possessives and plurals folded ("quakes" ~ "quake"), spaCy's English stop words
left out; the headline counts twice, as outlets put the happening there. Names are the capitalised words of
the lead that do not open a sentence, and of the headline unless it is in title case; weekday and month names
are not names (every report of every happening has them).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from schemas.records import Evidence
from services.normalizer.calendar_words import MONTHS, WEEKDAYS

LEAD_WORDS = 150  # the lead: the first words of the body, where outlets say what happened
MAX_TERMS = 40
MAX_HEADLINE = 16
MAX_NAMES = 24
MAX_NUMBERS = 12
MAX_YEARS = 6
TITLE_CASE_SHARE = 0.6
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d[\d,.]*\d|\d")
SENTENCE_END = re.compile(r"[.!?:;\"“”(\[]\s*$")
YEAR = re.compile(r"^(?:19|20)\d\d$")
FIGURE = re.compile(r"^\d[\d,.]*$")
CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)  # folded; "sunday" is not a name


def fold(word: str) -> str:
    """The word lower-cased without a possessive, plural folded to singular."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` that carry content: three letters or more, not a stop word, not a figure."""
    words = []
    for m in TOKEN.finditer(text):
        token = m.group()
        if token[0].isdigit():
            continue
        w = fold(token)
        if len(w) >= 3 and w not in STOP_WORDS:
            words.append(w)
    return words


def lead_of(text: str, words: int = LEAD_WORDS) -> str:
    """The first ``words`` words of the body."""
    return " ".join(text.split()[:words])


def names_in(text: str) -> list[str]:
    """Capitalised words that do not open a sentence, lower-cased, most frequent first."""
    found: Counter[str] = Counter()
    for m in TOKEN.finditer(text):
        token = m.group()
        if not token[0].isupper() or SENTENCE_END.search(text[max(0, m.start() - 3): m.start()]) or m.start() == 0:
            continue
        w = fold(token)
        if len(w) >= 2 and w not in STOP_WORDS and w not in CALENDAR:
            found[w] += 1
    return [w for w, _ in found.most_common(MAX_NAMES)]


def title_case(title: str) -> bool:
    """Whether most words of a headline are capitalised ("Quake Strikes Aceh"): its capitals are not names."""
    words = [w for w in TOKEN.findall(title) if w[0].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > TITLE_CASE_SHARE


def figures_in(text: str) -> tuple[list[str], list[int]]:
    """Figures other than years (commas dropped) and years, first seen first."""
    numbers: dict[str, None] = {}
    years: dict[int, None] = {}
    for m in TOKEN.finditer(text):
        token = m.group().rstrip(".,")
        if not FIGURE.match(token):
            continue
        if YEAR.match(token):
            years[int(token)] = None
        else:
            numbers[token.replace(",", "")] = None
    return list(numbers)[:MAX_NUMBERS], list(years)[:MAX_YEARS]


def evidence_of(title: str | None, text: str, dated: bool = True) -> Evidence:
    """The evidence of a report with this headline and body (the body's lead is read); ``dated``: its
    publication time is known (not the fetch time)."""
    lead = lead_of(text)
    headline = content_words(title or "")
    terms = Counter(headline * 2 + content_words(lead))
    numbers, years = figures_in(f"{title or ''} . {lead}")
    names = names_in(f"{title}. {lead}" if title and not title_case(title) else lead)
    return Evidence(terms=dict(terms.most_common(MAX_TERMS)), headline=list(dict.fromkeys(headline))[:MAX_HEADLINE],
                    names=names, numbers=numbers, years=years, dated=dated)
