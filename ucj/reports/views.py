"""The monev report's address: /regions/<code>/report.pdf?month=YYYY-MM, with the region page's scope rule."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regions.links import region_page_link
from regions.scopes import get_region_for_user, request_scope
from ucj.dashboards.page import BadMonth
from ucj.reports.monev import build_monev_report, report_pdf
from ucj.reports.pdf import PdfUnavailable


@require_GET
@login_required
def region_report(request: HttpRequest, code: str) -> HttpResponse:
    # Made in the request: a kabupaten's report takes well under the goal of 2 s (docs/PERFORMANCE.md,
    # "Monev report"), so it needs no worker, progress bar or stored file.
    region = get_region_for_user(request, code)  # 404 outside the user's scope, as on the region page
    user = request.user
    made_for = (user.get_full_name() or user.get_username()) if user.is_authenticated else ""
    try:
        report = build_monev_report(
            request_scope(request),
            region,
            request.GET.get("month"),
            made_for,
            lambda month: region_page_link(region.code, month, request),
        )
    except BadMonth as error:
        return render(request, "ucj/bad_month.html", {"value": str(error)}, status=400)
    try:
        pdf = report_pdf(report)
    except PdfUnavailable:
        return render(request, "reports/unavailable.html", {"region": region}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.file_name}"'
    # The report names its reader and holds figures of their scope: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response
