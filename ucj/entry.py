"""The monthly entry grid and the reporting-completeness table, without HTTP."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from regions.actions import Conflict, FigureInput, SaveResult, save_figures
from regions.coverage import RegionCoverage
from regions.models import Branch, Enrolment, FigureChange, Region
from regions.months import add_months
from regions.queries import regions_report
from ucj.forms import EntryRowForm


@dataclass
class GridRow:
    region: Region
    coverage: RegionCoverage
    current: Enrolment | None
    form: EntryRowForm
    conflict: Conflict | None = None

    @property
    def baseline(self) -> int | None:
        return self.coverage.baseline.value.count if self.coverage.baseline else None

    @property
    def previous(self) -> int | None:
        return self.coverage.previous_participants

    @property
    def has_children(self) -> bool:
        return self.coverage.children_total > 0


@dataclass
class Grid:
    month: datetime.date
    rows: list[GridRow]
    label: str
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return all(row.form.is_valid() for row in self.rows)

    def inputs(self) -> list[FigureInput]:
        return [
            FigureInput(row.region.code, row.form.figure_values(), expected_version=row.form.cleaned_data["version"])
            for row in self.rows
            if row.form.has_entry
        ]

    def reasons(self) -> str:
        """Every reason given in the grid, for the history of the save."""
        return "; ".join(
            f"{row.region.code}: {row.form.cleaned_data['reason'].strip()}"
            for row in self.rows
            if row.form.has_entry and (row.form.cleaned_data.get("reason") or "").strip()
        )


def grid_regions(parent: Region | None, branch: Branch | None) -> tuple[str, list[Region]]:
    """The regions a grid lists: a region's children, or the regions a branch (and its offices) serves."""
    if parent is not None:
        return parent.display_name, list(Region.objects.filter(parent=parent).order_by("code"))
    if branch is None:
        return "", []
    served = Region.objects.filter(Q(branches=branch) | Q(branches__parent=branch)).distinct().order_by("code")
    return branch.name, list(served)


def build_grid(
    label: str, regions: list[Region], month: datetime.date, data: Any = None, read_only: bool = False
) -> Grid:
    """The grid for `month`: each region with its baseline, last month's figure and this month's form."""
    report = regions_report(label, regions, month)
    coverage = {item.code: item for item in report.children}
    current = {
        record.region_id: record
        for record in Enrolment.objects.filter(month=month, region_id__in=[region.code for region in regions])
    }
    rows = []
    for region in regions:
        record = current.get(region.code)
        initial: dict[str, Any] = {"version": record.version if record else 0}
        if record:
            initial.update(
                participants=record.participants, pu=record.pu, bpu=record.bpu, jakon=record.jakon, pmi=record.pmi,
                note=record.note,
            )  # fmt: skip
        row_coverage = coverage[region.code]
        form = EntryRowForm(
            data,
            prefix=region.code,
            initial=initial,
            baseline=row_coverage.baseline.value.count if row_coverage.baseline else None,
            previous=row_coverage.previous_participants,
        )
        if read_only:
            for bound in form.fields.values():
                bound.disabled = True
        rows.append(GridRow(region, row_coverage, record, form))
    return Grid(month, rows, label)


def save_grid(grid: Grid, user: Any, reason: str) -> SaveResult:
    """Write every filled-in row in one transaction; rows that moved meanwhile come back as conflicts."""
    result = save_figures(
        "enrolment", grid.month, grid.inputs(), user=user, channel=FigureChange.Channel.FORM, reason=reason
    )
    by_code = {conflict.region_code: conflict for conflict in result.conflicts}
    for row in grid.rows:
        row.conflict = by_code.get(row.region.code)
        if row.conflict:
            # The next save overwrites on purpose: the officer has now seen the current value.
            data = row.form.data.copy()
            data[f"{row.region.code}-version"] = str(row.conflict.current.version if row.conflict.current else 0)
            row.form = EntryRowForm(
                data, prefix=row.region.code, baseline=row.form.baseline, previous=row.form.previous
            )
    return result


@dataclass
class CompletenessRow:
    region: Region
    reported: bool
    reported_at: datetime.datetime | None
    late: bool


@dataclass
class BranchCompleteness:
    branch: Branch
    rows: list[CompletenessRow]

    @property
    def reported(self) -> int:
        return sum(1 for row in self.rows if row.reported)

    @property
    def rate(self) -> float | None:
        return self.reported * 100 / len(self.rows) if self.rows else None

    @property
    def late(self) -> list[CompletenessRow]:
        return [row for row in self.rows if row.late]


def report_deadline(month: datetime.date) -> datetime.date:
    """The last day a month's figures are on time: a set day of the following month."""
    return add_months(month, 1).replace(day=settings.UCJ_REPORT_DEADLINE_DAY)


def completeness(branches: list[Branch], month: datetime.date, today: datetime.date) -> list[BranchCompleteness]:
    """For each branch, which of its regions reported `month`, when, and which are late.

    A region is late when its figure arrived after the deadline, or when the
    deadline has passed and it has no figure yet.
    """
    deadline = report_deadline(month)
    served = {
        branch.pk: list(branch.regions.all())
        for branch in Branch.objects.filter(pk__in=[b.pk for b in branches]).prefetch_related("regions")
    }
    codes = {region.code for regions in served.values() for region in regions}
    reported = set(Enrolment.objects.filter(month=month, region_id__in=codes).values_list("region_id", flat=True))
    first_entered = dict(
        FigureChange.objects.filter(kind=FigureChange.Kind.ENROLMENT, period=f"{month:%Y-%m}", region_id__in=reported)
        .values("region_id")
        .annotate(first=Min("at"))
        .values_list("region_id", "first")
    )
    result = []
    for branch in branches:
        rows = []
        for region in served.get(branch.pk, []):
            at = first_entered.get(region.code) if region.code in reported else None
            if region.code in reported:
                late = at is not None and timezone.localtime(at).date() > deadline
            else:
                late = today > deadline
            rows.append(CompletenessRow(region, region.code in reported, at, late))
        result.append(BranchCompleteness(branch, rows))
    return result
