from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.region_import import NATIONAL_LIST, RegionFileError, import_regions, read_region_csv


class Command(BaseCommand):
    help = "Load or update the region tree from a Kemendagri kode,nama CSV file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "path",
            type=Path,
            nargs="?",
            default=NATIONAL_LIST,
            help="CSV file with the header kode,nama (default: the national list shipped in data/)",
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            rows = read_region_csv(path)
        except RegionFileError as error:
            raise CommandError(str(error), returncode=2) from error
        result = import_regions(rows)
        if result.errors:
            for problem in result.errors:
                self.stderr.write(problem)
            raise CommandError(
                _("%(count)d problems in %(path)s; nothing was saved.") % {"count": len(result.errors), "path": path}
            )
        if not result.changed_anything:
            self.stdout.write(
                _("No changes: all %(count)d regions are already up to date.") % {"count": result.unchanged}
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Regions: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
