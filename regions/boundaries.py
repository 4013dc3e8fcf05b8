"""Loading the region boundaries the project ships (data/boundaries/, MIT, see its SOURCE.md) for the maps.

The files are gzip-compressed GeoJSON, one per level; a region is matched by
its Kemendagri code, and only regions that exist in the tree get a shape. A
region without one simply has no map.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from regions.models import Region, RegionShape

BOUNDARIES = Path(settings.BASE_DIR) / "data" / "boundaries"
SHIPPED = [
    BOUNDARIES / "kabupaten-kota.geojson.gz",
    BOUNDARIES / "kecamatan.geojson.gz",
    BOUNDARIES / "desa-kelurahan-12-13.geojson.gz",
]
CHUNK = 2000


class BoundaryFileError(Exception):
    """A boundary file that cannot be read; the message says which and why."""


@dataclass
class BoundariesLoaded:
    loaded: int = 0
    without_region: int = 0


def read_shapes(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(code, geometry) for every feature of a GeoJSON file, plain or .gz."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            collection = json.load(handle)
    except (OSError, ValueError, EOFError) as error:
        raise BoundaryFileError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from error
    for feature in collection.get("features", []):
        code = str((feature.get("properties") or {}).get("kode", "")).strip()
        geometry = feature.get("geometry")
        if code and isinstance(geometry, dict) and geometry.get("type") in {"Polygon", "MultiPolygon"}:
            yield code, geometry


@functools.cache
def shipped_shapes(codes: frozenset[str]) -> tuple[tuple[str, dict[str, Any]], ...]:
    """The shipped shapes of these codes, read once per process (the demo loads the same few hundred often)."""
    return tuple((code, geometry) for path in SHIPPED for code, geometry in read_shapes(path) if code in codes)


@transaction.atomic
def load_shapes(shapes: Iterable[tuple[str, dict[str, Any]]]) -> BoundariesLoaded:
    """Store these shapes for the regions in the tree, replacing older ones."""
    known = set(Region.objects.values_list("code", flat=True))
    result = BoundariesLoaded()
    batch: list[RegionShape] = []
    for code, geometry in shapes:
        if code not in known:
            result.without_region += 1
            continue
        batch.append(RegionShape(region_id=code, geometry=geometry))
        if len(batch) >= CHUNK:
            result.loaded += _store(batch)
            batch = []
    result.loaded += _store(batch)
    return result


def load_boundaries(paths: Iterable[Path] = SHIPPED) -> BoundariesLoaded:
    """Store the shapes of every region in the tree that the files have."""
    return load_shapes(shape for path in paths for shape in read_shapes(path))


def _store(shapes: list[RegionShape]) -> int:
    RegionShape.objects.bulk_create(
        shapes, update_conflicts=True, unique_fields=["region"], update_fields=["geometry"], batch_size=CHUNK
    )
    return len(shapes)
