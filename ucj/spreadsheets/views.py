"""Uploading a spreadsheet, previewing it, confirming or discarding it, undoing it; exports and templates."""

from __future__ import annotations

import datetime
import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions.months import MonthError, add_months, parse_month
from regions.scopes import get_region_for_user, request_scope, require_admin_scope
from ucj.jobs import settle
from ucj.jobs import status as job_status
from ucj.models import ImportBatch, ImportRow, Job
from ucj.spreadsheets.apply import write_refusal
from ucj.spreadsheets.downloads import CSV_TYPE, XLSX_TYPE, download
from ucj.spreadsheets.plan import previous_import
from ucj.spreadsheets.raw_export import SHEETS, export_size, figures_csv, figures_workbook, template_workbook
from ucj.spreadsheets.rows import CHANGED, NEW, REJECTED, UNCHANGED
from ucj.tasks import AlreadyRunning, start_job

ROWS_PER_PAGE = 200


@require_http_methods(["GET", "POST"])
@login_required
def imports(request: HttpRequest) -> HttpResponse:
    """The upload form, the uploads in progress, the past imports, templates and exports.

    An upload is only stored here; reading and checking its rows is the
    worker's (ucj/spreadsheets/background.py), and its page shows how far it got.
    """
    require_admin_scope(request)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose an .xlsx file to upload.")
        elif (upload.size or 0) > settings.UCJ_IMPORT_MAX_BYTES:
            error = _("The file is larger than the limit of %(limit)d MB.") % {
                "limit": settings.UCJ_IMPORT_MAX_BYTES // (1024 * 1024)
            }
        else:
            content = upload.read()
            if not zipfile.is_zipfile(io.BytesIO(content)):
                error = _("This is not an .xlsx file (an .xlsx is a zip archive). Save it from Excel as .xlsx.")
            else:
                with transaction.atomic():
                    batch = ImportBatch.objects.create(
                        user=request.user if isinstance(request.user, User) else None,
                        file_name=(upload.name or "upload.xlsx")[:255],
                        sha256=hashlib.sha256(content).hexdigest(),
                        content=content,
                    )
                    start_job(Job.Kind.READ_IMPORT, user=request.user, batch=batch)
                return redirect("import_preview", batch.pk)
    waiting = ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW).select_related("user")
    context = {
        "error": error,
        "waiting": [(batch, _latest_job(batch)) for batch in waiting[:20]],
        "batches": ImportBatch.objects.exclude(status=ImportBatch.Status.PREVIEW).select_related("user")[:50],
        "kinds": [(kind, title) for kind, (title, _headers) in SHEETS.items()],
        "this_month": timezone.localdate().replace(day=1),
        "year_ago": add_months(timezone.localdate().replace(day=1), -11),
    }
    return render(request, "imports/index.html", context, status=400 if error else 200)


def _get_batch_for_admin(request: HttpRequest, batch_id: int, *, previewed: bool = False) -> ImportBatch:
    """An import, to an admin (others get 403); with `previewed`, only one not yet applied or discarded."""
    require_admin_scope(request)
    batches = ImportBatch.objects.select_related("user")
    if previewed:
        batches = batches.filter(status=ImportBatch.Status.PREVIEW)
    return get_object_or_404(batches, pk=batch_id)


