"""Export and history benchmark at national scale: with tables freshly loaded and NOT analysed, then after ANALYZE.

Needs the national-scale database bench/pages_bench.py leaves behind
(ucj_bench_pages, about 1 M SYNTHETIC enrolment rows). If the history holds
fewer than 1 M changes it first adds one SYNTHETIC history row per enrolment
figure ("created by import", reason saying it is synthetic), in the order of
the months, as the imports that loaded them would have.

"Not analysed" is the state of tables right after a bulk load with autovacuum
off (check `SHOW autovacuum`): the bench deletes the tables' rows in
pg_statistic and sets pg_class.reltuples = -1, relpages = 0, as a table has
before its first VACUUM or ANALYZE. Then it times, in process through all
middleware (production settings), interleaved with the floor (/entry/):

- the raw-figures export (/exports/figures/, the default 12 months) of
  kabupaten 13.02, province 13 and the largest province, 33 (8.563 villages),
  as the xlsx workbook and as the enrolment CSV, with the rows it holds;
- the history page of the country and of a village (13.02.10.2001), first page.

Then ANALYZE on every table and the same again.

    .venv/bin/python bench/export_history_bench.py
    .venv/bin/python bench/export_history_bench.py --runs 10 --database-url postgres://postgres@127.0.0.1:5432/ucj_bench_pages

Goals (issue 14): export of a province <= 1 s whatever the statistics; history
of the country <= 2x the floor.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import p95, wait_for_quiet, worker_env  # bench/ is not a package: its folder is on the path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "/entry/"
EXPORTS = [
    ("export kabupaten 13.02, xlsx", "/exports/figures/?region=13.02"),
    ("export kabupaten 13.02, csv", "/exports/figures/?region=13.02&format=csv"),
    ("export province 13, xlsx", "/exports/figures/?region=13"),
    ("export province 13, csv", "/exports/figures/?region=13&format=csv"),
    ("export province 33, xlsx", "/exports/figures/?region=33"),
    ("export province 33, csv", "/exports/figures/?region=33&format=csv"),
]
HISTORIES = [
    ("history of the country", "/regions/ID/history/"),
    ("history of province 33", "/regions/33/history/"),
    ("history of kabupaten 13.02", "/regions/13.02/history/"),
    ("history of kecamatan 13.02.10", "/regions/13.02.10/history/"),
    ("history of village 13.02.10.2001", "/regions/13.02.10.2001/history/"),
]
HISTORY_ROWS = 1_000_000
EXPORT_GOAL_MS, HISTORY_GOAL = 1000.0, 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ucj_bench_pages")
    parser.add_argument("--runs", type=int, default=5, help="requests per export (each history page: 6x as many)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run(args.runs)
        return
    command = [sys.executable, __file__, "--worker", "--runs", str(args.runs)]
    subprocess.run(command, env=worker_env(args.database_url), check=True, cwd=ROOT)


def app_tables() -> list[str]:
    from django.apps import apps

    return sorted({model._meta.db_table for model in apps.get_models() if model._meta.managed})


def forget_statistics(tables: list[str]) -> None:
    """The planner's view of tables just bulk-loaded with autovacuum off: no column statistics, never counted."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pg_statistic WHERE starelid = ANY(%s::regclass[])", [tables])
        cursor.execute(
            "UPDATE pg_class SET reltuples = -1, relpages = 0, relallvisible = 0 WHERE oid = ANY(%s::regclass[])",
            [tables],
        )


def analyze(tables: list[str]) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return time.perf_counter() - started


