"""What a dashboard page shows, gathered from a coverage report: typed values, no HTTP and no HTML.

The table (ucj/tables.py), the charts (ucj/charts.py), the template and the
downloads all turn these same values into what they show; the JSON API uses the
report's own `as_json`. The sentences come from regions/statements.py, which the
command line uses too, so every channel says the same thing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import codes, statements
from regions.coverage import CoverageReport, RegionCoverage, round_pct, what_if, yearly_cost
from regions.display import baseline_kind_label, format_month, provenance_label
from regions.models import Region
from regions.months import MonthError, month_key, parse_month
from regions.queries import (
    MonthStatus,
    children_of,
    coverage_report,
    default_month,
    group_month_statuses,
    month_statuses,
    regions_report,
)
from regions.scopes import Scope
from ucj.dashboards import charts


class BadMonth(ValueError):
    pass


@dataclass(frozen=True)
class CoverageRow:
    """One region's line in a table or a download: plain values, each with what it covers."""

    item: RegionCoverage
    linked: bool

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def name(self) -> str:
        return self.item.name

    @property
    def coverage_pct(self) -> Decimal | None:
        value = self.item.coverage_pct
        return round_pct(value) if value is not None else None

    @property
    def coverage_among_reporting_pct(self) -> Decimal | None:
        value = self.item.coverage_among_reporting_pct
        return round_pct(value) if value is not None and self.item.is_partial else None

    @property
    def sort_coverage(self) -> Decimal:
        """Rows sort by the coverage they show; a partial one sorts after every complete one."""
        if self.coverage_pct is not None:
            return self.coverage_pct
        if self.coverage_among_reporting_pct is not None:
            return self.coverage_among_reporting_pct - 1000
        return Decimal(-2000)

    @property
    def workers_reported_pct(self) -> Decimal | None:
        value = self.item.workers_reported_pct
        return round_pct(value) if value is not None else None

    @property
    def participants(self) -> int | None:
        return self.item.participants.total if self.item.participants else None

    @property
    def baseline(self) -> int | None:
        return self.item.baseline.count if self.item.baseline else None

    @property
    def target_pct(self) -> Decimal | None:
        return self.item.target.percentage if self.item.target else None

    @property
    def gap_to_target(self) -> int | None:
        if self.item.is_partial and self.item.among_reporting:
            return self.item.among_reporting.gap_to_target
        return self.item.gap_to_target

    @property
    def uncovered(self) -> int | None:
        if self.item.is_partial and self.item.among_reporting:
            return self.item.among_reporting.uncovered
        return self.item.uncovered

    @property
    def status(self) -> str:
        return statements.status_text(self.item)

    def download_values(self) -> list[Any]:
        """The row as the .xlsx and CSV downloads carry it: values the reader reads, not internal codes."""
        item = self.item
        baseline = item.baseline
        return [
            item.code,
            item.name,
            format_month(item.month),
            format_month(item.figure_month) if item.figure_month else "",
            statements.yes_no(item.figure_carried_forward),
            self.status,
            statements.yes_no(item.complete),
            item.children_reported if item.is_partial or (item.figure and not item.figure.reported) else None,
            item.children_total or None,
            self.participants,
            self.baseline,
            baseline.year if baseline else None,
            baseline_kind_label(baseline.kind) if baseline else "",
            statements.yes_no(baseline.carried_forward) if baseline else "",
            statements.yes_no(baseline.rolled_up) if baseline else "",
            self.coverage_pct,
            self.coverage_among_reporting_pct,
            self.workers_reported_pct,
            provenance_label(item.provenance) if item.provenance else "",
            item.source,
            statements.published_pct_text(item.published_pct),
            statements.yes_no(item.published_pct_matches),
            self.target_pct,
            statements.yes_no(item.target.inherited) if item.target else "",
            self.gap_to_target,
            statements.yes_no(item.gap_is_estimate or item.is_partial) if self.gap_to_target is not None else "",
            self.uncovered,
            item.change_since_previous_month,
        ]


def download_headers() -> list[str]:
    return [
        _("Code"), _("Region"), _("Month asked"), _("Month of the figure"), _("Carried forward from an earlier month"),
        _("What the figure is"), _("Covers the whole region"), _("Regions reported"), _("Regions in all"),
        _("Active participants"), _("Baseline"), _("Baseline year"), _("Baseline kind"),
        _("Baseline from an earlier year"), _("Baseline summed from regions below"), _("Coverage (%)"),
        _("Coverage among reporting regions (%)"), _("Share of the region's workers in the reporting regions (%)"),
        _("Provenance"), _("Source"), _("Published percentage"), _("Published percentage matches"), _("Target (%)"),
        _("Target inherited"), _("Gap to target"), _("Gap is an estimate or among reporting regions only"),
        _("Not yet protected"), _("Change since previous month"),
    ]  # fmt: skip


def coverage_rows(items: Sequence[RegionCoverage], scope: Scope) -> list[CoverageRow]:
    return [CoverageRow(item, scope.contains(item.code)) for item in items]


