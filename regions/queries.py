"""The one place that fetches what the coverage arithmetic needs.

A fixed number of queries per report, whatever the number of children or of
villages below them: every region's figures are already rolled up
(regions/rollups.py keeps them so), so a page reads one row per region shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Q

from regions import codes
from regions.coverage import BaselineValue, CoverageReport, Participants, RegionInputs, Rolled, build_report
from regions.models import BaselineTotal, Region, RollupTotal, Target
from regions.months import add_months

# How far back a report looks for its trend and for a last known figure.
HISTORY_MONTHS = 24


def latest_month_with_figures(*scope_codes: str) -> datetime.date | None:
    return RollupTotal.objects.filter(region_id__in=scope_codes).aggregate(latest=Max("month"))["latest"]


def months_with_figures(*scope_codes: str) -> list[datetime.date]:
    """Every month with a figure at or below the regions, newest first: one indexed row per region and month."""
    return list(
        RollupTotal.objects.filter(region_id__in=scope_codes)
        .order_by("-month")
        .values_list("month", flat=True)
        .distinct()
    )


def coverage_report(region: Region, month: datetime.date) -> CoverageReport:
    """The region and its children in `month`, with the region's monthly series."""
    children = list(Region.objects.filter(parent_id=region.code).order_by("code").values_list("code", "name", "kind"))
    return _report((region.code, region.name, region.kind), children, month, group=False)


def regions_report(label: str, regions: list[Region], month: datetime.date) -> CoverageReport:
    """Several regions side by side (a branch's), under a headline that sums them."""
    children = [(region.code, region.name, region.kind) for region in sorted(regions, key=lambda region: region.code)]
    return _report((GROUP_CODE, label, GROUP_KIND), children, month, group=True)


# The headline of a regions_report is no region; it needs a code no region has.
GROUP_CODE = "*"
GROUP_KIND = "kelompok"


def _report(
    headline: tuple[str, str, str], children: list[tuple[str, str, str]], month: datetime.date, *, group: bool
) -> CoverageReport:
    """Reads the pre-rolled totals (regions/rollups.py): a handful of queries, whatever lies below."""
    headline_code = headline[0]
    child_codes = [code for code, _, _ in children]
    children_totals = dict(
        Region.objects.filter(parent_id__in=child_codes)
        .values("parent_id")
        .annotate(total=Count("code"))
        .values_list("parent_id", "total")
    )
    children_totals[headline_code] = len(children)

    window = add_months(month, -HISTORY_MONTHS)
    # The headline's months (its series, and a last known figure); the children's this month and last.
    wanted = Q(month__gt=window, month__lte=month) & (
        Q(region_id__in=child_codes) if group else Q(region_id=headline_code)
    )
    if not group:
        wanted |= Q(month__in=[add_months(month, -1), month], region_id__in=child_codes)
    participants: dict[datetime.date, dict[str, Rolled[Participants]]] = defaultdict(dict)
    for row in RollupTotal.objects.filter(wanted).values_list(
        "month", "region_id", "participants", "pu", "bpu", "jakon", "pmi", "reported", "children_reported"
    ):
        row_month, code, total, pu, bpu, jakon, pmi, reported, children_reported = row
        participants[row_month][code] = Rolled(Participants(total, pu, bpu, jakon, pmi), reported, children_reported)

    baselines: dict[str, list[tuple[int, Rolled[BaselineValue]]]] = defaultdict(list)
    baseline_codes = child_codes if group else [headline_code, *child_codes]
    for code, year, count, kind, data_year, carried, reported, children_reported in BaselineTotal.objects.filter(
        region_id__in=baseline_codes, year__lte=month.year
    ).values_list(
        "region_id", "year", "count", "kind", "data_year", "carried_forward", "reported", "children_reported"
    ):
        baselines[code].append(
            (year, Rolled(BaselineValue(count, data_year, kind, carried), reported, children_reported))
        )

    ancestors = {
        ancestor for code in (child_codes if group else [headline_code]) for ancestor in codes.ancestor_codes(code)
    }
    target_codes = [*ancestors, *child_codes, *([] if group else [headline_code])]
    targets: dict[str, tuple[Decimal, str]] = {
        code: (percentage, legal_basis)
        for code, percentage, legal_basis in Target.objects.filter(
            year=month.year, region_id__in=target_codes
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
            participants=participants,
            baselines=baselines,
            targets=targets,
            pace_span=settings.UCJ_RECENT_PACE_MONTHS,
            headline_is_group=group,
        )
    )
