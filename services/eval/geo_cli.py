"""Places on real news: GeoWebNews (200 articles with gold toponyms), the gazetteer and the extractor.

    newsflow-eval-geo [--data FILE] [--floors FILE] [--out FILE] [--no-gate]

Two measures (GeoWebNews, Gritta et al. 2019; GPL-3.0, read for evaluation only, never copied):

- **Given the gold spans**: each gold toponym with a GeoNames id (2,401; streets and buildings have none) is
  geocoded by the extractor's gazetteer (``Gazetteer.resolve``: a continent, a demonym's country, else the place
  ``lookup`` reads for an event), preferring the admin1 areas and countries the article's toponyms name
  (Mordecai's coherence); the share within 161 km (100 miles) of the gold point, and the share with the gold id.
- **End to end**: each article (its title and text) goes through the extractor as in the worker; every
  mention with a place is judged: within 161 km of any gold toponym of its article, or a word that is not a
  place (its surface forms are no gold toponym and it is not within 161 km of one); and the share of
  articles whose principal mention has a place.

The results file also counts the gold spans not within 161 km by cause (no reading, the right GeoNames id at another
point, another place) and gives every figure for the even- and odd-numbered articles apart (rules are designed
looking at one half and checked on the other).

Exits 1 when a figure is past its floor in bench/floors.json (keys ``geo_<figure>``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import math
import shlex
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from schemas.records import Article, EventMention, Location
from services.eval import results

REPO = results.REPO
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "geowebnews" / "GWN.xml.gz"
FLOOR_PREFIX = "geo_"
NEAR_KM = 161.0
UPPER_LIMITS = ("non_place_share",)
PUBLISHED = dt.datetime(2018, 1, 15, 9, tzinfo=dt.UTC)  # the corpus was collected in early 2018


@dataclass(frozen=True)
class Toponym:
    """A gold toponym: its text, type, GeoNames id and point (None where the gold has none)."""

    name: str
    kind: str
    geonameid: int | None
    point: tuple[float, float] | None


@dataclass(frozen=True)
class GoldArticle:
    """A GeoWebNews article with its gold toponyms."""

    number: str
    title: str
    text: str
    toponyms: tuple[Toponym, ...]


def load(path: Path) -> list[GoldArticle]:
    """Every article of GWN.xml(.gz)."""
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    articles = []
    for el in ElementTree.fromstring(data).iter("article"):
        toponyms = []
        for t in el.iter("toponym"):
            lat, lon, gid = t.findtext("latitude"), t.findtext("longitude"), t.findtext("geonamesID")
            toponyms.append(Toponym(t.findtext("extractedName") or "", t.findtext("type") or "",
                                    int(gid) if gid and gid.strip().isdigit() else None,
                                    (float(lat), float(lon)) if lat and lon else None))
        articles.append(GoldArticle(el.get("file", ""), el.findtext("title") or "", el.findtext("text") or "",
                                    tuple(toponyms)))
    return articles


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def to_article(gold: GoldArticle) -> Article:
    """The article as the normaliser would hand it on."""
    url = f"https://geowebnews.example/{gold.number}"
    return Article(article_id=f"gwn-{gold.number}", url=url, canonical_url=url, source="gwn", feed_url=url,
                   title=gold.title, text=gold.text, language="en", published_at=PUBLISHED,
                   published_precision="day", published_source="feed",
                   content_hash=hashlib.sha256(gold.text.encode()).hexdigest(), word_count=len(gold.text.split()),
                   fetched_at=PUBLISHED)


def given_spans(articles: list[GoldArticle], gazetteer: Any) -> dict[str, Any]:
    """Gazetteer resolution of the gold spans: within 161 km, and the gold GeoNames id where given; the spans not
    within 161 km counted by ``miss_cause``."""
    near = ids = judged = 0
    causes: Counter[str] = Counter()
    for article in articles:
        prefer = article_context(article, gazetteer)
        for t in article.toponyms:
            if t.point is None or t.geonameid is None:
                continue
            place = gazetteer.resolve(t.name, prefer=prefer)
            judged += 1
            cause = miss_cause(place, t)
            near += cause is None
            ids += place is not None and place.geonameid == t.geonameid
            causes.update([cause] if cause else [])
    return {"spans_within_161km": round(near / max(1, judged), 4), "spans_geonameid": round(ids / max(1, judged), 4),
            "spans": judged, "causes": dict(causes.most_common())}


def miss_cause(place: Any, gold: Toponym) -> str | None:
    """Why a gold span's reading is not within 161 km: no reading, the right GeoNames id at another point (a country
    or area point that is not GeoNames'), or another place of that precision; None when it is within 161 km."""
    if gold.point is None:
        return None
    if place is None:
        return "no reading"
    if km((place.lat, place.lon), gold.point) <= NEAR_KM:
        return None
    return "right id, other point" if place.geonameid == gold.geonameid else f"another {place.precision}"


