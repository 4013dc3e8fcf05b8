from __future__ import annotations

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
