from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.coverage import RegionCoverage
from regions.display import EMPTY, format_count, format_month, format_pct
from regions.models import Region
from regions.months import MonthError, parse_month
from regions.queries import coverage_report, latest_month_with_figures


class Command(BaseCommand):
    help = "Show a region's coverage and its children's for a month."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 13.02 (ID for the whole country)")
        parser.add_argument("--month", help="YYYY-MM; the latest month with figures when left out")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: Any, code: str, month: str | None, json: bool, **options: Any) -> None:
        region = Region.objects.filter(code=code.strip()).first()
        if region is None:
            raise CommandError(_("Unknown region code %(code)r.") % {"code": code}, returncode=2)
        if month is not None:
            try:
                chosen = parse_month(month)
            except MonthError:
                raise CommandError(
                    _("Month %(month)r is not of the form YYYY-MM, e.g. 2025-06.") % {"month": month}, returncode=2
                ) from None
        else:
            chosen = latest_month_with_figures(region.code)
            if chosen is None:
                raise CommandError(
                    _("%(region)s has no figures yet; give a month with --month.") % {"region": region.name},
                    returncode=2,
                )
        report = coverage_report(region, chosen)
        if json:
            self.stdout.write(_dump(report.as_json()))
            return
        self.stdout.write(f"{region.code} {region.name} · {format_month(chosen)}")
        for line in _table([_row(report.region), *(_row(child) for child in report.children)]):
            self.stdout.write(line)
        for note in _notes(report.region):
            self.stdout.write(f"* {note}")


def _dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _table(rows: list[list[str]]) -> list[str]:
    """Aligned columns: code and name to the left, figures to the right."""
    header = [_("Code"), _("Region"), _("Participants"), _("Baseline"), _("Coverage"), _("Target"),
              _("Gap to target"), _("Uncovered"), _("Reported")]  # fmt: skip
    lines = [header, *rows]
    widths = [max(len(cells[i]) for cells in lines) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        for cells in lines
    ]


def _row(item: RegionCoverage) -> list[str]:
    baseline = item.baseline.value if item.baseline else None
    target = format_pct(item.target.percentage) if item.target else EMPTY
    if item.target and item.target.inherited:
        target += "*"
    if item.reported:
        reported = _("reported")
    elif item.participants is None:
        reported = EMPTY
    else:
        reported = _("%(n)d of %(m)d") % {"n": item.children_reported, "m": item.children_total}
    return [
        item.code,
        item.name,
        format_count(item.participants.value.total if item.participants else None),
        f"{format_count(baseline.count)} ({baseline.year})" if baseline else EMPTY,
        format_pct(item.coverage_pct),
        target,
        format_count(item.gap_to_target),
        format_count(item.uncovered),
        reported,
    ]


def _notes(item: RegionCoverage) -> list[str]:
    notes = []
    if item.participants_carried_forward:
        notes.append(
            _("No figure for this month: participants as of %(month)s.")
            % {"month": format_month(item.participants_month)}
        )
    baseline = item.baseline
    if baseline and not baseline.reported:
        notes.append(
            _("Baseline rolled up from %(n)d of %(m)d children.")
            % {"n": baseline.children_reported, "m": item.children_total}
        )
    if baseline and baseline.value.carried_forward:
        if baseline.reported:
            notes.append(_("Baseline carried forward from %(year)d.") % {"year": baseline.value.year})
        else:
            notes.append(_("The baseline includes figures carried forward from earlier years."))
    if item.target and item.target.inherited:
        notes.append(_("Target inherited from %(code)s (marked *).") % {"code": item.target.set_for})
    return notes