def halves(articles: list[GoldArticle]) -> dict[str, list[GoldArticle]]:
    """The articles with an even and with an odd number (rules are designed on one half and checked on the other)."""
    even = [a for a in articles if a.number.isdigit() and int(a.number) % 2 == 0]
    return {"even": even, "odd": [a for a in articles if a not in even]}


def article_context(article: GoldArticle, gazetteer: Any) -> tuple[str, ...]:
    """The admin1 areas ("US/Kentucky") the article's toponyms name, then their countries, in order of mention, then
    the countries of big towns that can be no other place (``Gazetteer.anchor``), as the extractor reads them."""
    countries = tuple(c.country for t in article.toponyms
                      if (c := gazetteer.country(t.name) or gazetteer.area(t.name)) is not None and c.country)
    areas = [a for t in article.toponyms if (a := gazetteer.resolve(t.name, countries)) is not None
             and a.precision == "admin1"]
    towns = [town.country for t in article.toponyms if (town := gazetteer.anchor(t.name)) is not None]
    return tuple(dict.fromkeys([f"{a.country}/{a.name}" for a in areas] + [a.country for a in areas]
                               + [cc for cc in countries if cc] + [cc for cc in towns if cc]))


def judge_place(location: Location, gold: GoldArticle) -> tuple[bool, bool]:
    """(within 161 km of a gold toponym, a word that is not a place) for a located mention."""
    point = (location.lat, location.lon) if location.lat is not None and location.lon is not None else None
    near = point is not None and any(t.point and km(point, t.point) <= NEAR_KM for t in gold.toponyms)
    names = {t.name.lower() for t in gold.toponyms}
    forms = {f.lower() for f in [location.name, *location.surface_forms]}
    return near, not near and not (forms & names)


def end_to_end(articles: list[GoldArticle], mentions: dict[str, list[EventMention]]) -> dict[str, Any]:
    """Event places against the gold toponyms, and the share of articles whose principal event is placed."""
    located = placed = near = non_place = 0
    for gold in articles:
        found = mentions[gold.number]
        if found and found[0].location is not None:
            located += 1
        for mention in found:
            if mention.location is None or mention.location.lat is None:
                continue
            placed += 1
            is_near, is_non_place = judge_place(mention.location, gold)
            near += is_near
            non_place += is_non_place
    return {"places_within_161km": round(near / max(1, placed), 4), "non_place_share":
            round(non_place / max(1, placed), 4), "located_share": round(located / len(articles), 4),
            "event_places": placed}


def main(argv: list[str] | None = None) -> int:
    """Score both measures, print, write the results file, gate on the floors."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GWN.xml or GWN.xml.gz")
    parser.add_argument("--floors", type=Path, default=REPO / "bench" / "floors.json")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "eval_geo.json")
    parser.add_argument("--no-gate", action="store_true", help="report only: read no floors and always exit 0")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no GeoWebNews data at {args.data}: pass --data with GWN.xml(.gz)", file=sys.stderr)
        return 2
    from services.extractor.extract import load_extractor
    from services.extractor.gazetteer import Gazetteer

    articles = load(args.data)
    extractor = load_extractor()
    gazetteer = Gazetteer.load()
    spans = given_spans(articles, gazetteer)
    mentions = {a.number: extractor.extract(to_article(a)) for a in articles}
    ends = end_to_end(articles, mentions)
    figures = {k: v for k, v in {**spans, **ends}.items() if isinstance(v, float)}
    by_half = {name: {k: v for k, v in {**given_spans(part, gazetteer), **end_to_end(part, mentions)}.items()
                      if isinstance(v, float)} for name, part in halves(articles).items()}
    floors = results.gate_floors(args.floors, FLOOR_PREFIX, args.no_gate)
    failed = results.past_floors(figures, floors, UPPER_LIMITS)
    results.print_figures(figures, floors, failed, UPPER_LIMITS, width=22)
    print(f"articles {len(articles)}, gold spans with a GeoNames id {spans['spans']}, "
          f"event places {ends['event_places']}")
    print("gold spans not within 161 km: " + ", ".join(f"{cause} {n}" for cause, n in spans["causes"].items()))
    for name, half in by_half.items():
        print(f"{name} half: " + ", ".join(f"{k} {v}" for k, v in half.items()))
    results.write_results(args.out, {
        "command": shlex.join(["newsflow-eval-geo", *(sys.argv[1:] if argv is None else argv)]),
        "commit": results.commit(), "data": str(args.data), "figures": figures,
        "counts": {"articles": len(articles), "spans": spans["spans"], "event_places": ends["event_places"]},
        "span_misses": spans["causes"], "halves": by_half,
        "floors": floors, "gated": not args.no_gate, "passed": not failed})
    if failed:
        print(f"past floor: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0
