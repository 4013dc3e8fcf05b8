from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.models import Person


class ReminderSent(models.Model):
    """One email of one kind for one month to one recipient: a user or a person named in a commitment.

    The row is written before the email goes out (and removed if sending fails), so that two runs of
    send_reminders at once, or a second run the same month, never send it twice.
    """

    class Kind(models.TextChoices):
        MISSING_FIGURES = "missing", _("months not reported")
        OVERDUE_COMMITMENTS = "overdue", _("overdue commitments")
        MONTHLY_SUMMARY = "summary", _("monthly summary")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # The month the reminders are about: the reporting month (the first of the month).
    month = models.DateField(_("month"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("user")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("person"))
    address = models.EmailField(_("email address"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, person__isnull=True) | Q(user__isnull=True, person__isnull=False),
                name="reminder_to_a_user_or_a_person",
            ),
            models.UniqueConstraint(
                fields=["kind", "month", "user"], condition=Q(user__isnull=False), name="reminder_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["kind", "month", "person"], condition=Q(person__isnull=False), name="reminder_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.address}"
