from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Everything a restore needs; the pre-rolled totals are left out and rebuilt from the figures.
MODELS = ["auth.group", "auth.user", "regions", "programs", "ucj"]
DERIVED = ["regions.RollupTotal", "regions.BaselineTotal"]


class Command(BaseCommand):
    help = "Export every record (users, regions, figures, history, programs, meetings, imports) to one JSON-lines file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path, help="the file to write, e.g. ucj-2026-11-22.jsonl")

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        call_command(
            "dumpdata", *MODELS, *(f"--exclude={model}" for model in DERIVED), format="jsonl", output=str(path),
            verbosity=0,
        )  # fmt: skip
        lines = sum(1 for _ in path.open(encoding="utf-8"))
        self.stdout.write(f"{lines} records written to {path}.")
