"""The children table of the overview and every region page: typed rows in, HTML cells out.

Each number cell says what it is: a coverage among reporting regions carries
"n/m", a figure from an earlier month its month, and every figure a short mark
of where it came from, with the source in its tooltip.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions import statements
from regions.display import EMPTY, format_count, format_pct, format_signed, provenance_label
from ucj.dashboards.page import CoverageRow


def provenance_marks() -> dict[str, str]:
    """One letter per provenance, explained under the table."""
    return {
        "published": _("P"),
        "entered": _("E"),
        "imported": _("I"),
        "derived": _("D"),
        "rolled_up": "Σ",
    }


def provenance_legend() -> list[tuple[str, str]]:
    """(letter, what it means) for the note under the table, in the models' own words."""
    return [(mark, provenance_label(provenance)) for provenance, mark in provenance_marks().items()]


def provenance_mark(row: CoverageRow) -> SafeString | str:
    provenance = row.item.provenance
    if provenance is None:
        return ""
    title = provenance_label(provenance).capitalize()
    if row.item.source:
        title += ": " + row.item.source
    elif provenance == "rolled_up":
        title = statements.provenance_sentence(row.item)
    return format_html('<abbr class="provenance" title="{}">{}</abbr>', title, provenance_marks()[provenance])


def region_cell(row: CoverageRow) -> SafeString:
    if row.linked:
        return format_html(
            '<a href="{}">{}</a> <span class="code">{}</span>', reverse("region", args=[row.code]), row.name, row.code
        )
    return format_html('{} <span class="code">{}</span>', row.name, row.code)


def coverage_cell(row: CoverageRow) -> SafeString | str:
    item = row.item
    if row.coverage_pct is not None:
        cell = format_html("{}", format_pct(row.coverage_pct))
        if item.figure_carried_forward:
            cell = format_html('{} <small class="as-of">{}</small>', cell, statements.status_text(item))
        if item.published_pct is not None and not item.published_pct_matches:
            cell = format_html('{} <abbr class="flag" title="{}">≠</abbr>', cell, statements.published_sentence(item))
        return format_html("{} {}", cell, provenance_mark(row))
    if row.coverage_among_reporting_pct is not None:
        return format_html(
            '<span class="partial" title="{}">{}</span> <small class="n-of-m">{}/{}</small> {}',
            statements.coverage_label(item),
            format_pct(row.coverage_among_reporting_pct),
            item.children_reported,
            item.children_total,
            provenance_mark(row),
        )
    return EMPTY


def gap_cell(row: CoverageRow) -> SafeString | str:
    gap = row.gap_to_target
    if gap is None:
        return EMPTY
    if row.item.is_partial:
        return format_html(
            '<span class="partial" title="{}">{}</span>', statements.gap_label(row.item), format_count(gap)
        )
    if row.item.gap_is_estimate:
        return format_html(
            '<span class="estimate" title="{}">≈ {}</span>', statements.gap_label(row.item), format_count(gap)
        )
    return format_count(gap)


def target_cell(row: CoverageRow) -> SafeString | str:
    if row.target_pct is None:
        return EMPTY
    if row.item.target and row.item.target.inherited:
        return format_html('{} <abbr title="{}">*</abbr>', format_pct(row.target_pct), statements.target_text(row.item))
    return format_pct(row.target_pct)


def cells(row: CoverageRow) -> dict[str, Any]:
    """A row as the table shows it: its sort keys, and its cells computed once (no per-cell callbacks)."""
    return {
        "code": row.code,
        "participants": row.participants,
        "baseline": row.baseline,
        "coverage": row.sort_coverage,
        "target_pct": row.target_pct,
        "gap_to_target": row.gap_to_target,
        "uncovered": row.uncovered,
        "change": row.item.change_since_previous_month,
        "status": row.status,
        "region_cell": region_cell(row),
        "participants_cell": format_count(row.participants),
        "baseline_cell": statements.baseline_text(row.item),
        "coverage_cell": coverage_cell(row),
        "target_cell": target_cell(row),
        "gap_cell": gap_cell(row),
        "uncovered_cell": format_count(row.uncovered),
        "change_cell": format_signed(row.item.change_since_previous_month),
        "status_cell": row.status,
    }


def _column(label: str | Promise, accessor: str, order_by: tuple[str, ...], numeric: bool = True) -> tables.Column:
    return tables.Column(
        verbose_name=label, accessor=accessor, order_by=order_by, attrs={"td": {"class": "num"}} if numeric else {}
    )


class CoverageTable(tables.Table):
    region = _column(gettext_lazy("Region"), "region_cell", ("code",), numeric=False)
    status = _column(gettext_lazy("Figure"), "status_cell", ("status",), numeric=False)
    participants = _column(gettext_lazy("Participants"), "participants_cell", ("participants",))
    baseline = _column(gettext_lazy("Baseline (kind, year)"), "baseline_cell", ("baseline",))
    coverage = _column(gettext_lazy("Coverage"), "coverage_cell", ("coverage",))
    target_pct = _column(gettext_lazy("Target"), "target_cell", ("target_pct",))
    gap_to_target = _column(gettext_lazy("Gap to target"), "gap_cell", ("gap_to_target",))
    uncovered = _column(gettext_lazy("Not yet protected"), "uncovered_cell", ("uncovered",))
    change = _column(gettext_lazy("Change since previous month"), "change_cell", ("change",))

    class Meta:
        template_name = "ucj/coverage_table.html"
        attrs = {"class": "coverage-table"}
        default = EMPTY
        order_by = ("region",)
        empty_text = gettext_lazy("No regions below this one.")


def coverage_table(rows: list[CoverageRow]) -> CoverageTable:
    return CoverageTable([cells(row) for row in rows])
