"""The one place that fetches what the coverage arithmetic needs.

A fixed number of queries per report, whatever the number of children or of
villages below them: every region's figures are already rolled up
(regions/rollups.py keeps them so), so a page reads one row per region shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from regions import codes
from regions.coverage import (
    BaselineRow,
    BaselineValue,
    CoverageReport,
    FigureMeta,
    MonthTotal,
    RegionInputs,
    build_report,
    figure_months,
    group_totals,
    in_force,
)
from regions.models import Baseline, BaselineTotal, Enrolment, Region, RollupTotal, Target
from regions.months import add_months
from regions.rollups import stored_baselines, total_from_row

# The headline of a regions_report is no region; it needs a code no region has.
GROUP_CODE = "*"
GROUP_KIND = "kelompok"


@dataclass(frozen=True)
class MonthStatus:
    """One month a region has something for, as the month picker shows it."""

    month: datetime.date
    complete: bool  # the region's own figure or a complete roll-up
    children_matched: int  # with a figure and a baseline: what a coverage among reporting regions covers
    children_total: int
    children_reporting: int = 0  # with a figure, baseline or not: what "n of m reported" counts


def month_statuses(region_code: str, child_codes: Sequence[str] = ()) -> list[MonthStatus]:
    """Every month with a figure for the region or any child, newest first, each complete or "n of m"."""
    own = {row.month: total_from_row(row) for row in RollupTotal.objects.filter(region_id=region_code)}
    months = set(own)
    if child_codes:
        # Distinct in the database: 38 provinces times 60 months would otherwise come back as 2.280 rows.
        months |= set(
            RollupTotal.objects.filter(region_id__in=list(child_codes))
            .order_by()
            .values_list("month", flat=True)
            .distinct()
        )
    return [_status(month, own.get(month), len(child_codes)) for month in sorted(months, reverse=True)]


def group_month_statuses(child_codes: Sequence[str]) -> list[MonthStatus]:
    """The same for several regions side by side, whose roll-up is computed on the spot."""
    totals = _totals_by_region(RollupTotal.objects.filter(region_id__in=list(child_codes)))
    grouped = group_totals(child_codes, totals)
    return [_status(month, grouped.get(month), len(child_codes)) for month in sorted(grouped, reverse=True)]


def _status(month: datetime.date, total: MonthTotal | None, children: int) -> MonthStatus:
    if total is None:
        return MonthStatus(month, False, 0, children)
    return MonthStatus(
        month, total.region_wide, total.children_matched, total.children_total or children, total.children_reporting
    )


def default_month(statuses: Sequence[MonthStatus]) -> datetime.date | None:
    """The latest month with the region's own or a complete figure; else the latest month with anything."""
    for status in statuses:
        if status.complete:
            return status.month
    return statuses[0].month if statuses else None


def children_of(region: Region) -> list[tuple[str, str, str]]:
    """(code, name, kind) of the region's children, in code order."""
    return list(Region.objects.filter(parent_id=region.code).order_by("code").values_list("code", "name", "kind"))


def coverage_report(
    region: Region, month: datetime.date, children: list[tuple[str, str, str]] | None = None
) -> CoverageReport:
    """The region and its children in `month`, with the region's monthly series."""
    if children is None:
        children = children_of(region)
    return _report((region.code, region.name, region.kind), children, month, group=False)


def baseline_in_force(region_code: str, year: int) -> BaselineValue | None:
    """The region's primary baseline in force in `year` (its own, or its children's complete sum)."""
    return in_force(stored_baselines([region_code], up_to_year=year).get(region_code, {}), year)


def regions_report(label: str, regions: Sequence[Region], month: datetime.date) -> CoverageReport:
    """Several regions side by side (a branch's), under a headline that rolls them up by the same rule."""
    children = [(region.code, region.name, region.kind) for region in sorted(regions, key=lambda region: region.code)]
    return _report((GROUP_CODE, label, GROUP_KIND), children, month, group=True)


def _totals_by_region(rows: Iterable[RollupTotal]) -> dict[str, dict[datetime.date, MonthTotal]]:
    totals: dict[str, dict[datetime.date, MonthTotal]] = defaultdict(dict)
    for row in rows:
        totals[row.region_id][row.month] = total_from_row(row)
    return totals


def _report(
    headline: tuple[str, str, str], children: list[tuple[str, str, str]], month: datetime.date, *, group: bool
) -> CoverageReport:
    """Reads the pre-rolled totals (regions/rollups.py): a handful of queries, whatever lies below."""
    headline_code = headline[0]
    child_codes = [code for code, _, _ in children]
    last_month = add_months(month, -1)

    # The headline's every month up to this one (its series, and the figure it may carry forward);
    # the children's this month and last. A group's headline is its children's roll-up, so for a
    # group the children's whole history is read instead.
    if group:
        wanted = Q(region_id__in=child_codes, month__lte=month)
    else:
        wanted = Q(region_id=headline_code, month__lte=month) | Q(
            region_id__in=child_codes, month__in=[last_month, month]
        )
    totals = _totals_by_region(RollupTotal.objects.filter(wanted))

    # Where each figure shown came from: the headline's own figure (of this month or the one it carries),
    # and each child's own figure this month.
    shown_month = None if group else figure_months(totals.get(headline_code, {}), month)[0]
    wanted_meta = Q(region_id__in=child_codes, month=month)
    if shown_month is not None:
        wanted_meta |= Q(region_id=headline_code, month=shown_month)
    metas = {
        (code, row_month): FigureMeta(provenance, source, published_pct, published_uncovered)
        for code, row_month, provenance, source, published_pct, published_uncovered in Enrolment.objects.filter(
            wanted_meta
        ).values_list("region_id", "month", "provenance", "source", "published_pct", "published_uncovered")
    }

    baseline_codes = child_codes if group else [headline_code, *child_codes]
    baselines: dict[str, dict[int, BaselineValue]] = defaultdict(dict)
    for row in BaselineTotal.objects.filter(region_id__in=baseline_codes, year__lte=month.year):
        baselines[row.region_id][row.year] = BaselineValue(
            row.count, row.data_year, row.kind, row.carried_forward, rolled_up=not row.reported
        )

    own_baselines: dict[int, list[BaselineRow]] = defaultdict(list)
    if not group:
        for year, kind, count, primary, source in Baseline.objects.filter(
            region_id=headline_code, year__lte=month.year
        ).values_list("year", "kind", "count", "primary", "source"):
            own_baselines[year].append(BaselineRow(kind, count, primary, source))

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
            totals=totals,
            metas=metas,
            baselines=baselines,
            own_baselines=own_baselines,
            targets=targets,
            pace_span=settings.UCJ_RECENT_PACE_MONTHS,
            headline_is_group=group,
        )
    )
