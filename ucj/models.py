from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import Branch, Region


class Profile(models.Model):
    """What a user is to the tracker: their role and the branch or region it is tied to."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("admin")
        OFFICER = "petugas", _("branch officer")
        OFFICIAL = "pejabat", _("regional official")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("branch")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="officials", verbose_name=_("region")
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="petugas") | Q(branch__isnull=False),
                name="profile_officer_has_branch",
                violation_error_message=_("A branch officer must belong to a branch."),
            ),
            models.CheckConstraint(
                condition=~Q(role="pejabat") | Q(region__isnull=False),
                name="profile_official_has_region",
                violation_error_message=_("A regional official must have a region."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ImportBatch(models.Model):
    """One uploaded spreadsheet: previewed, then applied (or not), and perhaps undone."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("previewed")
        APPLIED = "applied", _("applied")
        UNDONE = "undone", _("undone")

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
    report = models.JSONField(_("report"), default=dict)
    # Regions the import created or renamed, so an undo can put them back.
    region_changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
