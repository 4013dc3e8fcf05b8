from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regions.boundaries import SHIPPED, BoundaryFileError, load_boundaries


class Command(BaseCommand):
    help = "Load region boundaries for the maps (default: the simplified ones shipped in data/boundaries/)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "paths", type=Path, nargs="*", help="GeoJSON files (.geojson or .geojson.gz), kode per feature"
        )

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        try:
            result = load_boundaries(paths or SHIPPED)
        except BoundaryFileError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            _("Boundaries: %(loaded)d regions have a map shape; %(skipped)d shapes name no region in the tree.")
            % {"loaded": result.loaded, "skipped": result.without_region}
        )
