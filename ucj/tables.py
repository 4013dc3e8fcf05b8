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


class CoverageTable(tables.Table):
    region = tables.Column(verbose_name=gettext_lazy("Region"), order_by=("code",))
    participants = tables.Column(verbose_name=gettext_lazy("Participants"), attrs={"td": {"class": "num"}})
    baseline = tables.Column(verbose_name=gettext_lazy("Baseline (year, kind)"), attrs={"td": {"class": "num"}})
    coverage_pct = tables.Column(verbose_name=gettext_lazy("Coverage"), attrs={"td": {"class": "num"}})
    target_pct = tables.Column(verbose_name=gettext_lazy("Target"), attrs={"td": {"class": "num"}})
    gap_to_target = tables.Column(verbose_name=gettext_lazy("Gap to target"), attrs={"td": {"class": "num"}})
    uncovered = tables.Column(verbose_name=gettext_lazy("Uncovered"), attrs={"td": {"class": "num"}})
    change = tables.Column(verbose_name=gettext_lazy("Change since previous month"), attrs={"td": {"class": "num"}})
    reported = tables.Column(verbose_name=gettext_lazy("Reported"), order_by=("reported", "children_reported"))

    class Meta:
        attrs = {"class": "coverage-table"}
        default = EMPTY
        order_by = ("region",)
        empty_text = gettext_lazy("No regions below this one.")

    def render_region(self, value: str, record: dict[str, Any]) -> str:
        if record["linked"]:
            return format_html(
                '<a href="{}">{}</a> <span class="code">{}</span>',
                reverse("region", args=[record["code"]]),
                value,
                record["code"],
            )
        return format_html('{} <span class="code">{}</span>', value, record["code"])

    def render_participants(self, value: int) -> str:
        return format_count(value)

    def render_baseline(self, record: dict[str, Any]) -> str:
        return baseline_text(record)

    def render_coverage_pct(self, value: Any) -> str:
        return format_pct(value)

    def render_target_pct(self, value: Any, record: dict[str, Any]) -> str:
        if record["target_inherited"]:
            return format_html('{} <abbr title="{}">*</abbr>', format_pct(value), _("inherited"))
        return format_pct(value)

    def render_gap_to_target(self, value: int) -> str:
        return format_count(value)

    def render_uncovered(self, value: int) -> str:
        return format_count(value)

    def render_change(self, value: int) -> str:
        return format_signed(value)

    def render_reported(self, record: dict[str, Any]) -> str:
        return reported_text(record)
