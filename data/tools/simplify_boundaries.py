"""Build the simplified region boundaries in data/boundaries/ from the full GeoJSON files.

A maintainer's tool, not part of the app: it needs shapely 2.2 (data/tools/requirements.txt), which
the app does not. Run it through `make boundaries SHARED_BOUNDARIES=path/to/boundaries`, or:

    python data/tools/simplify_boundaries.py path/to/boundaries [--out data/boundaries]

The source directory holds kabupaten-kota.geojson, kecamatan.geojson and desa-kelurahan-12-13.geojson
(features with properties kode and nama, Polygon or MultiPolygon geometry in lon/lat). The pages draw
the children of one region at a time (a province's kabupaten/kota, a kabupaten's kecamatan, a
kecamatan's villages), fitted to the map, so each level is built like this:

1. every geometry is made valid;
2. the whole level is cleaned as one polygonal coverage (shapely.coverage_clean): where the source's
   neighbours overlap, the overlap goes to the smaller region (a newer kecamatan drawn inside its older
   parent's outline keeps its area); gaps narrower than the level's gap width are filled; shared
   borders become identical;
3. the children of each parent are simplified together (shapely.coverage_simplify, Visvalingam-Whyatt),
   so a border shared by two neighbours stays shared: no gaps or overlaps open between them. The
   tolerance is relative to the parent's extent: TOLERANCE_PX pixels of a map MAP_PIXELS wide, so a
   kota's small kecamatan keep their shape while a large province's kabupaten lose what no phone shows;
4. islands smaller than ISLAND_PX square pixels of that map are dropped, never a region's largest part;
5. coordinates are snapped to a 0.0001 degree grid (4 decimals, about 11 m), keeping polygons valid.

No region is ever dropped: when a step leaves a region empty or invalid, that region falls back to a
less simplified geometry (a quarter of the tolerance, then none, then the cleaned geometry at 5 decimals).
Only kode and nama are kept, nama as the national region list spells it (the source's spelling differs
for a few hundred regions, mostly in case). Each level is written as one gzip-compressed GeoJSON file,
one feature a line in code order, with a fixed gzip timestamp, so that the same input gives the same
bytes. The written files are read back and checked: every source code present once, every code in the
region list and named as there, every geometry a valid, non-empty Polygon or MultiPolygon.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

REPO = Path(__file__).resolve().parents[2]
GRID = 1e-4  # degrees: coordinates on a 4-decimal grid, about 11 m

# Every page draws the children of one region, fitted to the map's width. The tolerance is measured in
# pixels of such a map: a parent's extent (the longer side of its bounding box) spread over MAP_PIXELS,
# about a phone-wide map (360 CSS pixels at three device pixels each).
MAP_PIXELS = 1000
TOLERANCE_PX = 3.0  # coverage_simplify tolerance (about the square root of a removed triangle's area)
ISLAND_PX = 4.0  # parts smaller than this many square pixels are dropped, except a region's largest part


@dataclass(frozen=True)
class Level:
    name: str  # file name without extension, the same in the source and the output
    depth: int  # dots in a code of this level; a feature's parent is its code less the last part
    gap_width: float  # coverage_clean: gaps between neighbours narrower than this (degrees) are filled


LEVELS = (
    # Province pages draw their kabupaten/kota.
    Level("kabupaten-kota", depth=1, gap_width=0.002),
    # Kabupaten pages draw their kecamatan.
    Level("kecamatan", depth=2, gap_width=0.001),
    # Kecamatan pages draw their villages (only Sumatera Utara and Sumatera Barat in the source).
    Level("desa-kelurahan-12-13", depth=3, gap_width=0.0002),
)


def parent(code: str) -> str:
    return code.rsplit(".", 1)[0]


def polygonal(geometry: shapely.Geometry | None) -> shapely.Geometry:
    """Only the polygons of a geometry (make_valid and snapping may leave lines or points beside them)."""
    if geometry is None or geometry.is_empty:
        return shapely.MultiPolygon()
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [part for part in shapely.get_parts(geometry) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else shapely.MultiPolygon()


def drop_islands(geometry: shapely.Geometry, min_area: float) -> shapely.Geometry:
    """The parts of at least min_area, and always the largest part, so that no region disappears."""
    parts = shapely.get_parts(geometry)
    if len(parts) <= 1:
        return geometry
    areas = shapely.area(parts)
    keep = (areas >= min_area) | (areas == areas.max())
    kept = parts[keep]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(list(kept))


def on_grid(geometry: shapely.Geometry) -> shapely.Geometry:
    """Coordinates snapped to 4 decimals; parts that collapse on the grid are removed."""
    return polygonal(shapely.set_precision(geometry, GRID))


def usable(geometry: shapely.Geometry) -> bool:
    return not geometry.is_empty and geometry.is_valid


@dataclass
class Report:
    notes: Counter
    tolerances: list[float]  # the tolerance used for each parent, in degrees


def clean(features: list[dict], level: Level, notes: Counter) -> np.ndarray:
    """The level's polygons as one valid coverage: no overlaps, narrow gaps filled, shared edges identical."""
    source = np.array([polygonal(shapely.make_valid(shape(f["geometry"]), method="structure")) for f in features])
    with np.errstate(invalid="ignore"):
        # GEOS sets the floating-point "invalid" flag while filling some gaps; every result is checked below.
        cleaned = shapely.coverage_clean(source, gap_width=level.gap_width, merge_strategy="min_area")
    for i, geometry in enumerate(cleaned):
        # An overlap goes to the smaller region; a region that cleaning would empty keeps its own outline.
        geometry = polygonal(geometry)
        if geometry.is_empty or geometry.area < 0.05 * source[i].area:
            notes["kept its source outline where cleaning would have emptied it"] += 1
            geometry = source[i]
        cleaned[i] = geometry
    return cleaned


