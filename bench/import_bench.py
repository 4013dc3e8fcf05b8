"""Import benchmark: a synthetic 100.000-row enrolment workbook over the national region tree.

Prints, for SQLite and for PostgreSQL: the time openpyxl (read-only) takes just
to read the workbook, the dry run (read + check against the database) and the
commit (read + check + write + history), and how the last two compare with the
bare read. The goal: dry run + commit within 3x the bare read.

    .venv/bin/python bench/import_bench.py                 # both databases
    .venv/bin/python bench/import_bench.py --only sqlite   # one of them

Every figure it writes is synthetic and says so in its note. It uses its own
databases (a SQLite file under /tmp and a PostgreSQL database ucj_bench), never
the app's or the tests'.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import empty_database, worker_env  # bench/ is not a package: its folder is on the path

ROOT = Path(__file__).resolve().parent.parent
NATIONAL_CSV = ROOT / "data" / "wilayah-kepmendagri-2025.csv"
DATABASES = {
    "sqlite": "sqlite:////tmp/ucj-bench-import.sqlite3",
    "postgresql": "postgres://postgres@127.0.0.1:5432/ucj_bench",
}
ROWS = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(DATABASES))
    parser.add_argument("--csv", type=Path, default=NATIONAL_CSV, help="the national kode,nama region list")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run(args.csv)
        return
    for name, url in DATABASES.items():
        if args.only and name != args.only:
            continue
        print(f"== {name}", flush=True)
        empty_database(url)
        env = worker_env(url)
        subprocess.run([sys.executable, __file__, "--worker", "--csv", str(args.csv)], env=env, check=True, cwd=ROOT)


def workbook(region_codes: list[str], months: list[str] | str, per_month: int | None = None) -> bytes:
    """A synthetic kepesertaan sheet: the codes in order, `per_month` rows for each month in turn."""
    from openpyxl import Workbook

    months = [months] if isinstance(months, str) else months
    per_month = per_month or len(region_codes)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("kepesertaan")
    sheet.append(["kode_wilayah", "wilayah", "periode", "peserta_aktif", "pu", "bpu", "jakon", "pmi", "catatan"])
    for index, code in enumerate(region_codes):
        participants = 100 + (index * 7919) % 5000
        pu = participants // 2
        row = [
            code,
            "",
            months[index // per_month],
            participants,
            pu,
            participants - pu,
            0,
            0,
            "synthetic benchmark figure",
        ]
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(csv_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import load_workbook

    from regions.models import Region
    from ucj.spreadsheets.apply import import_now
    from ucj.spreadsheets.plan import plan_import

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_regions", str(csv_path), verbosity=0)
    print(f"setup (migrate + {Region.objects.count():,} regions): {time.perf_counter() - started:.1f} s")

    codes = list(
        Region.objects.filter(kind__in=["kelurahan", "desa", "nagari", "desa_adat", "kecamatan", "kabupaten", "kota"])
        .order_by("code")
        .values_list("code", flat=True)
    )
    months = ["2025-06", "2025-05"]
    content = workbook([codes[index % len(codes)] for index in range(ROWS)], months, len(codes))
    print(f"workbook: {ROWS:,} rows, {len(content) / 1e6:.1f} MB")

    started = time.perf_counter()
    read_only = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _ in read_only["kepesertaan"].iter_rows(values_only=True))
    read_only.close()
    bare = time.perf_counter() - started
    print(f"bare openpyxl read-only read ({count:,} rows): {bare:.2f} s")

    started = time.perf_counter()
    plan = plan_import(content, "synthetic-benchmark.xlsx", None)
    dry = time.perf_counter() - started
    print(f"dry run ({plan.counts}): {dry:.2f} s = {dry / bare:.2f}x the bare read")

    started = time.perf_counter()
    batch = import_now(plan_import(content, "synthetic-benchmark.xlsx", None), "synthetic-benchmark.xlsx", None)
    assert batch is not None, "the synthetic rows matched the database: nothing to time"
    commit = time.perf_counter() - started
    print(f"commit (read + check + write, {batch.counts['created']:,} created): {commit:.2f} s = {commit / bare:.2f}x")
    total = (dry + commit) / bare
    verdict = "met" if total <= 3 else "MISSED"
    print(f"dry run + commit: {dry + commit:.2f} s = {total:.2f}x the bare read (goal 3x: {verdict})")

    # National scale through the same engine: one month for every kabupaten/kota, then for every village.
    for label, kinds in (
        ("kabupaten/kota", ["kabupaten", "kota"]),
        ("villages", ["kelurahan", "desa", "nagari", "desa_adat"]),
    ):
        level_codes = list(Region.objects.filter(kind__in=kinds).order_by("code").values_list("code", flat=True))
        content = workbook(level_codes, "2025-04")
        started = time.perf_counter()
        batch = import_now(plan_import(content, f"synthetic-{label}.xlsx", None), f"synthetic-{label}.xlsx", None)
        assert batch is not None, "the synthetic rows matched the database: nothing to time"
        elapsed = time.perf_counter() - started
        print(f"one month for all {len(level_codes):,} {label}: {elapsed:.2f} s ({batch.counts['created']:,} created)")


if __name__ == "__main__":
    main()
