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
from regions.coverage import CoverageReport, Participants, RegionInputs, build_report
from regions.models import Baseline, Enrolment, Region, Target, subtree_q
from regions.months import add_months

# How far back a report looks for its trend and for a last known figure.
HISTORY_MONTHS = 24


def latest_month_with_figures(scope_code: str) -> datetime.date | None:
    return Enrolment.objects.within(scope_code).aggregate(latest=Max("month"))["latest"]


def months_with_figures(scope_code: str) -> list[datetime.date]:
    return list(Enrolment.objects.within(scope_code).order_by("-month").values_list("month", flat=True).distinct())


def coverage_report(region: Region, month: datetime.date) -> CoverageReport:
    """The region and its children in `month`, with the region's monthly series."""
    children = list(Region.objects.filter(parent_id=region.code).order_by("code").values_list("code", "name", "kind"))
    child_codes = [code for code, _, _ in children]
    children_totals = dict(
        Region.objects.filter(parent_id__in=child_codes)
        .values("parent_id")
        .annotate(total=Count("code"))
        .values_list("parent_id", "total")
    )
    children_totals[region.code] = len(children)

    enrolment: dict[datetime.date, dict[str, Participants]] = defaultdict(dict)
    rows = (
        Enrolment.objects.filter(subtree_q("region_id", region.code))
        .filter(month__gt=add_months(month, -HISTORY_MONTHS), month__lte=month)
        .order_by()
        .values_list("month", "region_id", "participants", "pu", "bpu", "jakon", "pmi")
    )
    for row_month, code, total, pu, bpu, jakon, pmi in rows:
        enrolment[row_month][code] = Participants(total, pu, bpu, jakon, pmi)

    baselines: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
    baseline_rows = (
        Baseline.objects.filter(subtree_q("region_id", region.code))
        .filter(year__lte=month.year)
        .order_by()
        .values_list("region_id", "year", "count", "kind")
    )
    for code, year, count, kind in baseline_rows:
        baselines[code][year] = (count, kind)

    target_codes = [region.code, *codes.ancestor_codes(region.code), *child_codes]
    targets: dict[str, tuple[Decimal, str]] = {
        code: (percentage, legal_basis)
        for code, percentage, legal_basis in Target.objects.filter(
            year=month.year, region_id__in=target_codes
        ).values_list("region_id", "percentage", "legal_basis")
    }

    names = {code: (name, kind) for code, name, kind in children}
    names[region.code] = (region.name, region.kind)
    return build_report(
        RegionInputs(
            code=region.code,
            month=month,
            names=names,
            children=child_codes,
            children_totals=children_totals,
            enrolment=enrolment,
            baselines=baselines,
            targets=targets,
            pace_span=settings.UCJ_RECENT_PACE_MONTHS,
        )
    )