def simplify_group(cleaned: np.ndarray, notes: Counter) -> tuple[list[shapely.Geometry], float]:
    """One parent's children, simplified together at a tolerance relative to the parent's extent."""
    xmin, ymin, xmax, ymax = shapely.total_bounds(cleaned)
    pixel = max(xmax - xmin, ymax - ymin) / MAP_PIXELS
    tolerance = TOLERANCE_PX * pixel
    min_island = ISLAND_PX * pixel * pixel
    result: list[shapely.Geometry] = [shapely.MultiPolygon()] * len(cleaned)
    pending = list(range(len(cleaned)))
    for factor in (1.0, 0.25, 0.0):
        simplified = shapely.coverage_simplify(cleaned, tolerance * factor) if factor else cleaned
        still = []
        for i in pending:
            geometry = on_grid(drop_islands(polygonal(simplified[i]), min_island))
            if usable(geometry):
                result[i] = geometry
                if factor != 1.0:
                    notes[f"fell back to {factor:g} x the tolerance"] += 1
            else:
                still.append(i)
        pending = still
        if not pending:
            break
    for i in pending:
        # Smaller than the grid, or broken by it: the cleaned geometry at 5 decimals rather than no region.
        notes["kept its cleaned geometry at 5 decimals"] += 1
        result[i] = cleaned[i]
    return result, tolerance


def simplify_level(level: Level, features: list[dict]) -> tuple[list[shapely.Geometry], Report]:
    """The output geometry of every feature, in input order, and what was done on the way."""
    report = Report(Counter(), [])
    cleaned = clean(features, level, report.notes)
    groups: dict[str, list[int]] = {}
    for i, feature in enumerate(features):
        groups.setdefault(parent(feature["properties"]["kode"]), []).append(i)
    result: list[shapely.Geometry] = [shapely.MultiPolygon()] * len(features)
    for members in groups.values():
        simplified, tolerance = simplify_group(cleaned[members], report.notes)
        report.tolerances.append(tolerance)
        for i, geometry in zip(members, simplified, strict=True):
            result[i] = geometry
    return result, report


def rounded(coordinates: list | tuple) -> list:
    """Coordinates without float noise: on-grid values print with 4 decimals, a fallback geometry with 5."""
    if coordinates and isinstance(coordinates[0], float | int):
        return [round(float(c), 5) for c in coordinates]
    return [rounded(c) for c in coordinates]


