"""A region's parts on a map: each part's boundary with its coverage, or why it has none (plain values).

The page draws it with plotly's choropleth trace, the monev report as SVG;
both take these parts. A part without a boundary is left out, and a region none
of whose parts has one gets no map at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from regions import statements
from regions.coverage import CoverageReport, RegionCoverage, round_pct
from regions.display import format_pct
from regions.models import RegionShape

WHOLE, PARTIAL, NOT_REPORTED = "whole", "partial", "not_reported"


@dataclass(frozen=True)
class MapPart:
    code: str
    name: str
    geometry: dict[str, Any]
    status: str  # WHOLE: its own or a complete figure; PARTIAL: among reporting parts only; NOT_REPORTED
    coverage_pct: Decimal | None  # the coverage shown (among reporting regions for a partial part)
    label: str  # name and what the number is, for a tooltip

    def as_feature(self, url: str | None) -> dict[str, Any]:
        return {
            "type": "Feature",
            "geometry": self.geometry,
            "properties": {
                "kode": self.code,
                "nama": self.name,
                "status": self.status,
                "coverage_pct": float(self.coverage_pct) if self.coverage_pct is not None else None,
                "label": self.label,
                "url": url,
            },
        }


def has_map(region_code: str) -> bool:
    """Whether any part of the region has a boundary."""
    return RegionShape.objects.filter(region__parent_id=region_code).exists()


def map_parts(report: CoverageReport) -> list[MapPart]:
    """The report's children that have a boundary, each with its coverage for the report's month."""
    shapes = dict(
        RegionShape.objects.filter(region_id__in=[child.code for child in report.children]).values_list(
            "region_id", "geometry"
        )
    )
    return [_part(child, shapes[child.code]) for child in report.children if child.code in shapes]


def _part(child: RegionCoverage, geometry: dict[str, Any]) -> MapPart:
    if child.coverage_pct is not None:
        value = round_pct(child.coverage_pct)
        return MapPart(child.code, child.name, geometry, WHOLE, value, f"{child.name}: {format_pct(value)}")
    if child.coverage_among_reporting_pct is not None:
        value = round_pct(child.coverage_among_reporting_pct)
        label = f"{child.name}: {format_pct(value)} ({statements.status_text(child)})"
        return MapPart(child.code, child.name, geometry, PARTIAL, value, label)
    return MapPart(
        child.code, child.name, geometry, NOT_REPORTED, None, f"{child.name}: {statements.status_text(child)}"
    )
