"""What a dashboard page shows, gathered from a coverage report: no HTTP here, only the page's pieces."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import codes
from regions.coverage import CoverageReport, RegionCoverage
from regions.display import format_count, format_month, format_signed
from regions.models import Region
from regions.months import MonthError, parse_month
from regions.queries import coverage_report, months_with_figures, regions_report
from ucj import charts
from ucj.scopes import Scope
from ucj.tables import baseline_text, coverage_rows, reported_text


class BadMonth(ValueError):
    pass


@dataclass(frozen=True)
class Dashboard:
    scope: Scope
    region: Region | None  # None for a branch's regions side by side
    month: datetime.date
    months: list[datetime.date]
    report: CoverageReport
    rows: list[dict[str, Any]]

    @property
    def headline(self) -> RegionCoverage:
        return self.report.region

    @property
    def has_figures(self) -> bool:
        return bool(self.months)

    def ranking_chart(self) -> dict[str, Any] | None:
        return charts.ranking_chart(self.report.children)

    def trend_chart(self) -> dict[str, Any] | None:
        return charts.trend_chart(self.report.series, self.headline.target)

    def pace_sentence(self) -> str | None:
        pace = self.headline.pace_needed
        if pace is None:
            return None
        if pace == 0:
            return _("The target for %(year)d has been reached.") % {"year": self.month.year}
        if self.month.month == 12:
            return _("%(count)s more participants are needed this month to reach the target.") % {
                "count": format_count(pace)
            }
        return _("%(count)s more participants are needed per month until December.") % {"count": format_count(pace)}

    def recent_pace_text(self) -> str:
        pace = self.headline.recent_pace
        if pace is None:
            return _("not enough months with figures yet")
        return _("%(count)s per month over the last months with figures") % {"count": format_signed(round(pace))}

    @property
    def rentan_monthly_rate(self) -> int:
        return settings.UCJ_RENTAN_MONTHLY_RATE

    def yearly_cost_of_gap(self) -> int | None:
        """What enrolling the whole gap as pekerja rentan costs a year (JKK + JKM at the lowest BPU rate)."""
        gap = self.headline.gap_to_target
        if gap is None:
            return None
        return gap * self.rentan_monthly_rate * 12

    def notes(self) -> list[str]:
        headline, notes = self.headline, []
        if headline.participants_carried_forward:
            notes.append(
                _("No figure for %(month)s: the participants shown are those of %(latest)s.")
                % {"month": format_month(self.month), "latest": format_month(headline.participants_month)}
            )
        if headline.participants and not headline.participants.reported:
            notes.append(reported_text(self.headline_row()).capitalize() + ".")
        if headline.baseline and headline.baseline.value.carried_forward:
            notes.append(
                _("† The baseline is not yet known for %(year)d; an earlier year's is used.")
                % {"year": self.month.year}
            )
        if headline.target and headline.target.inherited:
            notes.append(_("* The target is inherited from %(code)s.") % {"code": headline.target.set_for})
        return notes

    def headline_row(self) -> dict[str, Any]:
        return coverage_rows([self.headline], self.scope)[0]

    def headline_baseline_text(self) -> str:
        return baseline_text(self.headline_row())


def chosen_month(raw: str | None, months: list[datetime.date]) -> datetime.date:
    """The month asked for, or the latest with figures, or this month in Jakarta when there are none."""
    if raw:
        try:
            return parse_month(raw)
        except MonthError:
            raise BadMonth(raw) from None
    if months:
        return months[0]
    return timezone.localdate().replace(day=1)


def build_dashboard(scope: Scope, region: Region | None, raw_month: str | None) -> Dashboard:
    """The dashboard of `region`, or of the whole scope when `region` is None."""
    if region is None and len(scope.roots) == 1:
        region = scope.roots[0]
    scope_codes = (region.code,) if region else scope.root_codes
    months = months_with_figures(*scope_codes)
    month = chosen_month(raw_month, months)
    if region is not None:
        report = coverage_report(region, month)
    else:
        report = regions_report(scope.label, list(scope.roots), month)
    return Dashboard(scope, region, month, months, report, coverage_rows(report.children, scope))


def breadcrumb(region: Region, scope: Scope) -> list[tuple[Region, bool]]:
    """The region's ancestors from the top, each with whether the user may open it."""
    ancestors = {a.code: a for a in Region.objects.filter(code__in=codes.ancestor_codes(region.code))}
    ordered = [ancestors[code] for code in reversed(codes.ancestor_codes(region.code)) if code in ancestors]
    return [(ancestor, scope.contains(ancestor.code)) for ancestor in ordered]


def export_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Code"), _("Region"), _("Participants"), _("Baseline"), _("Baseline year"), _("Baseline kind"),
        _("Coverage (%)"), _("Target (%)"), _("Target inherited"), _("Gap to target"), _("Uncovered"),
        _("Change since previous month"), _("Reported"),
    ]  # fmt: skip
    body = [
        [
            row["code"],
            row["region"],
            row["participants"],
            row["baseline"],
            row["baseline_year"],
            row["baseline_kind"],
            row["coverage_pct"],
            row["target_pct"],
            row["target_inherited"],
            row["gap_to_target"],
            row["uncovered"],
            row["change"],
            reported_text(row),
        ]
        for row in rows
    ]
    return headers, body
