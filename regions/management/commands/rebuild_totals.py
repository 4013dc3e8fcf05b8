from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from regions import rollups


class Command(BaseCommand):
    help = "Recompute every pre-rolled total from the raw figures and baselines (after an upgrade or a bulk load)."

    def handle(self, *args: Any, **options: Any) -> None:
        rollups.rebuild(progress=lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS("done"))