@dataclass(frozen=True)
class Dashboard:
    scope: Scope
    region: Region | None  # None for a branch's regions side by side
    month: datetime.date
    statuses: list[MonthStatus]
    report: CoverageReport
    rows: list[CoverageRow]

    @property
    def headline(self) -> RegionCoverage:
        return self.report.region

    @property
    def headline_row(self) -> CoverageRow:
        return CoverageRow(self.headline, True)

    @property
    def months(self) -> list[datetime.date]:
        return [status.month for status in self.statuses]

    @property
    def has_figures(self) -> bool:
        return bool(self.statuses)

    def month_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, selected) for the month picker: each month marked complete or "n of m"."""
        options = [(month_key(s.month), _month_option_label(s), s.month == self.month) for s in self.statuses]
        if self.month not in self.months:
            options.insert(0, (month_key(self.month), format_month(self.month), True))
        return options

    def ranking_chart(self) -> dict[str, Any] | None:
        return charts.ranking_chart(self.report.children)

    def trend_chart(self) -> dict[str, Any] | None:
        return charts.trend_chart(self.report.series, self.headline.target)

    @property
    def rentan_monthly_rate(self) -> int:
        return settings.UCJ_RENTAN_MONTHLY_RATE

    def yearly_cost_of_gap(self) -> int | None:
        """What enrolling the gap as pekerja rentan costs a year (JKK + JKM at the lowest BPU rate)."""
        gap = self.headline_row.gap_to_target
        return None if gap is None else yearly_cost(gap, self.rentan_monthly_rate)

    def what_if(self, added: int | None) -> str:
        """The headline with `added` more participants, in words; empty without a region-wide figure."""
        if added is None:
            return ""
        result = what_if(self.headline, added)
        if result is None:
            return _("A what-if needs the region's own or complete figure; this month has none.")
        return statements.what_if_sentence(self.headline, result, self.rentan_monthly_rate)

    def summary(self, link: str) -> str:
        return statements.summary_text(self.headline, link)

    def words(self) -> dict[str, Any]:
        """Every sentence the headline needs, in the reader's language."""
        headline = self.headline
        return {
            "coverage_label": statements.coverage_label(headline),
            "what_it_covers": statements.what_it_covers(headline),
            "counts": statements.counts_sentence(headline),
            "provenance": statements.provenance_sentence(headline),
            "gap_label": statements.gap_label(headline),
            "gap": statements.gap_sentence(headline),
            "pace": statements.pace_sentence(headline),
            "recent_pace": statements.recent_pace_text(headline),
            "forecast": statements.forecast_sentence(headline),
            "target": statements.target_text(headline),
            "notes": statements.notes(headline),
        }

    def download_name(self) -> str:
        return f"ucj-{self.region.code if self.region else 'cabang'}-{self.month:%Y-%m}"

    def download_title(self) -> str:
        return f"{self.headline.name} {format_month(self.month)}"

    def download_table(self) -> tuple[list[str], list[list[Any]]]:
        return download_headers(), [row.download_values() for row in [self.headline_row, *self.rows]]


def _month_option_label(status: MonthStatus) -> str:
    if status.complete:
        return _("%(month)s · complete") % {"month": format_month(status.month)}
    # Reported, whether or not a baseline is known: "0 of 14" beside a month whose table lists
    # three reporting kecamatan read as nobody reporting.
    return _("%(month)s · %(n)d of %(m)d reported") % {
        "month": format_month(status.month),
        "n": status.children_reporting,
        "m": status.children_total,
    }


def chosen_month(raw: str | None, statuses: Sequence[MonthStatus]) -> datetime.date:
    """The month asked for; else the latest with a complete or own figure, else the latest with anything,
    else this month in Jakarta."""
    if raw:
        try:
            return parse_month(raw)
        except MonthError:
            raise BadMonth(raw) from None
    return default_month(statuses) or timezone.localdate().replace(day=1)


def build_dashboard(scope: Scope, region: Region | None, raw_month: str | None) -> Dashboard:
    """The dashboard of `region`, or of the whole scope when `region` is None."""
    if region is None and len(scope.roots) == 1:
        region = scope.roots[0]
    if region is not None:
        children = children_of(region)
        statuses = month_statuses(region.code, [code for code, _name, _kind in children])
        month = chosen_month(raw_month, statuses)
        report = coverage_report(region, month, children)
    else:
        statuses = group_month_statuses(scope.root_codes)
        month = chosen_month(raw_month, statuses)
        report = regions_report(scope.label, list(scope.roots), month)
    return Dashboard(scope, region, month, statuses, report, coverage_rows(report.children, scope))


def breadcrumb(region: Region, scope: Scope) -> list[tuple[Region, bool]]:
    """The region's ancestors from the top, each with whether the user may open it."""
    ancestors = {a.code: a for a in Region.objects.filter(code__in=codes.ancestor_codes(region.code))}
    ordered = [ancestors[code] for code in reversed(codes.ancestor_codes(region.code)) if code in ancestors]
    return [(ancestor, scope.contains(ancestor.code)) for ancestor in ordered]