@dataclass(frozen=True)
class PreviewPage:
    """One page of an upload's rows, read as one range of an index: the 1000th page costs what the first
    does, and the count is the one the check already made (no COUNT over the rows)."""

    number: int
    num_pages: int
    rows: list[dict[str, Any]]

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def preview_page(rows: QuerySet[ImportRow], order: str, total: int, asked: str | None) -> PreviewPage:
    """The page asked for (the first when it is not a number, the last when it is past the end)."""
    num_pages = max(1, -(-total // ROWS_PER_PAGE))
    number = int(asked) if asked and asked.isdigit() else 1
    number = min(max(number, 1), num_pages)
    first = (number - 1) * ROWS_PER_PAGE
    found = rows.filter(**{f"{order}__gte": first, f"{order}__lt": first + ROWS_PER_PAGE}).order_by(order)
    # values_list, not only(): a related manager's rows would each load their deferred batch_id.
    return PreviewPage(number, num_pages, list(found.values_list("data", flat=True)))


def _latest_job(batch: ImportBatch) -> Job | None:
    job = batch.jobs.select_related("user").first()
    return settle(job) if job else None


@require_GET
@login_required
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The upload's page: the work under way with its progress, or the rows once they are read."""
    batch = _get_batch_for_admin(request, batch_id)
    job = _latest_job(batch)
    read = bool(batch.report)
    status = request.GET.get("status")
    counts = batch.counts
    asked = request.GET.get("page", "")[:10]
    if status in (NEW, CHANGED, UNCHANGED, REJECTED):
        page = preview_page(batch.rows.filter(status=status), "rank", counts.get(status, 0), asked)
    else:
        status = None
        total = sum(counts.get(name, 0) for name in (NEW, CHANGED, UNCHANGED, REJECTED))
        page = preview_page(batch.rows.all(), "position", total, asked)
    context = {
        "batch": batch,
        "job": job,
        "job_status": job_status(job) if job else None,
        "read": read,
        "page": page,
        "rows": page.rows,
        "counts": counts,
        "status": status,
        "notes": batch.report.get("notes", []),
        "changes_anything": counts.get("new", 0) + counts.get("changed", 0) > 0,
        "to_confirm": batch.report.get("to_confirm", 0),
        "earlier": previous_import(batch.sha256) if batch.status == ImportBatch.Status.PREVIEW and read else None,
    }
    return render(request, "imports/preview.html", context)


@require_GET
@login_required
def import_status(request: HttpRequest, batch_id: int) -> JsonResponse:
    """The progress of the upload's latest work, for its page to follow without reloading."""
    batch = _get_batch_for_admin(request, batch_id)
    job = _latest_job(batch)
    if job is None:
        return JsonResponse({"state": "none", "batch_status": batch.status})
    return JsonResponse({**job_status(job), "batch_status": batch.status}, json_dumps_params={"ensure_ascii": False})


def _start(request: HttpRequest, kind: str, batch: ImportBatch, params: dict[str, Any] | None = None) -> None:
    try:
        start_job(kind, user=request.user, batch=batch, params=params)
    except AlreadyRunning:
        messages.info(request, _("This upload already has work waiting or running; its progress is below."))


@require_POST
@login_required
def import_confirm(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _get_batch_for_admin(request, batch_id, previewed=True)
    if not batch.report:
        messages.error(request, _("The rows have not been read yet: wait for the check to finish."))
        return redirect("import_preview", batch.pk)
    only_valid = request.POST.get("mode") == "valid"
    confirmation = request.POST.get("confirmation", "").strip() if request.POST.get("confirm") else ""
    # Said now rather than after the worker checked the whole file again: the preview already knows.
    refusal = write_refusal(
        rejected=bool(batch.counts.get(REJECTED)),
        to_confirm=batch.report.get("to_confirm", 0),
        only_valid=only_valid,
        confirmation=confirmation,
    )
    if refusal:
        messages.error(request, refusal)
        return redirect("import_preview", batch.pk)
    _start(request, Job.Kind.WRITE_IMPORT, batch, {"only_valid": only_valid, "confirmation": confirmation})
    return redirect("import_preview", batch.pk)


@require_POST
@login_required
def import_discard(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _get_batch_for_admin(request, batch_id, previewed=True)
    job = _latest_job(batch)
    if job is not None and job.kind == Job.Kind.WRITE_IMPORT and job.is_active:
        messages.error(request, _("The import is being written; it can be undone once it is done."))
        return redirect("import_preview", batch.pk)
    batch.delete()
    messages.info(request, _("The upload was discarded; nothing was written."))
    return redirect("imports")


@require_POST
@login_required
def import_undo(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _get_batch_for_admin(request, batch_id)
    if batch.status != ImportBatch.Status.APPLIED:
        messages.error(request, _("Only an applied import can be undone."))
    else:
        _start(request, Job.Kind.UNDO_IMPORT, batch)
    return redirect("import_preview", batch.pk)


@require_POST
@login_required
def import_retry(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Run the upload's failed work again, as it was asked (when it failed because the worker died)."""
    batch = _get_batch_for_admin(request, batch_id)
    job = _latest_job(batch)
    if job is None or job.state != Job.State.FAILED or job.refused:
        messages.error(request, _("There is no failed work to run again for this upload."))
    else:
        _start(request, job.kind, batch, job.params)
    return redirect("import_preview", batch.pk)


@require_GET
@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    require_admin_scope(request)
    if kind not in SHEETS:
        raise Http404
    return download(template_workbook(kind), f"template-{SHEETS[kind][0]}.xlsx", XLSX_TYPE)


@dataclass(frozen=True)
class ExportAsked:
    """What an export covers, read from its link (or the form that sends it to the worker)."""

    scope_codes: tuple[str, ...]
    first: datetime.date
    last: datetime.date
    kind: str | None  # one sheet as CSV; None: the workbook of all three
    file_name: str

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.kind,) if self.kind else ("enrolment", "baseline", "target")

    def query(self) -> dict[str, str]:
        asked = {"from": f"{self.first:%Y-%m}", "to": f"{self.last:%Y-%m}"}
        if len(self.scope_codes) == 1:
            asked["region"] = self.scope_codes[0]
        if self.kind:
            asked.update({"format": "csv", "kind": self.kind})
        return asked


def _export_asked(request: HttpRequest, data: QueryDict) -> ExportAsked | HttpResponse:
    """The export the user asked for within their scope, or the page that says what is wrong with the link."""
    scope = request_scope(request)
    if scope.is_empty:
        raise Http404
    region_code = data.get("region")
    scope_codes = (get_region_for_user(request, region_code).code,) if region_code else scope.root_codes
    this_month = timezone.localdate().replace(day=1)
    try:
        first = parse_month(data.get("from") or f"{add_months(this_month, -11):%Y-%m}")
        last = parse_month(data.get("to") or f"{this_month:%Y-%m}")
    except MonthError:
        return render(request, "ucj/bad_month.html", {"value": data.get("from", "")}, status=400)
    name = f"ucj-{'-'.join(scope_codes)}-{first:%Y-%m}-{last:%Y-%m}"
    if data.get("format") == "csv":
        kind = data.get("kind", "enrolment")
        if kind not in ("enrolment", "baseline", "target"):
            raise Http404
        return ExportAsked(scope_codes, first, last, kind, f"{name}-{SHEETS[kind][0]}.csv")
    return ExportAsked(scope_codes, first, last, None, f"{name}.xlsx")


@require_GET
@login_required
def export_figures(request: HttpRequest) -> HttpResponse:
    """Enrolment, baselines and targets of the user's regions (or one region) for a range of months.

    Up to UCJ_EXPORT_IN_REQUEST_ROWS rows the file is written in the request; a larger one (a province's
    workbook took 1,4 s, the largest province's 10 s) is written by the worker, its page showing progress.
    """
    asked = _export_asked(request, request.GET)
    if isinstance(asked, HttpResponse):
        return asked
    limit = settings.UCJ_EXPORT_IN_REQUEST_ROWS
    if export_size(asked.kinds, asked.scope_codes, asked.first, asked.last, limit) > limit:
        return render(request, "imports/export_large.html", {"asked": asked, "limit": limit})
    if asked.kind:
        content = figures_csv(asked.kind, asked.scope_codes, asked.first, asked.last)
        return download(content, asked.file_name, CSV_TYPE)
    return download(figures_workbook(asked.scope_codes, asked.first, asked.last), asked.file_name, XLSX_TYPE)


@require_POST
@login_required
def export_prepare(request: HttpRequest) -> HttpResponse:
    """Queue a large export for the worker, and go to its page."""
    asked = _export_asked(request, request.POST)
    if isinstance(asked, HttpResponse):
        return asked
    params = {
        "query": asked.query(),  # to ask for the same export again
        "scope_codes": list(asked.scope_codes),
        "first": f"{asked.first:%Y-%m}",
        "last": f"{asked.last:%Y-%m}",
        "kind": asked.kind or "",
        "file_name": asked.file_name,
    }
    job = start_job(Job.Kind.EXPORT, user=request.user, params=params)
    return redirect("export_job", job.uid)


def _get_export_for_user(request: HttpRequest, uid: uuid.UUID, *, with_file: bool = False) -> Job:
    """An export is its asker's alone: anyone else, even an admin, is told it does not exist."""
    if not isinstance(request.user, User):
        raise Http404
    jobs = Job.objects.filter(uid=uid, kind=Job.Kind.EXPORT, user=request.user)
    job = (jobs if with_file else jobs.defer("output").annotate(has_file=Q(output__isnull=False))).first()
    if job is None:
        raise Http404
    return settle(job)


@require_GET
@login_required
def export_job(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    job = _get_export_for_user(request, uid)
    again = f"{reverse('export_figures')}?{urlencode(job.params.get('query', {}))}"
    return render(request, "imports/export_job.html", {"job": job, "job_status": job_status(job), "again": again})


@require_GET
@login_required
def export_status(request: HttpRequest, uid: uuid.UUID) -> JsonResponse:
    job = _get_export_for_user(request, uid)
    return JsonResponse(job_status(job), json_dumps_params={"ensure_ascii": False})


@require_GET
@login_required
def export_file(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    job = _get_export_for_user(request, uid, with_file=True)
    if job.state != Job.State.DONE or job.output is None:
        raise Http404
    return download(bytes(job.output), job.output_name, job.output_type)
