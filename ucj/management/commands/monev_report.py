from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from regions import codes
from regions.links import region_page_link
from regions.models import Profile, Region
from regions.scopes import Scope, scope_for
from ucj.dashboards.page import BadMonth
from ucj.reports.monev import build_monev_report, report_pdf
from ucj.reports.pdf import PdfUnavailable


class Command(BaseCommand):
    help = "Write a region's monev report for a month as an A4 PDF (the same as /regions/<code>/report.pdf)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("code", help="Kemendagri code, e.g. 13.02")
        parser.add_argument("--month", help="YYYY-MM; by default the latest month with a region-wide figure")
        parser.add_argument("--output", required=True, help="the PDF file to write")
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES], default=settings.LANGUAGE_CODE
        )
        parser.add_argument("--user", help="make it as this user would see it (their scope, their name on it)")

    def handle(self, *args: Any, code: str, month: str | None, output: str, language: str, **options: Any) -> None:
        with translation.override(language):
            self._write(code.strip(), month, Path(output), options.get("user"))

    def _write(self, code: str, month: str | None, output: Path, username: str | None) -> None:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise CommandError(_("Unknown region code %(code)r.") % {"code": code}, returncode=2)
        scope, made_for = self._scope(username)
        if not scope.contains(region.code):
            raise CommandError(
                _("%(user)s may not see %(region)s.") % {"user": username, "region": region.name}, returncode=2
            )
        try:
            report = build_monev_report(
                scope, region, month, made_for, lambda chosen: region_page_link(region.code, chosen)
            )
        except BadMonth:
            raise CommandError(
                _("Month %(month)r is not of the form YYYY-MM, e.g. 2025-06.") % {"month": month}, returncode=2
            ) from None
        try:
            pdf = report_pdf(report)
        except PdfUnavailable as error:
            raise CommandError(
                _(
                    "PDF output is unavailable: WeasyPrint or the system libraries it needs (Pango) are missing "
                    '(%(reason)s). See the README, section "PDF reports".'
                )
                % {"reason": error},
                returncode=3,
            ) from None
        output.write_bytes(pdf)
        self.stdout.write(
            _("%(file)s: %(title)s (%(size)d kB)") % {"file": output, "title": report.title, "size": len(pdf) // 1024}
        )

    def _scope(self, username: str | None) -> tuple[Scope, str]:
        """The scope the report is made for: a named user's, or, from the command line, the whole country."""
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(_("Unknown user %(user)r.") % {"user": username}, returncode=2)
            return scope_for(user), user.get_full_name() or user.username
        country = Region.objects.filter(code=codes.COUNTRY_CODE).first()
        scope = Scope((country,) if country else (), country.name if country else "", Profile.Role.ADMIN)
        return scope, ""  # no reader to name: the report says only when it was made
