from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from programs.queries import region_panels
from regions.display import format_month
from ucj.dashboards import BadMonth, Dashboard, breadcrumb, build_dashboard, export_table
from ucj.exports import csv_response, xlsx_response
from ucj.scopes import get_region_for_user, request_scope
from ucj.tables import CoverageTable

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
    try:
        dashboard = build_dashboard(request_scope(request), region, request.GET.get("month"))
    except BadMonth:
        return JsonResponse({"error": _("The month must be written YYYY-MM, for example 2025-06.")}, status=400)
    return JsonResponse(dashboard.report.as_json(), json_dumps_params={"ensure_ascii": False})


def _dashboard_page(request: HttpRequest, code: str | None) -> HttpResponse:
    scope = request_scope(request)
    region = get_region_for_user(request, code) if code else None
    try:
        dashboard = build_dashboard(scope, region, request.GET.get("month"))
    except BadMonth as error:
        return render(request, "ucj/bad_month.html", {"value": str(error)}, status=400)

    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return _download(dashboard, export)

    table = CoverageTable(dashboard.rows)
    RequestConfig(request, paginate={"per_page": ROWS_PER_PAGE}).configure(table)
    context = {
        "dashboard": dashboard,
        "table": table,
        "breadcrumb": breadcrumb(dashboard.region, scope) if code and dashboard.region else [],
        "panels": region_panels(dashboard.region) if dashboard.region else None,
        "today": timezone.localdate(),
    }
    return render(request, "ucj/dashboard.html", context)


def _download(dashboard: Dashboard, export: str) -> HttpResponse:
    headers, rows = export_table([dashboard.headline_row(), *dashboard.rows])
    name = f"ucj-{dashboard.region.code if dashboard.region else 'cabang'}-{dashboard.month:%Y-%m}"
    if export == "csv":
        return csv_response(name, headers, rows)
    title = f"{dashboard.headline.name} {format_month(dashboard.month)}"
    return xlsx_response(name, title, headers, rows)
