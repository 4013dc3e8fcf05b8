from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One uploaded spreadsheet: previewed, then applied (or not), and perhaps undone."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("previewed")
        APPLIED = "applied", _("applied")
        UNDONE = "undone", _("undone")
        # Confirmed, but by then every row already matched the database: nothing was written.
        NOTHING = "nothing", _("nothing to change")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("who")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    only_valid_rows = models.BooleanField(_("only the valid rows"), default=False)
    # The uploaded bytes, kept between the preview and the confirmation, then dropped.
    content = models.BinaryField(null=True, blank=True, editable=False)
    counts = models.JSONField(_("counts"), default=dict)
    # Once the rows are read: the notes on the file and how many rows need the admin's confirmation.
    # The rows themselves are ImportRow records, so a page of the preview reads only its own rows.
    report = models.JSONField(_("report"), default=dict)
    # Regions the import created or renamed, so an undo can put them back.
    region_changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ImportRow(models.Model):
    """One row of an upload as the check found it: new, changed (with the old values), unchanged or rejected."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    # The preview's order: rejected rows first (what the admin has to act on), then by sheet and row;
    # `rank` is the same order among the rows of one status. A page of either is a range of one index.
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=10)
    rank = models.PositiveIntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="import_row_position"),
            models.UniqueConstraint(fields=["batch", "status", "rank"], name="import_row_status_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.data.get('sheet')}!{self.data.get('row')} ({self.status})"


class Job(models.Model):
    """Long work the worker does off the request (ucj/jobs.py), and what its page shows while it runs.

    Progress while running lives in the jobs cache (the worker's heartbeat);
    this row holds the state, the outcome, and the last counts once it ends.
    """

    class Kind(models.TextChoices):
        READ_IMPORT = "read_import", _("reading and checking an upload")
        WRITE_IMPORT = "write_import", _("writing an import")
        UNDO_IMPORT = "undo_import", _("undoing an import")
        EXPORT = "export", _("preparing an export")

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("who")
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs", verbose_name=_("import")
    )
    # What the work needs besides the batch (the admin's confirmation reason, "only valid rows").
    params = models.JSONField(default=dict, blank=True)
    # The language of the person who asked: the messages the work writes are in it.
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    # The outcome in the asker's words: what was written, or why nothing was.
    message = models.TextField(_("message"), blank=True)
    # Failed because what was asked cannot be done (a damaged file, rejected rows), not because the worker
    # died: running it again would fail the same way.
    refused = models.BooleanField(default=False)
    # An export's file, kept for the person who asked for it (its page offers the download).
    output = models.BinaryField(null=True, blank=True, editable=False)
    output_name = models.CharField(max_length=200, blank=True)
    output_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
