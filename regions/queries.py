"""The one place that fetches what the coverage arithmetic needs.

A fixed number of queries per report, whatever the number of children: the
subtree is a code prefix, so figures for every level below a region come back
in one query each, and regions/coverage.py does the rolling up in Python.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max

from regions import codes
from regions.coverage import CoverageReport, ParentOf, Participants, RegionInputs, build_report
from regions.models import Baseline, Enrolment, Region, Target, subtrees_q
from regions.months import add_months

# How far back a report looks for its trend and for a last known figure.
HISTORY_MONTHS = 24


def latest_month_with_figures(*scope_codes: str) -> datetime.date | None:
    return Enrolment.objects.within(*scope_codes).aggregate(latest=Max("month"))["latest"]


def months_with_figures(*scope_codes: str) -> list[datetime.date]:
    """Every month with a figure in the scopes, newest first."""
    return list(Enrolment.objects.within(*scope_codes).order_by("-month").values_list("month", flat=True).distinct())


def coverage_report(region: Region, month: datetime.date) -> CoverageReport:
    """The region and its children in `month`, with the region's monthly series."""
    children = list(Region.objects.filter(parent_id=region.code).order_by("code").values_list("code", "name", "kind"))
    return _report(
        (region.code, region.name, region.kind),
        children,
        subtree_roots=[region.code],
        target_codes=[region.code, *codes.ancestor_codes(region.code)],
        month=month,
    )


def regions_report(label: str, regions: list[Region], month: datetime.date) -> CoverageReport:
    """Several regions side by side (a branch's), under a headline that sums them."""
    roots = {region.code for region in regions}

    def parent_of(code: str) -> str | None:
        if code == GROUP_CODE:
            return None
        return GROUP_CODE if code in roots else codes.parent_code(code)

    return _report(
        (GROUP_CODE, label, GROUP_KIND),
        [(region.code, region.name, region.kind) for region in sorted(regions, key=lambda region: region.code)],
        subtree_roots=sorted(roots),
        target_codes=sorted({ancestor for code in roots for ancestor in codes.ancestor_codes(code)}),
        month=month,
        parent_of=parent_of,
    )


# The headline of a regions_report is no region; it needs a code no region has.
GROUP_CODE = "*"
GROUP_KIND = "kelompok"


def _report(
    headline: tuple[str, str, str],
    children: list[tuple[str, str, str]],
    subtree_roots: list[str],
    target_codes: list[str],
    month: datetime.date,
    parent_of: ParentOf = codes.parent_code,
) -> CoverageReport:
    headline_code = headline[0]
    child_codes = [code for code, _, _ in children]
    children_totals = dict(
        Region.objects.filter(parent_id__in=child_codes)
        .values("parent_id")
        .annotate(total=Count("code"))
        .values_list("parent_id", "total")
    )
    children_totals[headline_code] = len(children)
    in_subtrees = subtrees_q("region_id", subtree_roots)

    enrolment: dict[datetime.date, dict[str, Participants]] = defaultdict(dict)
    rows = (
        Enrolment.objects.filter(in_subtrees)
        .filter(month__gt=add_months(month, -HISTORY_MONTHS), month__lte=month)
        .order_by()
        .values_list("month", "region_id", "participants", "pu", "bpu", "jakon", "pmi")
    )
    for row_month, code, total, pu, bpu, jakon, pmi in rows:
        enrolment[row_month][code] = Participants(total, pu, bpu, jakon, pmi)

    baselines: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
    baseline_rows = (
        Baseline.objects.filter(in_subtrees)
        .filter(year__lte=month.year)
        .order_by()
        .values_list("region_id", "year", "count", "kind")
    )
    for code, year, count, kind in baseline_rows:
        baselines[code][year] = (count, kind)

    targets: dict[str, tuple[Decimal, str]] = {
        code: (percentage, legal_basis)
        for code, percentage, legal_basis in Target.objects.filter(
            year=month.year, region_id__in=[*target_codes, *child_codes]
        ).values_list("region_id", "percentage", "legal_basis")
    }

    names = {code: (name, kind) for code, name, kind in children}
    names[headline_code] = (headline[1], headline[2])
    return build_report(
        RegionInputs(
            code=headline_code,
            month=month,
            names=names,
            children=child_codes,
            children_totals=children_totals,
            enrolment=enrolment,
            baselines=baselines,
            targets=targets,
            pace_span=settings.UCJ_RECENT_PACE_MONTHS,
            parent_of=parent_of,
            headline_has_target=headline_code != GROUP_CODE,
        )
    )