def feature_line(properties: dict, geometry: shapely.Geometry) -> str:
    geojson = mapping(geometry)
    body = {"type": geojson["type"], "coordinates": rounded(geojson["coordinates"])}
    feature = {"type": "Feature", "properties": {"kode": properties["kode"], "nama": properties["nama"]}}
    feature["geometry"] = body
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def write_gzip(path: Path, features: list[tuple[dict, shapely.Geometry]]) -> bytes:
    lines = ",\n".join(feature_line(p, g) for p, g in features)
    text = ('{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
        out.write(text)
    return text


def region_names(wilayah: Path) -> dict[str, str]:
    with wilayah.open(encoding="utf-8", newline="") as handle:
        return {row["kode"]: row["nama"].strip() for row in csv.DictReader(handle)}


def read_features(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["features"]


def code_key(feature: dict) -> list[int]:
    return [int(part) for part in feature["properties"]["kode"].split(".")]


def code_problems(features: list[dict], level: Level, codes: dict[str, str]) -> list[str]:
    """Codes not in the region list, of another level, or repeated."""
    found = Counter(f["properties"]["kode"] for f in features)
    problems = [f"{code} is not in the region list" for code in found if code not in codes]
    problems += [f"{code} is not a code of this level" for code in found if code.count(".") != level.depth]
    return problems + [f"{code} appears {n} times" for code, n in found.items() if n > 1]


def geometry_problems(features: list[dict]) -> list[str]:
    """Geometries that are not a valid, non-empty Polygon or MultiPolygon."""
    problems = []
    for feature in features:
        geometry = shape(feature["geometry"])
        if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty or not geometry.is_valid:
            problems.append(f"{feature['properties']['kode']}: {shapely.is_valid_reason(geometry)}")
    return problems


def largest_map(features: list[dict]) -> tuple[str, int]:
    """The parent whose children's features make the most bytes of GeoJSON, and how many."""
    sizes: Counter = Counter()
    for feature in features:
        sizes[parent(feature["properties"]["kode"])] += len(json.dumps(feature, separators=(",", ":")))
    return sizes.most_common(1)[0]


def build_level(level: Level, source: Path, out: Path, names: dict[str, str]) -> list[str]:
    """Write one level's file, print what it measured, and return the problems found in the result."""
    path = source / f"{level.name}.geojson"
    features = sorted(read_features(path), key=code_key)
    problems = [f"source: {problem}" for problem in code_problems(features, level, names)]
    renamed = 0
    for feature in features:
        # The names of the region list (the decree's spelling), where the source spells them otherwise.
        properties = feature["properties"]
        if properties["kode"] in names and properties["nama"] != names[properties["kode"]]:
            properties["nama"] = names[properties["kode"]]
            renamed += 1
    geometries, report = simplify_level(level, features)
    target = out / f"{level.name}.geojson.gz"
    text = write_gzip(target, [(f["properties"], g) for f, g in zip(features, geometries, strict=True)])

    written = read_features(target)
    problems += code_problems(written, level, names) + geometry_problems(written)
    problems += [
        f"{f['properties']['kode']} is named {f['properties']['nama']!r}, not as in the region list"
        for f in written
        if f["properties"]["nama"] != names.get(f["properties"]["kode"])
    ]
    missing = {f["properties"]["kode"] for f in features} - {f["properties"]["kode"] for f in written}
    problems += [f"{code} is missing from the output" for code in sorted(missing)]

    vertices_in = sum(shapely.get_num_coordinates(shape(f["geometry"])) for f in features)
    vertices_out = int(shapely.get_num_coordinates(np.array(geometries)).sum())
    print(
        f"{target.name:<32}{len(written):>9}{vertices_in:>13}{vertices_out:>9}"
        f"{path.stat().st_size / 1e6:>8.2f}{len(text) / 1e6:>8.2f}{target.stat().st_size / 1e6:>7.2f}"
    )
    low, mid, high = np.percentile(report.tolerances, [0, 50, 100])
    print(f"    tolerance over {len(report.tolerances)} parents: {low:.5f} to {high:.5f} degrees, median {mid:.5f}")
    code, size = largest_map(written)
    print(f"    largest map: the children of {code}, {size / 1e3:.0f} kB of GeoJSON")
    print(f"    {renamed} name(s) taken from the region list where the source spells them otherwise")
    for note, count in sorted(report.notes.items()):
        print(f"    {count} region(s) {note}")
    return [f"{level.name}: {problem}" for problem in problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="directory with the full *.geojson files")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "boundaries", help="output directory")
    parser.add_argument(
        "--wilayah",
        type=Path,
        default=REPO / "data" / "wilayah-kepmendagri-2025.csv",
        help="region list: every output code must be in it, and its names are used",
    )
    args = parser.parse_args(argv)
    names = region_names(args.wilayah)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{'file':<32}{'features':>9}{'vertices in':>13}{'out':>9}{'MB in':>8}{'MB out':>8}{'MB gz':>7}")
    problems = []
    for level in LEVELS:
        problems += build_level(level, args.source, args.out, names)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
