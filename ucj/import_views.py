"""Uploading a spreadsheet, previewing it, confirming or discarding it, undoing it; exports and templates."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions.months import MonthError, add_months, parse_month
from ucj.exports import XLSX_TYPE
from ucj.models import ImportBatch
from ucj.scopes import get_region_for_user, request_scope, require_admin_scope
from ucj.spreadsheets.export import SHEETS, figures_csv, figures_workbook, template_workbook
from ucj.spreadsheets.plan import REJECTED, ImportRefused, apply_plan, plan_import, previous_import, undo_import
from ucj.spreadsheets.workbook import FileRejected

ROWS_PER_PAGE = 200


@require_http_methods(["GET", "POST"])
@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """The upload form, the past imports, templates and exports."""
    scope = require_admin_scope(request)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose an .xlsx file to upload.")
        elif upload.size > settings.UCJ_IMPORT_MAX_BYTES:
            error = _("The file is larger than the limit of %(limit)d MB.") % {
                "limit": settings.UCJ_IMPORT_MAX_BYTES // (1024 * 1024)
            }
        else:
            content = upload.read()
            try:
                plan = plan_import(content, upload.name, scope)
            except FileRejected as rejected:
                error = str(rejected)
            else:
                batch = ImportBatch.objects.create(
                    user=request.user,
                    file_name=upload.name[:255],
                    sha256=plan.sha256,
                    content=content,
                    counts=plan.counts,
                    report=plan.report(),
                )
                return redirect("import_preview", batch.pk)
    context = {
        "error": error,
        "batches": ImportBatch.objects.exclude(status=ImportBatch.Status.PREVIEW).select_related("user")[:50],
        "kinds": [(kind, title) for kind, (title, _headers) in SHEETS.items()],
        "this_month": timezone.localdate().replace(day=1),
        "year_ago": add_months(timezone.localdate().replace(day=1), -11),
    }
    return render(request, "imports/index.html", context, status=400 if error else 200)


@require_GET
@login_required
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    require_admin_scope(request)
    batch = get_object_or_404(ImportBatch.objects.select_related("user"), pk=batch_id)
    rows = batch.report.get("rows", [])
    status = request.GET.get("status")
    shown = [row for row in rows if row["status"] == status] if status else rows
    # Rejected rows first: they are what the admin has to act on.
    shown = sorted(shown, key=lambda row: (row["status"] != REJECTED, row["sheet"], row["row"]))
    page = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    counts = batch.counts
    context = {
        "batch": batch,
        "page": page,
        "counts": counts,
        "status": status,
        "notes": batch.report.get("notes", []),
        "changes_anything": counts.get("new", 0) + counts.get("changed", 0) > 0,
        "earlier": previous_import(batch.sha256) if batch.status == ImportBatch.Status.PREVIEW else None,
    }
    return render(request, "imports/preview.html", context)


@require_POST
@login_required
def import_confirm(request: HttpRequest, batch_id: int) -> HttpResponse:
    scope = require_admin_scope(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id, status=ImportBatch.Status.PREVIEW)
    only_valid = request.POST.get("mode") == "valid"
    # The file is checked again now: the database may have moved since the preview.
    plan = plan_import(bytes(batch.content), batch.file_name, scope)
    if not plan.changes_anything:
        batch.delete()
        messages.info(request, _("Nothing to change: every row already matches the database."))
        return redirect("imports")
    try:
        counts = apply_plan(plan, batch, request.user, only_valid=only_valid)
    except ImportRefused as refused:
        messages.error(request, str(refused))
        return redirect("import_preview", batch.pk)
    messages.success(
        request,
        _("Imported: %(created)d created, %(updated)d updated.")
        % {"created": counts["created"], "updated": counts["updated"]},
    )
    return redirect("import_preview", batch.pk)


@require_POST
@login_required
def import_discard(request: HttpRequest, batch_id: int) -> HttpResponse:
    require_admin_scope(request)
    get_object_or_404(ImportBatch, pk=batch_id, status=ImportBatch.Status.PREVIEW).delete()
    messages.info(request, _("The upload was discarded; nothing was written."))
    return redirect("imports")


@require_POST
@login_required
def import_undo(request: HttpRequest, batch_id: int) -> HttpResponse:
    require_admin_scope(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    try:
        count = undo_import(batch, request.user)
    except ImportRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The import was undone: %(count)d figures put back.") % {"count": count})
    return redirect("import_preview", batch.pk)


@require_GET
@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    require_admin_scope(request)
    if kind not in SHEETS:
        raise Http404
    response = HttpResponse(template_workbook(kind), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="template-{SHEETS[kind][0]}.xlsx"'
    return response


@require_GET
@login_required
def export_figures(request: HttpRequest) -> HttpResponse:
    """Enrolment, baselines and targets of the user's regions (or one region) for a range of months."""
    scope = request_scope(request)
    if scope.is_empty:
        raise Http404
    region_code = request.GET.get("region")
    scope_codes = (get_region_for_user(request, region_code).code,) if region_code else scope.root_codes
    this_month = timezone.localdate().replace(day=1)
    try:
        first = parse_month(request.GET.get("from") or f"{add_months(this_month, -11):%Y-%m}")
        last = parse_month(request.GET.get("to") or f"{this_month:%Y-%m}")
    except MonthError:
        return render(request, "ucj/bad_month.html", {"value": request.GET.get("from", "")}, status=400)
    name = f"ucj-{'-'.join(scope_codes)}-{first:%Y-%m}-{last:%Y-%m}"
    if request.GET.get("format") == "csv":
        kind = request.GET.get("kind", "enrolment")
        if kind not in ("enrolment", "baseline", "target"):
            raise Http404
        response = HttpResponse(figures_csv(kind, scope_codes, first, last), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-{SHEETS[kind][0]}.csv"'
        return response
    response = HttpResponse(figures_workbook(scope_codes, first, last), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
