"""What the monev report holds: the region page's own values for a region and month, plus when and for whom.

Nothing here computes a number of its own. The coverage, target, gap, pace,
forecast and cost come from the page builder (ucj/dashboards/page.py) and the
sentences from regions/statements.py, so the PDF says exactly what the page
says; the programs, meetings and commitments from programs/queries.py; the
map from regions/maps.py. What this module adds is the order an official
reads them in at a meeting, the list of sources, and the report's own
imprint (made when, by or for whom).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from programs.models import Commitment, FundingProgram
from programs.participation import Rate
from programs.queries import RegionPanels, region_panels
from regions import statements
from regions.coverage import RegionCoverage
from regions.display import baseline_kind_label, format_month, provenance_label
from regions.maps import map_parts
from regions.models import Baseline, Region
from regions.scopes import Scope
from ucj.dashboards.page import CoverageRow, Dashboard, build_dashboard
from ucj.reports import svg
from ucj.reports.pdf import render_pdf


@dataclass(frozen=True)
class PartRow:
    """One part of the region in the report's table: its coverage row and its villages taking part per program."""

    row: CoverageRow
    participation: list[Rate | None]


@dataclass(frozen=True)
class SourceLine:
    """One number's origin: what it is (region, month, kind of number) and where it came from."""

    what: str
    source: str


@dataclass(frozen=True)
class MonevReport:
    dashboard: Dashboard
    panels: RegionPanels | None
    parts: list[PartRow]
    participation_programs: list[FundingProgram]
    sources: list[SourceLine]
    made_at: datetime.datetime
    made_for: str
    link: str
    charts: dict[str, str | None] = field(default_factory=dict)

    @property
    def headline(self) -> RegionCoverage:
        return self.dashboard.headline

    @property
    def title(self) -> str:
        return _("UCJ monitoring and evaluation report: %(region)s, %(month)s") % {
            "region": self.headline.name,
            "month": format_month(self.dashboard.month),
        }

    @property
    def file_name(self) -> str:
        return f"monev-{self.dashboard.download_name()}.pdf"

    @property
    def overdue(self) -> list[Commitment]:
        if self.panels is None:
            return []
        return [c for c in self.panels.commitments if c.pk in self.panels.overdue_ids]

    @property
    def trend_has_bars(self) -> bool:
        """Bars are drawn only for months with a figure for the region as a whole (as on the page)."""
        return any(point.region_wide for point in self.dashboard.report.series)

    @property
    def not_shown_in_ranking(self) -> int:
        """Parts with no coverage this month: they are in the table, not in the ranking chart."""
        whole, partial = svg.ranked(self.dashboard.report.children)
        return len(self.dashboard.report.children) - len(whole) - len(partial)


def build_monev_report(
    scope: Scope, region: Region, raw_month: str | None, made_for: str, link: Callable[[datetime.date], str]
) -> MonevReport:
    """The report of `region` for the month asked (raises page.BadMonth for a month that is not YYYY-MM).

    The caller has checked that the region is in the scope; `link` gives the region page's address for the
    month the report settles on (the month asked, or the page's default).
    """
    dashboard = build_dashboard(scope, region, raw_month)
    panels = region_panels(region)
    programs = [entry.program for entry in panels.participation]
    by_program = [{rate.code: rate for rate in entry.per_kecamatan} for entry in panels.participation]
    parts = [PartRow(row, [rates.get(row.code) for rates in by_program]) for row in dashboard.rows]
    drawn = {
        "trend": svg.trend_svg(dashboard.report.series, dashboard.headline.target),
        "ranking": svg.ranking_svg(dashboard.report.children),
        "map": svg.map_svg(map_parts(dashboard.report)),
    }
    # svg.py escapes every label it writes: the drawings go into the template as they are.
    charts: dict[str, str | None] = {name: mark_safe(drawing) if drawing else None for name, drawing in drawn.items()}
    return MonevReport(
        dashboard=dashboard,
        panels=panels,
        parts=parts,
        participation_programs=programs,
        sources=sources(dashboard, panels),
        made_at=timezone.localtime(),
        made_for=made_for,
        link=link(dashboard.month),
        charts=charts,
    )


def report_html(report: MonevReport) -> str:
    """The report as one self-contained HTML document, in the active language."""
    return render_to_string("reports/monev.html", {"report": report})


def report_pdf(report: MonevReport) -> bytes:
    """The report as an A4 PDF (raises pdf.PdfUnavailable where WeasyPrint cannot run)."""
    return render_pdf(report_html(report))


def sources(dashboard: Dashboard, panels: RegionPanels | None) -> list[SourceLine]:
    """Where every number in the report came from: figures, baselines, targets, programs; each line once."""
    items = [dashboard.headline, *dashboard.report.children]
    baseline_sources = _baseline_sources(items)
    lines: list[SourceLine] = []
    for item in items:
        if item.participants is None:
            continue
        month = format_month(item.figure_month or item.month)
        provenance = statements.provenance_sentence(item)
        if provenance:
            lines.append(SourceLine(_("%(region)s: participants, %(month)s") % {"region": item.name, "month": month},
                                    provenance))  # fmt: skip
        baseline = item.baseline
        if baseline is not None:
            what = _("%(region)s: %(kind)s %(year)d") % {
                "region": item.name,
                "kind": baseline_kind_label(baseline.kind),
                "year": baseline.year,
            }
            if baseline.rolled_up:
                lines.append(SourceLine(what, _("summed from the baselines of the same regions as the participants")))
            else:
                found = baseline_sources.get((item.code, baseline.year, baseline.kind), "")
                lines.append(SourceLine(what, found or provenance_label("entered").capitalize()))
        if item.target is not None:
            what = _("%(region)s: target %(year)d") % {"region": item.name, "year": item.target.year}
            lines.append(SourceLine(what, statements.target_text(item) or _("no source recorded")))
    if panels is not None:
        for program in panels.programs:
            if program.source:
                lines.append(SourceLine(f"{program.name} ({program.year})", program.source))
            if program.reported_source:
                what = _("%(program)s: villages taking part as reported") % {"program": program.name}
                lines.append(SourceLine(what, program.reported_source))
        for meeting in panels.meetings:
            if meeting.source_title or meeting.source_url:
                source = ", ".join(part for part in (meeting.source_title, meeting.source_url) if part)
                lines.append(SourceLine(meeting.title, source))
    seen: set[tuple[str, str]] = set()
    unique = []
    for line in lines:
        if (line.what, line.source) not in seen:
            seen.add((line.what, line.source))
            unique.append(line)
    return unique


def _baseline_sources(items: Sequence[RegionCoverage]) -> dict[tuple[str, int, str], str]:
    """The recorded source of each region's own baseline in force: one query for the region and its parts."""
    wanted = {
        (item.code, item.baseline.year, item.baseline.kind)
        for item in items
        if item.baseline is not None and not item.baseline.rolled_up
    }
    if not wanted:
        return {}
    rows = Baseline.objects.filter(
        region_id__in={code for code, _year, _kind in wanted}, year__in={year for _code, year, _kind in wanted}
    ).values_list("region_id", "year", "kind", "source")
    return {(code, year, kind): source for code, year, kind, source in rows if (code, year, kind) in wanted}
