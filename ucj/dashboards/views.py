from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from regions.display import format_month
from regions.links import region_page_link
from regions.maps import NOT_REPORTED, PARTIAL, WHOLE, has_map, map_parts
from regions.models import Region
from regions.params import count_param
from regions.scopes import Scope, get_region_for_user, request_scope
from ucj.dashboards.cache import cached, cached_panels, page_key
from ucj.dashboards.page import BadMonth, Dashboard, breadcrumb, build_dashboard
from ucj.dashboards.tables import coverage_table, provenance_legend
from ucj.reports.pdf import pdf_available
from ucj.spreadsheets.downloads import CSV_TYPE, XLSX_TYPE, csv_text, download, xlsx_bytes

ROWS_PER_PAGE = 25


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if scope.is_empty:
        return render(request, "ucj/no_scope.html", status=403)
    return _dashboard_page(request, None)


@require_GET
@login_required
def region(request: HttpRequest, code: str) -> HttpResponse:
    return _dashboard_page(request, code)


@require_GET
def region_coverage_api(request: HttpRequest, code: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Sign in first.")}, status=401)
    try:
        region = get_region_for_user(request, code)
    except Http404:
        return JsonResponse({"error": _("No such region.")}, status=404)
    scope = request_scope(request)

    def answer() -> dict[str, Any]:
        dashboard = build_dashboard(scope, region, request.GET.get("month"))
        return {**dashboard.report.as_json(), "summary": dashboard.summary(_share_link(request, dashboard))}

    try:
        data = cached(page_key(request, "api"), answer)
    except BadMonth:
        return JsonResponse({"error": _("The month must be written YYYY-MM, for example 2025-06.")}, status=400)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
@login_required
def region_map(request: HttpRequest, code: str) -> HttpResponse:
    """The region's parts as GeoJSON, each with its coverage for the month: what the page's map draws."""
    region = get_region_for_user(request, code)
    scope = request_scope(request)
    try:
        data = cached(page_key(request, "map"), lambda: _map_data(scope, region, request.GET.get("month")))
    except BadMonth:
        return JsonResponse({"error": _("The month must be written YYYY-MM, for example 2025-06.")}, status=400)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _map_data(scope: Scope, region: Region, raw_month: str | None) -> dict[str, Any]:
    dashboard = build_dashboard(scope, region, raw_month)
    features = [
        part.as_feature(reverse("region", args=[part.code]) if scope.contains(part.code) else None)
        for part in map_parts(dashboard.report)
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "legend": {
            WHOLE: _("Coverage (%)"),
            PARTIAL: _("only some parts reported"),
            NOT_REPORTED: _("not reported"),
        },
    }


@dataclass(frozen=True)
class RenderedPage:
    """A dashboard's part that is the same for everyone with the same scope: its content, or a download."""

    content: str | bytes
    title: str = ""
    file_name: str = ""
    content_type: str = ""


def _dashboard_page(request: HttpRequest, code: str | None) -> HttpResponse:
    scope = request_scope(request)
    region = get_region_for_user(request, code) if code else None
    try:
        page = cached(page_key(request, "dashboard"), lambda: _rendered(request, scope, region))
    except BadMonth as error:
        return render(request, "ucj/bad_month.html", {"value": str(error)}, status=400)
    if page.file_name:
        return download(page.content, page.file_name, page.content_type)
    # The content is our own template's output, escaped where it was rendered.
    return render(request, "ucj/dashboard.html", {"body": mark_safe(str(page.content)), "title": page.title})


def _share_link(request: HttpRequest, dashboard: Dashboard) -> str:
    return region_page_link(dashboard.region.code if dashboard.region else None, dashboard.month, request)


def _rendered(request: HttpRequest, scope: Scope, region: Region | None) -> RenderedPage:
    """Build the dashboard and render what it shows (or the download it was asked for)."""
    dashboard = build_dashboard(scope, region, request.GET.get("month"))
    added = count_param(request, "tambah")
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        headers, rows = dashboard.download_table()
        if export == "csv":
            return RenderedPage(
                csv_text(headers, rows), file_name=f"{dashboard.download_name()}.csv", content_type=CSV_TYPE
            )
        workbook = xlsx_bytes([(dashboard.download_title(), headers, rows)])
        return RenderedPage(workbook, file_name=f"{dashboard.download_name()}.xlsx", content_type=XLSX_TYPE)
    table = coverage_table(dashboard.rows)
    RequestConfig(request, paginate={"per_page": ROWS_PER_PAGE}).configure(table)
    context = {
        "dashboard": dashboard,
        "words": dashboard.words(),
        "table": table,
        "marks": provenance_legend(),
        "breadcrumb": breadcrumb(dashboard.region, scope) if region and dashboard.region else [],
        "panels": cached_panels(request, dashboard.region) if dashboard.region else None,
        "has_map": bool(dashboard.region and has_map(dashboard.region.code)),
        "added": added,
        "what_if": dashboard.what_if(added),
        "summary": dashboard.summary(_share_link(request, dashboard)),
        "today": timezone.localdate(),
        "pdf_available": pdf_available(),
    }
    content = render_to_string("ucj/dashboard_body.html", context, request)
    return RenderedPage(content, title=f"{dashboard.headline.name} · {format_month(dashboard.month)}")
