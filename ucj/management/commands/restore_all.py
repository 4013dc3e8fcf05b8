from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from regions import rollups
from regions.models import Region


class Command(BaseCommand):
    help = "Restore an export_all file into an empty database (migrating it first), then rebuild the totals."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.exists():
            raise CommandError(f"No export at {path}.", returncode=2)
        call_command("migrate", interactive=False, verbosity=0)
        if Region.objects.exists() or get_user_model().objects.exists():
            raise CommandError("The database is not empty: restore only into a new, empty database.", returncode=1)
        with transaction.atomic():
            call_command("loaddata", str(path), verbosity=0)
            rollups.rebuild()
        self.stdout.write(f"Restored {path}: {Region.objects.count()} regions; totals rebuilt.")
