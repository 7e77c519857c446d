"""Seeded generator of realistic fictional wire copy: several outlets per happening, copies at a set rate."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from schemas.records import RawArticle
from services.bench import phrases, prose
from services.common.urls import article_id_for
from services.devtools.feedserver import article_page

PLACES_FILE = Path(__file__).with_name("data") / "places.tsv"
BASE_TIME = dt.datetime(2025, 3, 10, 6, 0, tzinfo=dt.UTC)
MIN_WORDS, MAX_WORDS = 150, 1500
CopyKind = Literal["original", "exact", "near"]


@dataclass(frozen=True)
class Happening:
    """One fictional real-world event that several outlets report."""

    index: int
    kind: str
    place: tuple[str, str, str, str, str]  # town, area, country, demonym, ISO 3166 code
    actor: str
    group: str
    grievance: str
    count: int
    day: dt.date


@dataclass(frozen=True)
class Generated:
    """A generated article: the record, its text lines, the happening it reports and what copy it is."""

    raw: RawArticle
    lines: tuple[str, ...]
    happening: Happening
    kind: CopyKind
    copy_of: str | None = None

    @property
    def words(self) -> int:
        """Words of the story (every line but the masthead)."""
        return body_words(self.lines)


def body_words(lines: list[str] | tuple[str, ...]) -> int:
    """Words of every line but the masthead."""
    return sum(len(line.split()) for line in lines[1:])


@functools.cache
def places() -> tuple[tuple[str, str, str, str, str], ...]:
    """The towns happenings are set in (``data/places.tsv``: 1,288 GeoNames towns of 300,000 people or more)."""
    lines = (PLACES_FILE.read_text(encoding="utf-8")).splitlines()
    return tuple((r[0], r[1], r[2], r[3], r[4]) for r in (ln.split("\t") for ln in lines if not ln.startswith("#")))


def date_phrase(day: dt.date, published: dt.datetime, rng: random.Random) -> str:
    """The way wire copy says when: "on Tuesday", "yesterday", "on March 4", "today"."""
    gap = (published.date() - day).days
    options = [f"on {day:%B} {day.day}"]
    if gap == 0:
        options += ["today", "earlier today", f"on {day:%A}"]
    elif gap == 1:
        options += ["yesterday", f"on {day:%A}", "late yesterday"]
    elif gap < 7:
        options += [f"on {day:%A}", f"last {day:%A}"]
    return rng.choice(options)


def count_phrase(count: int, rng: random.Random) -> str:
    """A reported figure the way wire copy hedges it ("some 250", "as many as 400")."""
    return rng.choice(phrases.COUNT_FORMS).format(v=f"{count:,}")


def make_happening(index: int, rng: random.Random) -> Happening:
    """A random happening; its day lies 0–3 days before the stories about it."""
    kind = rng.choice(tuple(phrases.KINDS))
    place = rng.choice(places())
    actor = phrases.MILITANTS.get(place[2], "Islamic State")
    published = BASE_TIME + dt.timedelta(minutes=7 * index)
    day = (published - dt.timedelta(days=rng.choice((0, 1, 1, 2, 3)))).date()
    count = rng.choice((12, 25, 40, 60, 150, 250, 400, 1200, 3000))
    group, grievance = rng.choice(phrases.PROTESTERS), rng.choice(phrases.GRIEVANCES)
    return Happening(index, kind, place, actor, group, grievance, count, day)


def story_lines(h: Happening, outlet: tuple[str, str], published: dt.datetime, words: int,
                rng: random.Random) -> list[str]:
    """Masthead, headline, dateline, lead and background paragraphs up to about ``words`` words."""
    city, admin1, country, demonym, _code = h.place
    fill = {"city": city, "admin1": admin1, "country": country, "demonym": demonym, "actor": h.actor,
            "alias": rng.choice(phrases.ALIASES.get(h.actor, (h.actor,))), "group": h.group, "grievance": h.grievance,
            "outlet": outlet[1], "n": count_phrase(h.count, rng), "when": date_phrase(h.day, published, rng)}
    headline, lead = phrases.KINDS[h.kind]
    head = headline.format(**fill)
    lines = [outlet[1], head[0].upper() + head[1:], f"{published:%B} {published.day}, {published:%Y}"]
    lead_text = lead.format(**fill)
    lines.append(lead_text[0].upper() + lead_text[1:])
    if rng.random() < 0.5:  # one stock background paragraph, as wire stories often carry
        lines.append(rng.choice(phrases.BACKGROUND).format(**fill))
    while body_words(lines) < words:
        lines.append(prose.paragraph(rng, fill))
    lines.append(rng.choice(phrases.CLOSERS).format(**fill))
    return lines


def _record(lines: list[str], outlet: str, slug: str, published: dt.datetime) -> RawArticle:
    url = f"https://{outlet}.example/news/{slug}.html"
    return RawArticle(article_id=article_id_for(url), url=url, feed_url=f"https://{outlet}.example/rss",
                      source=outlet, title=lines[1], html=article_page(lines, 1).decode(), final_url=url,
                      feed_published=published, fetched_at=published + dt.timedelta(minutes=3))


def near_copy(lines: list[str], rng: random.Random) -> list[str]:
    """A lightly edited version: one background paragraph dropped or a closing line changed."""
    edited = list(lines)
    if len(edited) > 6:
        drop = rng.randrange(5, len(edited) - 1)
        if body_words(edited) - len(edited[drop].split()) >= MIN_WORDS:
            del edited[drop]
    edited[-1] = "This story has been updated with further details."
    return edited


def generate(n: int, seed: int = 7, duplicate_rate: float = 0.1, near_share: float = 0.5) -> Iterator[Generated]:
    """``n`` articles; ``duplicate_rate`` of them copy an earlier one (``near_share`` of those lightly edited)."""
    rng = random.Random(seed)
    made: deque[Generated] = deque(maxlen=50)  # copies are drawn from recent stories; older ones are let go
    happening, outlets = make_happening(0, rng), list[tuple[str, str]]()
    for i in range(n):
        published = BASE_TIME + dt.timedelta(minutes=7 * happening.index, seconds=37 * i)
        if made and rng.random() < duplicate_rate:
            original = rng.choice(made)
            near = rng.random() < near_share
            lines = near_copy(list(original.lines), rng) if near else list(original.lines)
            raw = _record(lines, rng.choice(phrases.OUTLETS)[0], f"s{seed}-{i}", published)
            yield Generated(raw, tuple(lines), original.happening, "near" if near else "exact",
                            original.raw.article_id)
            continue
        if not outlets:
            happening = make_happening(i, rng)
            outlets = rng.sample(phrases.OUTLETS, rng.randint(2, 5))
        outlet = outlets.pop()
        words = int(min(MAX_WORDS - 90, max(MIN_WORDS, rng.lognormvariate(6.2, 0.6))))
        lines = story_lines(happening, outlet, published, words, rng)
        item = Generated(_record(lines, outlet[0], f"s{seed}-{i}", published), tuple(lines), happening, "original")
        made.append(item)
        yield item


def raw_articles(n: int, seed: int = 7, duplicate_rate: float = 0.1) -> list[RawArticle]:
    """Just the RawArticle records of ``generate``."""
    return [g.raw for g in generate(n, seed, duplicate_rate)]