def fill_history() -> None:
    """One SYNTHETIC history row per enrolment figure, month by month, if the history is not at 1 M yet."""
    from django.db import connection

    from regions.models import FigureChange

    have = FigureChange.objects.count()
    if have >= HISTORY_ROWS:
        print(f"history: {have:,} changes already")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {FigureChange._meta.db_table} (at, channel, kind, action, region_id, period, new, reason)
            SELECT month + interval '40 days', 'import', 'enrolment', 'create', region_id, to_char(month, 'YYYY-MM'),
                   jsonb_build_object('participants', participants),
                   'SINTETIS: riwayat uji skala nasional buatan export_history_bench, bukan fakta'
            FROM regions_enrolment ORDER BY month, region_id
            """
        )
    print(f"history: {FigureChange.objects.count():,} changes after adding synthetic ones "
          f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip


def timed(client: object, url: str) -> tuple[float, int, int]:
    """ms, status and size in bytes of one GET, its body read to the end."""
    started = time.perf_counter()
    response = client.get(url)  # type: ignore[attr-defined]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return (time.perf_counter() - started) * 1000, response.status_code, len(body)


def csv_rows(client: object, url: str) -> int:
    response = client.get(url)  # type: ignore[attr-defined]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig").count("\n") - 1


def measure(client: object, runs: int, condition: str) -> dict[str, tuple[float, float, float]]:
    """(median, p95, interleaved floor's median) of each export and history page."""

    load = wait_for_quiet()
    print(f"\n-- {condition} ({load}); times in ms", flush=True)
    print(f"{'what':<48}{'first':>9}{'median':>9}{'p95':>9}{'floor':>7}{'x floor':>9}{'queries':>9}{'size':>11}")
    from django.test import override_settings

    found = {}
    # Each export twice: the request as it is answered (above UCJ_EXPORT_IN_REQUEST_ROWS rows, the page that
    # offers the worker), then the file itself, written in process as the worker writes it.
    cases: list[tuple[str, str, int | None]] = [(f"{label}, request", url, None) for label, url in EXPORTS]
    cases += [(f"{label}, file", url, 10**9) for label, url in EXPORTS]
    cases += [(label, url, None) for label, url in HISTORIES]
    for label, url, limit in cases:
        with override_settings(**({"UCJ_EXPORT_IN_REQUEST_ROWS": limit} if limit else {})):
            found[label] = measure_one(client, label, url, runs)
    return found


def measure_one(client: object, label: str, url: str, runs: int) -> tuple[float, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first request of all, on tables as they are: a plan's first run, nothing cached by Django.
    first, status, size = timed(client, url)
    assert status == 200, (url, status)
    page, floor = [], []
    for _ in range(runs * (6 if url in dict(HISTORIES).values() else 1)):
        floor.append(timed(client, FLOOR)[0])
        page.append(timed(client, url)[0])
    with CaptureQueriesContext(connection) as context:
        timed(client, url)
    median, floor_median = statistics.median(page), statistics.median(floor)
    print(
        f"{label:<48}{first:>9.0f}{median:>9.1f}{p95(page):>9.1f}{floor_median:>7.1f}{median / floor_median:>8.1f}x"
        f"{len(context.captured_queries):>9}{size:>11,}",
        flush=True,
    )
    return median, p95(page), floor_median


def run(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from regions.models import Enrolment

    call_command("migrate", verbosity=0)  # the database pages_bench left, brought up to this release
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        print(f"autovacuum: {cursor.fetchone()[0]}; enrolment rows: {Enrolment.objects.count():,}")
    fill_history()
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    from django.test import override_settings

    with override_settings(UCJ_EXPORT_IN_REQUEST_ROWS=10**9):  # the file itself, whatever its size
        for label, url in EXPORTS:
            if "csv" in url:
                print(f"{label}: {csv_rows(client, url):,} enrolment rows")
    tables = app_tables()
    forget_statistics(tables)
    before = measure(client, runs, f"{len(tables)} tables not analysed (statistics forgotten)")
    print(f"\nANALYZE of {len(tables)} tables: {analyze(tables):.1f} s")
    after = measure(client, runs, "after ANALYZE")

    print("\ngoals:")
    for label, _url in EXPORTS:
        if "province" in label:
            label = f"{label}, request"
            worst = max(before[label][0], after[label][0])
            print(f"  {label} <= 1 s whatever the statistics: {'met' if worst <= EXPORT_GOAL_MS else 'MISSED'}"
                  f" (median {before[label][0]:.0f} ms not analysed, {after[label][0]:.0f} ms analysed)")  # fmt: skip
    for label, _url in HISTORIES:
        ratios = [found[label][0] / found[label][2] for found in (before, after)]
        verdict = "met" if max(ratios) <= HISTORY_GOAL else "MISSED"
        print(f"  {label} <= 2x the floor: {verdict} ({ratios[0]:.1f}x not analysed, {ratios[1]:.1f}x analysed)")


if __name__ == "__main__":
    main()
