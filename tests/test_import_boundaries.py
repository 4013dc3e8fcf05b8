"""`manage.py import_boundaries`: the shipped shapes of the regions in the tree, and a clear error for a bad file."""

import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regions.models import RegionShape

pytestmark = pytest.mark.django_db


def test_a_file_loads_the_shapes_of_known_regions_and_counts_the_others(tmp_path):
    square = {"type": "Polygon", "coordinates": [[[100, -1], [100.1, -1], [100.1, -0.9], [100, -1]]]}
    path = tmp_path / "uji.geojson.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"kode": "13.72"}, "geometry": square},
                    {"type": "Feature", "properties": {"kode": "99.99"}, "geometry": square},
                ],
            },
            handle,
        )
    out = StringIO()

    call_command("import_boundaries", str(path), stdout=out)

    assert RegionShape.objects.get(region_id="13.72").geometry == square
    assert "1" in out.getvalue()


def test_an_unreadable_file_exits_with_code_2(tmp_path):
    path = tmp_path / "rusak.geojson.gz"
    path.write_bytes(b"not gzip")

    with pytest.raises(CommandError) as error:
        call_command("import_boundaries", str(path), stdout=StringIO())
    assert error.value.returncode == 2


def test_the_demo_has_the_shapes_of_its_regions():
    assert RegionShape.objects.filter(region__parent_id="13.02").count() == 14
    assert RegionShape.objects.filter(region__parent_id="13").count() == 19
