"""Body text from a page's lines: boilerplate judged by the line and by its place on the page.

Positional rules: short label lines before the headline (slogans, "3 min read", date lines) go;
the headline and the site's name go wherever they appear; lines in the header (before the first
real paragraph) that carry a date without being a sentence, and are short, are bylines/datelines and go; a
"Related news" heading takes the link lines after it along, and a heading of a story list
("Top stories") in the second half of the page's words takes everything after it; a teaser ending in "…" that repeats
the start of a later paragraph goes; a short line seen twice is page furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from services.normalizer.boilerplate import classify_line, is_list_heading, is_sentence, is_short_label
from services.normalizer.dates import find_dates, is_date_line
from services.normalizer.text import clean_line, fold, word_count

BODY_MIN_WORDS = 8
BYLINE_MAX_WORDS = 40  # a byline or dateline is short; a longer line with a date is a body, whatever it opens with
TEASER_MIN_WORDS = 4
TAIL_SHARE = 0.5
GLUED_SHARE = re.compile(
    r"^(?i:share this (?:article|story|post|page)|share on (?:facebook|twitter|x|whatsapp|linkedin|email|telegram))"
    r"(?:[\s:|]+|(?=[^a-z]))(?P<rest>\S.*)$")
TEASER_END = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|\(…\)|\(\.\.\.\)|…|\.\.\.)$")
NON_WORD = re.compile(r"[\W_]+")


@dataclass
class Body:
    """Paragraphs kept, captions moved out, and every removed line with the rule that removed it."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)


def line_key(line: str) -> str:
    """Comparison key: folded words only, so "Headline!" and "HEADLINE" match."""
    return NON_WORD.sub(" ", fold(line)).strip()


def strip_boilerplate(lines: list[str], titles: list[str], site_names: list[str], captions: list[str]) -> Body:
    """Split page lines into body paragraphs and captions, dropping page furniture."""
    body = Body()
    lines = _unglue_share_prompts([clean_line(line) for line in lines], body)
    keys = [line_key(line) for line in lines]
    kinds = [classify_line(line) for line in lines]
    body_like = [kind is None and _is_body_like(line) for line, kind in zip(lines, kinds, strict=True)]
    title_keys = {line_key(title) for title in titles} - {""}
    site_keys = {line_key(name) for name in site_names} - {""}
    caption_keys = {line_key(caption) for caption in captions} - {""}
    header_end = body_like.index(True) if True in body_like else len(lines)
    headline_at = next((i for i, key in enumerate(keys[: header_end + 1]) if key in title_keys), -1)
    counts = Counter(keys)
    seen: set[str] = set()
    in_related = tail = False
    words_after = _words_after(lines)
    for i, (line, key, kind) in enumerate(zip(lines, keys, kinds, strict=True)):
        if tail or (in_related and not body_like[i]):
            body.removed.append(("related", line))
            continue
        in_related = kind == "related"
        tail = in_related and is_list_heading(line) and words_after[i] <= TAIL_SHARE * words_after[0]
        if kind == "caption" or key in caption_keys:
            if line not in body.captions:
                body.captions.append(line)
            continue
        reason = kind or _positional_reason(line, i, headline_at, header_end)
        if not reason and key in title_keys | site_keys:
            reason = "headline" if key in title_keys else "site-name"
        if not reason and counts[key] > 1 and is_short_label(line):
            reason = "repeated"
        if not reason and (key in seen or _is_teaser(line, keys)):
            reason = "duplicate" if key in seen else "teaser"
        if reason:
            body.removed.append((reason, line))
        else:
            body.paragraphs.append(line)
        seen.add(key)
    return body


def _words_after(lines: list[str]) -> list[int]:
    """For each line, the number of words from it to the end of the page."""
    totals, running = [], 0
    for line in reversed(lines):
        running += word_count(line)
        totals.append(running)
    return totals[::-1]


def _positional_reason(line: str, index: int, headline_at: int, header_end: int) -> str | None:
    """Why a line goes because of where it stands: before the headline, or a date line in the header."""
    if index < headline_at and is_short_label(line):
        return "slogan"
    if is_date_line(line):
        return "dateline"
    if index < header_end and not is_sentence(line) and word_count(line) <= BYLINE_MAX_WORDS and find_dates(line):
        return "byline-date"
    return None


def _is_body_like(line: str) -> bool:
    """A real paragraph (given no line rule marked it): a sentence of some length, not a teaser."""
    return word_count(line) >= BODY_MIN_WORDS and is_sentence(line) and not TEASER_END.search(line)


def _is_teaser(line: str, keys: list[str]) -> bool:
    """True for "First words of the story […]" when a paragraph starting with those words follows."""
    if not TEASER_END.search(line):
        return False
    stem = line_key(TEASER_END.sub("", line))
    if word_count(stem) < TEASER_MIN_WORDS:
        return False
    return any(key != stem and key.startswith(stem) for key in keys)


def _unglue_share_prompts(lines: list[str], body: Body) -> list[str]:
    """Cut "Share this article" off the line it was glued to; drop the rest when it is a link title."""
    result = []
    for line in lines:
        match = GLUED_SHARE.match(line)
        if match:
            body.removed.append(("share", line[: match.start("rest")].strip()))
            line = match["rest"]
            if is_short_label(line):
                body.removed.append(("share-link", line))
                continue
        if line:
            result.append(line)
    return result
