from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.display import format_month
from regions.months import MonthError, parse_month
from ucj.notices.messages import format_day
from ucj.notices.models import ReminderSent
from ucj.notices.reminders import SENT, SKIP_REASONS, SKIPPED, Planned, default_month, plan_reminders, send


class Command(BaseCommand):
    help = (
        "Email branch officers the regions that have not reported last month (after the deadline day), the "
        "people and branches responsible for overdue commitments, and the monthly summary to officials who asked "
        "for it; each once per month. Run it daily (docs/DEPLOY.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="print who would get what; send and record nothing")
        parser.add_argument("--month", help="YYYY-MM, the month reminded about; by default last month")
        parser.add_argument("--today", help="YYYY-MM-DD, the day to act as of; by default today in Jakarta")

    def handle(self, *args: Any, dry_run: bool, month: str | None, today: str | None, **options: Any) -> None:
        day = _parse_day(today) if today else timezone.localdate()
        chosen = _parse_month(month) if month else default_month(day)
        plan = plan_reminders(chosen, day)
        self.stdout.write(
            _("Reminders for %(month)s as of %(today)s (deadline %(deadline)s).")
            % {"month": format_month(chosen), "today": format_day(day), "deadline": format_day(plan.deadline)}
        )
        if not plan.after_deadline:
            self.stdout.write(
                _("The deadline has not passed: no reminders of months not reported and no monthly summaries yet.")
            )
        if not plan.items:
            self.stdout.write(_("Nobody to remind."))
            return
        if dry_run:
            for item in plan.items:
                self._describe(item, _("would send") if item.will_send else "")
                if item.will_send:
                    subject = _("Subject")
                    self.stdout.write(_indent(f"{subject}: {item.subject}\n\n{item.body}", "      | "))
            self.stdout.write(
                _("Dry run: %(count)d emails would be sent; nothing was sent or recorded.")
                % {"count": sum(1 for item in plan.items if item.will_send)}
            )
            return
        outcome = send(plan)
        for item, result in outcome.results:
            if result == SENT:
                self._describe(item, _("sent"))
            elif result == SKIPPED:
                self._describe(item, "")
            else:
                self._describe(item, _("FAILED: %(error)s (tried again on the next run)") % {"error": result})
        self.stdout.write(
            _("%(sent)d sent, %(skipped)d not sent, %(failed)d failed.")
            % {"sent": len(outcome.sent), "skipped": len(outcome.skipped), "failed": len(outcome.failed)}
        )
        if outcome.failed:
            raise CommandError(_("Some reminders could not be sent."), returncode=1)

    def _describe(self, item: Planned, what: str) -> None:
        recipient = item.recipient
        address = recipient.address or _("no email address")
        status = what or str(SKIP_REASONS[item.skip])
        self.stdout.write(
            f"[{ReminderSent.Kind(item.kind).label}] {recipient.label} <{address}> ({recipient.language}): {status}"
        )
        for line in item.about:
            self.stdout.write(f"    - {line}")


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.splitlines())


def _parse_month(value: str) -> datetime.date:
    try:
        return parse_month(value)
    except MonthError:
        raise CommandError(
            _("Month %(month)r is not of the form YYYY-MM, e.g. 2025-06.") % {"month": value}, returncode=2
        ) from None


def _parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("Day %(day)r is not of the form YYYY-MM-DD, e.g. 2025-07-15.") % {"day": value}, returncode=2
        ) from None
