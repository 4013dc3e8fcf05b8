"""Which regions of each branch reported a month, when, and who is late: the completeness page, without HTTP."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min
from django.utils import timezone

from regions.models import Branch, Enrolment, FigureChange, Region
from regions.months import add_months


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
