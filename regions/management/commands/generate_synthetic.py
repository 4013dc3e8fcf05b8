from __future__ import annotations

import hashlib
import time
from argparse import ArgumentParser
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from regions import rollups
from regions.models import Baseline, Enrolment, Region, Target
from regions.months import add_months
from regions.region_import import NATIONAL_LIST
from regions.statistics import refresh_statistics_now

SOURCE = "SINTETIS: data uji skala nasional buatan generate_synthetic, bukan fakta"
DEFAULT_CSV = NATIONAL_LIST
VILLAGE_KINDS = ("desa", "nagari", "kelurahan", "desa_adat")
BATCH = 10_000


def _unit(code: str, salt: str) -> float:
    """A stable number in [0, 1) for a region: the same synthetic data on every run."""
    digest = hashlib.blake2b(f"{salt}:{code}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _scale(code: str, level: str) -> int:
    """A synthetic number of workers: a kabupaten/kota of 40.000 to 500.000, a village of 300 to 5.000."""
    if level == "regency":
        return 40_000 + int(_unit(code, "baseline") * 460_000)
    return 300 + int(_unit(code, "village") * 4700)


class Command(BaseCommand):
    help = (
        "Load the national region tree and SYNTHETIC figures at national scale for benchmarks: baselines and "
        "targets, monthly enrolment for every kabupaten/kota and every village. Every row says it is synthetic. "
        "Published figures already present are kept."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_CSV, help="the kode,nama region list")
        parser.add_argument("--months", type=int, default=60, help="months of figures for each kabupaten/kota")
        parser.add_argument("--village-months", type=int, default=12, help="months of figures for each village")

    def handle(self, *args: Any, path: Path, months: int, village_months: int, **options: Any) -> None:
        if not path.exists():
            raise CommandError(f"No region list at {path}.", returncode=2)
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("import_regions", str(path), stdout=self.stdout)
        last = add_months(timezone.localdate().replace(day=1), -1)
        regencies = list(Region.objects.filter(kind__in=["kabupaten", "kota"]).values_list("code", flat=True))
        villages = list(Region.objects.filter(kind__in=VILLAGE_KINDS).values_list("code", flat=True))
        provinces = list(Region.objects.filter(kind="provinsi").values_list("code", flat=True))
        years = sorted({add_months(last, -offset).year for offset in range(months)})
        self._say(started, f"{len(regencies)} kabupaten/kota, {len(villages)} villages, years {years[0]}-{years[-1]}")

        with transaction.atomic():
            self._baselines(regencies, villages, years, started)
            self._targets(provinces, regencies, years, started)
            self._enrolment(regencies, months, last, "regency", started)
            self._enrolment(villages, village_months, last, "village", started)
            rollups.rebuild(progress=lambda message: self._say(started, message))
            # A bulk load that bypassed the actions: the planner gets the new tables' statistics at once.
            refresh_statistics_now(Baseline, Target, Enrolment)
        self._say(started, "done")

    def _say(self, started: float, message: str) -> None:
        self.stdout.write(f"[{time.perf_counter() - started:6.1f} s] {message}")
        self.stdout.flush()

    def _baselines(self, regencies: list[str], villages: list[str], years: list[int], started: float) -> None:
        def baseline(code: str, year: int, count: int) -> Baseline:
            return Baseline(region_id=code, year=year, kind="angkatan_kerja", count=count, source=SOURCE)

        rows = [
            baseline(code, year, int(_scale(code, "regency") * (1 + 0.015 * (year - years[0]))))
            for code in regencies
            for year in years
        ]
        # Villages get a baseline for the last year only: earlier years roll up from the kabupaten.
        rows += [baseline(code, years[-1], _scale(code, "village")) for code in villages]
        self._insert(Baseline, rows, "baselines", started)

    def _targets(self, provinces: list[str], regencies: list[str], years: list[int], started: float) -> None:
        rows = [
            Target(region_id=code, year=year, percentage=Decimal(20 + (year - years[0]) * 2), legal_basis=SOURCE)
            for code in provinces
            for year in years
        ]
        rows += [
            Target(
                region_id=code,
                year=years[-1],
                percentage=Decimal(25 + int(_unit(code, "target") * 15)),
                legal_basis=SOURCE,
            )
            for code in regencies
        ]
        self._insert(Target, rows, "targets", started)

    def _enrolment(self, region_codes: list[str], months: int, last: Any, label: str, started: float) -> None:
        for offset in reversed(range(months)):
            month = add_months(last, -offset)
            progress = (months - offset) / months
            rows = []
            for code in region_codes:
                share = 0.08 + _unit(code, "share") * 0.25 + 0.05 * progress
                total = int(_scale(code, label) * share)
                pu, jakon = int(total * 0.6), total // 20
                rows.append(
                    Enrolment(
                        region_id=code,
                        month=month,
                        participants=total,
                        pu=pu,
                        bpu=total - pu - jakon,
                        jakon=jakon,
                        pmi=0,
                        note="synthetic",
                        source=SOURCE,
                    )
                )
            Enrolment.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
            self._say(started, f"enrolment {label} {month:%Y-%m}: {len(rows)} rows")

    def _insert(self, model: Any, rows: list[Any], label: str, started: float) -> None:
        model.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        self._say(started, f"{label}: {len(rows)} rows")
