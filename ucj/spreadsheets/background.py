"""An upload's long work, as the worker runs it: read and check it, write it after the admin confirms, undo it.

Each step takes the admin who asked and judges their rights as they are now,
not as they were at the upload. Writing and undoing are one transaction each
(apply.py), with the import's row locked, so a worker that dies leaves
nothing half-written and two workers can never write the same import.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.display import format_count
from regions.months import parse_month
from regions.scopes import Scope, scope_for
from ucj.jobs import JobRefused
from ucj.models import ImportBatch, Job
from ucj.progress import EXPORTING, Progress
from ucj.spreadsheets.apply import ImportRefused, apply_plan, undo_import
from ucj.spreadsheets.downloads import CSV_TYPE, XLSX_TYPE
from ucj.spreadsheets.plan import ImportPlan, plan_import, save_preview
from ucj.spreadsheets.raw_export import export_size, figures_csv, figures_workbook
from ucj.spreadsheets.workbook import FileRejected


def _admin_scope(job: Job) -> Scope:
    user: User | AnonymousUser = job.user or AnonymousUser()
    scope = scope_for(user)
    if not scope.is_admin:
        raise JobRefused(_("Only an admin may import; %(user)s is not one (any more).") % {"user": user})
    return scope


def _plan(batch: ImportBatch, scope: Scope, progress: Progress) -> ImportPlan:
    try:
        return plan_import(bytes(batch.content or b""), batch.file_name, scope, progress=progress)
    except FileRejected as rejected:
        raise JobRefused(str(rejected)) from rejected


def read_upload(job: Job, progress: Progress) -> str:
    """Read and check every row; the preview shows the outcome. Writes only the import's own record."""
    batch = _batch(job)
    plan = _plan(batch, _admin_scope(job), progress)
    save_preview(batch, plan, progress)
    return ""


def write_import(job: Job, progress: Progress) -> str:
    """Check the file again (the database may have moved since the preview) and write it, all in one go."""
    scope = _admin_scope(job)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=_batch(job).pk)
        if batch.status != ImportBatch.Status.PREVIEW:
            status = batch.get_status_display()
            raise JobRefused(_("This upload is no longer waiting to be written (%(status)s).") % {"status": status})
        plan = _plan(batch, scope, progress)
        if not plan.changes_anything:
            batch.status = ImportBatch.Status.NOTHING
            batch.content = None
            batch.counts = plan.counts
            batch.save(update_fields=["status", "content", "counts"])
            return _("Nothing to change: every row already matches the database.")
        try:
            counts = apply_plan(
                plan,
                batch,
                job.user,
                only_valid=bool(job.params.get("only_valid")),
                confirmation=str(job.params.get("confirmation", "")),
                progress=progress,
            )
        except ImportRefused as refused:
            raise JobRefused(str(refused)) from refused
    return _("Imported: %(created)s created, %(updated)s updated.") % {
        "created": format_count(counts["created"]),
        "updated": format_count(counts["updated"]),
    }


def undo(job: Job, progress: Progress) -> str:
    _admin_scope(job)
    try:
        count = undo_import(_batch(job), job.user, progress=progress)
    except ImportRefused as refused:
        raise JobRefused(str(refused)) from refused
    return _("The import was undone: %(count)s figures put back.") % {"count": format_count(count)}


def _batch(job: Job) -> ImportBatch:
    if job.batch is None:
        raise JobRefused(_("The upload this work was for has been discarded."))
    return job.batch


EXPORT_KEPT = datetime.timedelta(days=7)


def prepare_export(job: Job, progress: Progress) -> str:
    """Write a large export's file for the person who asked (their scope was checked when they asked)."""
    params = job.params
    scope_codes = tuple(params["scope_codes"])
    first, last = parse_month(params["first"]), parse_month(params["last"])
    kind = params.get("kind")
    kinds = (kind,) if kind else ("enrolment", "baseline", "target")
    progress.step(EXPORTING, export_size(kinds, scope_codes, first, last))
    if kind:
        content: bytes = figures_csv(kind, scope_codes, first, last, progress.advance).encode("utf-8")
        job.output_type = CSV_TYPE
    else:
        content = figures_workbook(scope_codes, first, last, progress.advance)
        job.output_type = XLSX_TYPE
    job.output = content
    job.output_name = params["file_name"]
    job.save(update_fields=["output", "output_name", "output_type"])
    # Files are kept for a week: long enough to come back for, not a second copy of the database.
    Job.objects.filter(kind=Job.Kind.EXPORT, finished_at__lt=timezone.now() - EXPORT_KEPT).exclude(output=None).update(
        output=None
    )
    return _("The file %(name)s is ready (%(size)s KB).") % {
        "name": job.output_name,
        "size": format_count(max(1, len(content) // 1024)),
    }
