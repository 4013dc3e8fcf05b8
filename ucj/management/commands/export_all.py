from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Everything a restore needs, with the admin's own log of what it changed; the pre-rolled totals are
# left out and rebuilt from the figures. Content types and permissions are created by the migrations
# of the database restored into, so references to them (and to users) are written by name, not by id.
# The log of reminders sent goes too: a restored database must not email everyone again the same month.
MODELS = ["auth.group", "auth.user", "admin.logentry", "regions", "programs", "ucj", "notices"]
DERIVED = ["regions.RollupTotal", "regions.BaselineTotal"]


class Command(BaseCommand):
    help = (
        "Export every record (users, the admin log, regions, figures, history, programs, meetings, imports, "
        "reminders sent) "
        "to one JSON-lines file, timestamps to the microsecond."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="the file to write, e.g. ucj-2026-11-22.jsonl")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        call_command(
            "dumpdata", *MODELS, *(f"--exclude={model}" for model in DERIVED), format="jsonl-exact",
            output=str(path), use_natural_foreign_keys=True, verbosity=0,
        )  # fmt: skip
        lines = sum(1 for _ in path.open(encoding="utf-8"))
        self.stdout.write(f"{lines} records written to {path}.")
