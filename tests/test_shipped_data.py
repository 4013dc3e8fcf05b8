"""The data the project ships in data/ and static/vendor/: complete, consistent, and the project's own copy."""

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PLOTLY = ROOT / "static" / "vendor" / "plotly"
LEVELS = {"provinsi": 0, "kabupaten-kota": 1, "kecamatan": 2, "desa-kelurahan": 3}


@pytest.fixture(scope="module")
def regions() -> dict[str, str]:
    with (DATA / "wilayah-kepmendagri-2025.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["kode", "nama"]
        rows = list(reader)
    names = {row["kode"]: row["nama"] for row in rows}
    assert len(names) == len(rows), "a code appears twice"
    return names


def boundaries(name: str) -> list[dict]:
    with gzip.open(DATA / "boundaries" / f"{name}.geojson.gz", "rt", encoding="utf-8") as handle:
        collection = json.load(handle)
    assert collection["type"] == "FeatureCollection"
    return collection["features"]


def test_the_region_list_holds_the_whole_national_tree(regions):
    per_level = Counter(code.count(".") for code in regions)

    assert per_level == {0: 38, 1: 514, 2: 7285, 3: 83762}
    assert all(code.rsplit(".", 1)[0] in regions for code in regions if "." in code)
    assert regions["13.02"] == "Kabupaten Solok"
    assert regions["13.72"] == "Kota Solok"


@pytest.mark.parametrize(
    ("name", "count"), [("kabupaten-kota", 514), ("kecamatan", 7285), ("desa-kelurahan-12-13", 7269)]
)
def test_every_boundary_is_a_known_region_of_its_level_with_a_polygon(regions, name, count):
    features = boundaries(name)
    codes = [feature["properties"]["kode"] for feature in features]
    depth = LEVELS[name.removesuffix("-12-13")]

    assert len(features) == len(set(codes)) == count
    assert all(code in regions and code.count(".") == depth for code in codes)
    for feature in features:
        code = feature["properties"]["kode"]
        assert feature["properties"] == {"kode": code, "nama": regions[code].strip()}
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        assert polygons
        for ring in (ring for polygon in polygons for ring in polygon):
            assert len(ring) >= 4
            assert ring[0] == ring[-1]
            # Indonesia, in [longitude, latitude] order
            assert all(94 < lon < 142 and -12 < lat < 7 for lon, lat in ring)


def test_the_maps_of_kab_solok_have_its_14_kecamatan_and_74_nagari():
    kecamatan = [f for f in boundaries("kecamatan") if f["properties"]["kode"].startswith("13.02.")]
    nagari = [f for f in boundaries("desa-kelurahan-12-13") if f["properties"]["kode"].startswith("13.02.")]

    assert len(kecamatan) == 14
    assert len(nagari) == 74
    assert {f["properties"]["kode"] for f in nagari if f["properties"]["kode"].startswith("13.02.10.")} == {
        f"13.02.10.{n}" for n in ("2001", "2002", "2003", "2004", "2005", "2006", "2007", "2008")
    }


def test_the_vendored_plotly_bundle_carries_its_licence_and_the_offline_base_map():
    bundle = (PLOTLY / "plotly-ucj.min.js").read_text(encoding="utf-8")
    topology = json.loads((PLOTLY / "topojson" / "world_110m.json").read_text(encoding="utf-8"))

    assert bundle.startswith("/*! plotly.js v4.")
    assert 500_000 < len(bundle) < 2_000_000
    assert "MIT License" in (PLOTLY / "LICENSE").read_text(encoding="utf-8")
    assert "topojsonURL" in (PLOTLY / "VERSION").read_text(encoding="utf-8")
    assert topology["type"] == "Topology"
    assert set(topology["objects"]) >= {"coastlines", "countries", "land", "ocean"}
