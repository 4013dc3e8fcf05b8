from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions import statements
from regions.coverage import RegionCoverage
from regions.display import EMPTY, format_count, format_month, format_pct, provenance_label
from regions.links import region_page_link
from regions.models import Region
from regions.months import MonthError, parse_month
from regions.queries import coverage_report, default_month, month_statuses


class Command(BaseCommand):
    help = "Show a region's coverage and its children's for a month."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 13.02 (ID for the whole country)")
        parser.add_argument(
            "--month", help="YYYY-MM; by default the latest month with the region's own or a complete figure"
        )
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
            child_codes = list(Region.objects.filter(parent=region).values_list("code", flat=True))
            found = default_month(month_statuses(region.code, child_codes))
            if found is None:
                raise CommandError(
                    _("%(region)s has no figures yet; give a month with --month.") % {"region": region.name},
                    returncode=2,
                )
            chosen = found
        report = coverage_report(region, chosen)
        if json:
            summary = statements.summary_text(report.region, region_page_link(region.code, chosen))
            self.stdout.write(_dump({**report.as_json(), "summary": summary}))
            return
        headline = report.region
        self.stdout.write(f"{region.code} {region.name} · {format_month(chosen)}")
        for line in _headline_lines(headline):
            self.stdout.write(line)
        self.stdout.write("")
        for line in _table([_row(headline), *(_row(child) for child in report.children)]):
            self.stdout.write(line)


def _dump(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _headline_lines(item: RegionCoverage) -> list[str]:
    """The same sentences as the region page, one per line."""
    value = item.coverage_among_reporting_pct if item.is_partial else item.coverage_pct
    lines = [
        f"{statements.coverage_label(item)}: {format_pct(value)}",
        f"  {statements.counts_sentence(item)}",
        f"  {statements.what_it_covers(item)}",
    ]
    for sentence in [
        statements.provenance_sentence(item),
        f"{statements.gap_label(item)}: {format_count(_gap(item))}",
        statements.gap_sentence(item),
        statements.pace_sentence(item),
        statements.forecast_sentence(item),
        *statements.notes(item),
    ]:
        if sentence:
            lines.append(f"* {sentence}")
    return lines


def _gap(item: RegionCoverage) -> int | None:
    if item.is_partial:
        return item.among_reporting.gap_to_target if item.among_reporting else None
    return item.gap_to_target


def _table(rows: list[list[str]]) -> list[str]:
    """Aligned columns: code and name to the left, figures to the right."""
    header = [_("Code"), _("Region"), _("Figure"), _("Participants"), _("Baseline"), _("Coverage"),
              _("Provenance"), _("Target"), _("Gap to target"), _("Not yet protected")]  # fmt: skip
    lines = [header, *rows]
    widths = [max(len(cells[i]) for cells in lines) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if i < 3 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()
        for cells in lines
    ]


def _row(item: RegionCoverage) -> list[str]:
    baseline = item.baseline
    target = format_pct(item.target.percentage) if item.target else EMPTY
    if item.target and item.target.inherited:
        target += "*"
    if item.is_partial:
        coverage = f"({format_pct(item.coverage_among_reporting_pct)} {item.children_reported}/{item.children_total})"
        gap = item.among_reporting.gap_to_target if item.among_reporting else None
        uncovered = item.among_reporting.uncovered if item.among_reporting else None
    else:
        coverage = format_pct(item.coverage_pct)
        gap, uncovered = item.gap_to_target, item.uncovered
    return [
        item.code,
        item.name,
        statements.status_text(item),
        format_count(item.participants.total if item.participants else None),
        f"{format_count(baseline.count)} ({baseline.year})" if baseline else EMPTY,
        coverage,
        provenance_label(item.provenance) if item.provenance else EMPTY,
        target,
        ("≈" if item.gap_is_estimate and gap is not None else "") + format_count(gap),
        format_count(uncovered),
    ]
