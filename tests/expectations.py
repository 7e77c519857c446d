"""Checks a pipeline's stored output against an expected.json (the shared samples' format, or the demo's)."""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import asyncpg


@dataclass
class Stored:
    """What one run left in Postgres."""

    events: list[dict[str, Any]]
    articles: dict[str, dict[str, Any]]  # by article stem ("000")
    duplicates: dict[str, str] = field(default_factory=dict)  # stem -> stem of original


def _stem(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def load_stored(database_url: str) -> Stored:
    """Read events, articles and duplicates of a run."""

    async def read() -> Stored:
        conn = await asyncpg.connect(database_url)
        try:
            import json

            events = [json.loads(r["record"]) for r in await conn.fetch("SELECT record::text FROM events")]
            rows = await conn.fetch("SELECT article_id::text, url, title, text, language, published_at, "
                                    "duplicate_of::text FROM articles")
        finally:
            await conn.close()
        by_id = {r["article_id"]: dict(r) for r in rows}
        articles = {_stem(r["url"]): dict(r) for r in rows}
        dups = {_stem(r["url"]): _stem(by_id[r["duplicate_of"]]["url"]) for r in rows
                if r["duplicate_of"] and r["duplicate_of"] in by_id}
        return Stored(events, articles, dups)

    return asyncio.run(read())


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, for comparing spelling variants."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def event_stems(event: dict[str, Any]) -> set[str]:
    """Article stems of an event's mentions."""
    return {_stem(m["url"]) for m in event["mentions"]}


def events_with(stored: Stored, stem: str) -> list[dict[str, Any]]:
    """Events that have a mention from this article."""
    return [e for e in stored.events if stem in event_stems(e)]


def check_event(stored: Stored, spec: dict[str, Any]) -> list[str]:
    """Problems with one expected event (empty when it came out right)."""
    problems: list[str] = []
    first = spec["articles"][0]
    found = events_with(stored, first)
    if len(found) != 1:
        return [f"event {spec['id']}: article {first} is in {len(found)} events, expected 1"]
    event = found[0]
    stems = event_stems(event)
    allowed = set(spec["articles"]) | set(spec.get("may_also_contain", []))
    if missing := set(spec["articles"]) - stems:
        problems.append(f"event {spec['id']}: articles {sorted(missing)} not merged in")
    if extra := stems - allowed:
        problems.append(f"event {spec['id']}: unexpected articles {sorted(extra)} merged in")
    et, want = event["event_type"], spec["event_type"]
    cameos = {want["cameo"], *want.get("cameo_also_accepted", [])}
    if (et["plover"], et.get("mode")) != (want["plover"], want["plover_mode"]) or et.get("cameo") not in cameos:
        problems.append(f"event {spec['id']}: type {et} != {want}")
    for role, key in (("source", "source_actor"), ("target", "target_actor")):
        names = [a["name"] for a in event["actors"] if a["role"] == role]
        accepted = {fold(n) for n in [spec[key]["canonical"], *spec[key].get("canonical_also_accepted", [])]}
        if not accepted & {fold(n) for n in names}:
            problems.append(f"event {spec['id']}: {role} actor {names} != {spec[key]['canonical']}")
    problems += _check_location(spec, event.get("location"))
    problems += _check_date(spec, event.get("event_date"))
    problems += _check_quantity(spec, event.get("quantities", []))
    return problems


def _check_location(spec: dict[str, Any], loc: dict[str, Any] | None) -> list[str]:
    want = spec["location"]
    if not loc:
        return [f"event {spec['id']}: no location"]
    out = []
    if loc.get("country") != want["country"]:
        out.append(f"event {spec['id']}: country {loc.get('country')} != {want['country']}")
    variants = {fold(v) for v in [want["admin1"], *want.get("admin1_variants", [])]}
    if fold(loc.get("admin1") or "") not in variants and not any(fold(loc.get("admin1") or "") in v or v in
                                                                 fold(loc.get("admin1") or "x")
                                                                 for v in variants):
        out.append(f"event {spec['id']}: admin1 {loc.get('admin1')} not in {sorted(variants)}")
    if loc.get("lat") is None or km(loc["lat"], loc["lon"], want["approx_lat"], want["approx_lon"]) > want["max_km"]:
        out.append(f"event {spec['id']}: place {loc.get('name')} ({loc.get('lat')}, {loc.get('lon')}) "
                   f"not within {want['max_km']} km of ({want['approx_lat']}, {want['approx_lon']})")
    return out


def _check_date(spec: dict[str, Any], value: str | None) -> list[str]:
    want = dt.date.fromisoformat(spec["event_date"])
    tolerance = spec.get("event_date_tolerance_days", 0)
    if value is None or abs((dt.date.fromisoformat(value) - want).days) > tolerance:
        return [f"event {spec['id']}: date {value} != {want} ±{tolerance}"]
    return []


def _check_quantity(spec: dict[str, Any], quantities: list[dict[str, Any]]) -> list[str]:
    want = spec.get("quantity")
    if not want:
        return []
    got = next((q for q in quantities if q["what"] == want["what"]), None)
    if got is None:
        return [f"event {spec['id']}: no quantity of {want['what']} in {quantities}"]
    out = []
    if not set(got["reported"]) <= set(want["reported"]) or not got["reported"]:
        out.append(f"event {spec['id']}: {want['what']} reported {got['reported']} not within {want['reported']}")
    if (got["min"], got["max"]) != (want["min"], want["max"]):
        out.append(f"event {spec['id']}: {want['what']} range {got['min']}-{got['max']} != "
                   f"{want['min']}-{want['max']}")
    return out


def _as_stored(spec: dict[str, Any], swapped: dict[str, str]) -> dict[str, Any]:
    """The event spec with each expected original replaced by its copy where dedup kept the copy instead."""
    return {**spec, "articles": [swapped.get(a, a) for a in spec["articles"]]}


def check_all(stored: Stored, expected: dict[str, Any]) -> list[str]:
    """Every problem of a run against expected.json.

    Of two identical copies, whichever the pipeline saw first is the original
    (arrival order across feeds is not fixed), so an expected pair may come out
    the other way round.
    """
    swapped = {d["duplicate_of"]: d["article"] for d in expected.get("duplicates", [])
               if stored.duplicates.get(d["duplicate_of"]) == d["article"]}
    problems = [p for spec in expected["events"] for p in check_event(stored, _as_stored(spec, swapped))]
    for stem, when in expected.get("publication_dates", {}).items():
        article = stored.articles.get(stem)
        got = article["published_at"].astimezone(dt.UTC).replace(tzinfo=None).isoformat() if article and \
            article["published_at"] else None
        if got is None or not got.startswith(when):
            problems.append(f"article {stem}: published {got} does not match {when}")
    for stem, lines in expected.get("boilerplate_lines_not_in_text", {}).items():
        text = (stored.articles.get(stem) or {}).get("text") or ""
        problems += [f"article {stem}: boilerplate {line!r} still in text" for line in lines if line in text]
    for dup in expected.get("duplicates", []):
        pair = {dup["article"]: dup["duplicate_of"], dup["duplicate_of"]: dup["article"]}
        if not any(stored.duplicates.get(a) == b for a, b in pair.items()):
            problems.append(f"article {dup['article']}: duplicate_of {stored.duplicates.get(dup['article'])} "
                            f"!= {dup['duplicate_of']}")
    return problems
