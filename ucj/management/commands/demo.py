from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ucj.demo import DEFAULT_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = "Migrate the database and load the demo: regions, published facts, branches and users."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--password", help=f"password for the demo users (new users get {DEFAULT_PASSWORD!r})")

    def handle(self, *args: Any, password: str | None, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        regions, outcomes = load_demo(password)
        self.stdout.write(summary(regions.created, regions.updated, outcomes["created"], outcomes["updated"]))
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": password or DEFAULT_PASSWORD})
        for username, role in demo_logins():
            self.stdout.write(f"  {username:<18} {role}")


def summary(regions_created: int, regions_updated: int, created: int, updated: int) -> str:
    """What loading the demo did, in words: a first load only creates, a second changes nothing."""
    if not (regions_created or regions_updated or created or updated):
        return _("Demo data already loaded; nothing changed.")
    if not (regions_updated or updated):
        return _("Demo data loaded: %(regions)d regions and %(created)d records created.") % {
            "regions": regions_created,
            "created": created,
        }
    return _("Demo data loaded: %(regions)d regions new, %(created)d records new, %(updated)d updated.") % {
        "regions": regions_created,
        "created": created,
        "updated": updated + regions_updated,
    }
