"""Build ``services/bench/data/places.tsv``: the towns the benchmark corpus sets its happenings in.

    python tools/build_bench_places.py

From the extractor's GeoNames-derived files (``services/extractor/data``: ``places.tsv.xz``,
``admin1.tsv``, ``countries.tsv``; GeoNames data CC BY 4.0, see that folder's README): every town
of at least ``MIN_POPULATION`` people whose name, area name and country demonym are plain ASCII
words and whose name no other selected town shares, as ``city, area, country, demonym, ISO 3166 code``.
A real stream names thousands of places; a corpus of a few reused ones makes different
happenings of one kind indistinguishable (same headline, same town), which no clusterer can
or should merge apart.
"""

from __future__ import annotations

import lzma
import re
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "services" / "extractor" / "data"
OUT = Path(__file__).resolve().parents[1] / "services" / "bench" / "data" / "places.tsv"
MIN_POPULATION = 300_000
PLAIN = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def rows(text: str) -> list[list[str]]:
    """Tab-separated rows of a data file, comments left out."""
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def main() -> None:
    countries = {r[1]: (r[2], r[3]) for r in rows((DATA / "countries.tsv").read_text(encoding="utf-8"))}
    areas = {(r[0], r[1]): r[2] for r in rows((DATA / "admin1.tsv").read_text(encoding="utf-8"))}
    towns = [r for r in rows(lzma.decompress((DATA / "places.tsv.xz").read_bytes()).decode("utf-8"))
             if int(r[6] or 0) >= MIN_POPULATION]
    names = Counter(r[1] for r in towns)
    picked = []
    for _id, name, country, admin1, *_rest in towns:
        area = areas.get((country, admin1), "")
        country_name, demonym = countries.get(country, ("", ""))
        words = (name, area, country_name, demonym)
        if names[name] == 1 and all(PLAIN.fullmatch(w) for w in words) and name not in (area, country_name):
            picked.append((*words, country))
    header = "# city\tarea\tcountry\tdemonym\tiso2\t(tools/build_bench_places.py from GeoNames, CC BY 4.0)\n"
    OUT.write_text(header + "".join("\t".join(p) + "\n" for p in sorted(picked, key=lambda p: (p[2], p[0]))),
                   encoding="utf-8")
    print(f"{len(picked)} places -> {OUT}")


if __name__ == "__main__":
    main()
