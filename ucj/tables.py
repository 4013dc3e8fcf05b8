"""The children table shown on the overview and every region page, and its downloads."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.coverage import RegionCoverage, round_pct
from regions.display import EMPTY, format_count, format_pct, format_signed
from ucj.scopes import Scope


def coverage_rows(items: list[RegionCoverage], scope: Scope) -> list[dict[str, Any]]:
    """One plain row per region: raw values for sorting and downloads, the rest for display."""
    rows = []
    for item in items:
        baseline = item.baseline.value if item.baseline else None
        coverage = item.coverage_pct
        rows.append(
            {
                "code": item.code,
                "region": item.name,
                "kind": item.kind,
                "linked": scope.contains(item.code),
                "participants": item.participants.value.total if item.participants else None,
                "baseline": baseline.count if baseline else None,
                "baseline_year": baseline.year if baseline else None,
                "baseline_kind": baseline.kind if baseline else None,
                "baseline_carried_forward": bool(baseline and baseline.carried_forward),
                "coverage_pct": round_pct(coverage) if coverage is not None else None,
                "target_pct": item.target.percentage if item.target else None,
                "target_inherited": bool(item.target and item.target.inherited),
                "gap_to_target": item.gap_to_target,
                "uncovered": item.uncovered,
                "change": item.change_since_previous_month,
                "reported": item.reported,
                "children_reported": item.children_reported,
                "children_total": item.children_total,
                "has_figure": item.participants is not None,
            }
        )
        rows[-1].update(_display(rows[-1]))
    return rows


def reported_text(row: dict[str, Any]) -> str:
    if row["reported"]:
        return _("reported")
    if not row["has_figure"]:
        return _("no figure")
    return _("rolled up, %(n)d of %(m)d reported") % {"n": row["children_reported"], "m": row["children_total"]}


def baseline_text(row: dict[str, Any]) -> str:
    if row["baseline"] is None:
        return EMPTY
    kind = {"angkatan_kerja": _("labour force"), "penduduk_bekerja": _("working population")}.get(
        row["baseline_kind"], _("mixed")
    )
    text = f"{format_count(row['baseline'])} ({row['baseline_year']}, {kind})"
    if row["baseline_carried_forward"]:
        text += " †"
    return text


def _display(row: dict[str, Any]) -> dict[str, Any]:
    """The row's cells as shown, computed once: the table then only places them (no per-cell callbacks)."""
    if row["linked"]:
        region = format_html(
            '<a href="{}">{}</a> <span class="code">{}</span>',
            reverse("region", args=[row["code"]]),
            row["region"],
            row["code"],
        )
    else:
        region = format_html('{} <span class="code">{}</span>', row["region"], row["code"])
    target = format_pct(row["target_pct"])
    if row["target_inherited"]:
        target = format_html('{} <abbr title="{}">*</abbr>', target, _("inherited"))
    return {
        "region_cell": region,
        "participants_cell": format_count(row["participants"]),
        "baseline_cell": baseline_text(row),
        "coverage_cell": format_pct(row["coverage_pct"]),
        "target_cell": target,
        "gap_cell": format_count(row["gap_to_target"]),
        "uncovered_cell": format_count(row["uncovered"]),
        "change_cell": format_signed(row["change"]),
        "reported_cell": reported_text(row),
    }


def _column(label: str, accessor: str, order_by: tuple[str, ...], numeric: bool = True) -> tables.Column:
    return tables.Column(
        verbose_name=label, accessor=accessor, order_by=order_by, attrs={"td": {"class": "num"}} if numeric else {}
    )


class CoverageTable(tables.Table):
    region = _column(gettext_lazy("Region"), "region_cell", ("code",), numeric=False)
    participants = _column(gettext_lazy("Participants"), "participants_cell", ("participants",))
    baseline = _column(gettext_lazy("Baseline (year, kind)"), "baseline_cell", ("baseline",))
    coverage_pct = _column(gettext_lazy("Coverage"), "coverage_cell", ("coverage_pct",))
    target_pct = _column(gettext_lazy("Target"), "target_cell", ("target_pct",))
    gap_to_target = _column(gettext_lazy("Gap to target"), "gap_cell", ("gap_to_target",))
    uncovered = _column(gettext_lazy("Uncovered"), "uncovered_cell", ("uncovered",))
    change = _column(gettext_lazy("Change since previous month"), "change_cell", ("change",))
    reported = _column(gettext_lazy("Reported"), "reported_cell", ("reported", "children_reported"), numeric=False)

    class Meta:
        attrs = {"class": "coverage-table"}
        default = EMPTY
        order_by = ("region",)
        empty_text = gettext_lazy("No regions below this one.")
