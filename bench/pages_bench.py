"""Page benchmark: every dashboard page warm and right after a write, at demo and national scale, against the floor.

For each database it loads the demo and measures, then loads the whole country
with SYNTHETIC figures (`manage.py generate_synthetic`: 60 months for all 514
kabupaten/kota, 12 months for all 83.762 villages, about 1 M rows) and measures
again. Each page (overview, province 13, kabupaten 13.02, kecamatan 13.02.10,
the JSON API) is measured interleaved with the floor, a near-empty signed-in
page (/entry/): floor, page, floor, page... so both see the same machine.

- warm: the page's rendered parts are in the cache (after two warm-up requests);
- after a write: one figure of a village in 13.02.10 is saved through
  regions.actions.save_figures (which bumps the data version), then the page's
  first request is timed.

Both in process (Django's test client through all middleware) and over HTTP
(gunicorn with one worker on loopback, production settings, its own local-memory
cache), with the query count of each page warm and after a write.

    .venv/bin/python bench/pages_bench.py --only postgresql
    .venv/bin/python bench/pages_bench.py --only postgresql --runs 40 --after-write-runs 15

Goals (issue 14): warm <= 2x the floor, first request after a write <= 5x,
the same query count at both scales. It uses its own databases, never the
app's; the PostgreSQL one (ucj_bench_pages) stays at national scale for
bench/load.py and bench/export_history_bench.py.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# bench/ is not a package: its folder is on the path
from common import empty_database, p95, start_gunicorn, stop, wait_for_quiet, worker_env

ROOT = Path(__file__).resolve().parent.parent
DATABASES = {
    "sqlite": "sqlite:////tmp/ucj-bench-pages.sqlite3",
    "postgresql": "postgres://postgres@127.0.0.1:5432/ucj_bench_pages",
}
FLOOR = "/entry/"
PAGES = [
    ("overview, national", "/"),
    ("province 13", "/regions/13/"),
    ("kabupaten 13.02", "/regions/13.02/"),
    ("kecamatan 13.02.10", "/regions/13.02.10/"),
    ("JSON API 13.02", "/api/regions/13.02/coverage/"),
]
HTTP_PORT = 8766
WARM_GOAL, AFTER_WRITE_GOAL = 2.0, 5.0


@dataclass
class Series:
    """One page measured interleaved with the floor: the page's times and the floor's, in ms."""

    page: list[float]
    floor: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.page)

    @property
    def p95(self) -> float:
        return p95(self.page)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floor)

    @property
    def times_floor(self) -> float:
        return self.median / self.floor_median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(DATABASES))
    parser.add_argument("--runs", type=int, default=30, help="warm requests per page (after two warm-up requests)")
    parser.add_argument("--after-write-runs", type=int, default=12, help="writes, each followed by one request")
    parser.add_argument("--no-http", action="store_true", help="in process only, no gunicorn")
    parser.add_argument("--demo-only", action="store_true", help="stop after demo scale")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run(args.runs, args.after_write_runs, not args.no_http, args.demo_only)
        return
    for name, url in DATABASES.items():
        if args.only and name != args.only:
            continue
        print(f"== {name}", flush=True)
        empty_database(url)
        command = [sys.executable, __file__, "--worker", "--runs", str(args.runs)]
        command += ["--after-write-runs", str(args.after_write_runs)]
        command += [flag for flag, on in (("--no-http", args.no_http), ("--demo-only", args.demo_only)) if on]
        subprocess.run(command, env=worker_env(url), check=True, cwd=ROOT)


def in_process_getter(client: object) -> Callable[[str], float]:
    def get(url: str) -> float:
        started = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    return get


def http_getter(port: int, session_cookie: str) -> Callable[[str], float]:
    """A GET over a new loopback connection (gunicorn's sync workers close each one), body read to the end."""

    def get(url: str) -> float:
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", url, headers={"Cookie": f"sessionid={session_cookie}"})
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        assert response.status == 200, (url, response.status)
        return elapsed

    return get


def village_writer() -> Callable[[], None]:
    """Saves one figure, alternately +1 and -1: a village's in 13.02.10 at its latest month (national scale), or
    the deepest region's with a figure in 13.02 (the demo has only the kabupaten's). Any write bumps the data version.
    """
    from regions.actions import FigureInput, save_figures
    from regions.models import Enrolment

    found = None
    for subtree in ("13.02.10", "13.02"):
        rows = Enrolment.objects.within(subtree).order_by("-month", "-region_id")
        if found := rows.first():
            break
    assert found is not None, "no figure in 13.02 to write"
    row: Enrolment = found
    latest = row.month
    step = [1]

    def write() -> None:
        row.refresh_from_db()
        delta = step[0]
        step[0] = -delta
        values = {"participants": row.participants + delta, "pu": row.pu, "jakon": row.jakon, "pmi": row.pmi}
        values["bpu"] = row.bpu + delta if row.bpu is not None else None
        save_figures(
            "enrolment", latest, [FigureInput(row.region_id, values)], user=None, channel="system",
            reason="SINTETIS: pages bench write",
        )  # fmt: skip

    return write


def measure(get: Callable[[str], float], write: Callable[[], None], runs: int, after_runs: int) -> dict[str, Series]:
    """Warm and after-a-write series of every page, each interleaved with the floor."""
    results: dict[str, Series] = {}
    for label, url in PAGES:
        for _ in range(2):
            get(FLOOR)
            get(url)
        warm = Series([], [])
        for _ in range(runs):
            warm.floor.append(get(FLOOR))
            warm.page.append(get(url))
        after = Series([], [])
        for _ in range(after_runs):
            write()
            after.page.append(get(url))  # the first request after the write
            after.floor.append(get(FLOOR))
        results[f"{label} warm"] = warm
        results[f"{label} after a write"] = after
    return results


def query_counts(client: object, write: Callable[[], None]) -> dict[str, tuple[int, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, url in [("floor", FLOOR), *PAGES]:
        client.get(url)  # type: ignore[attr-defined]
        with CaptureQueriesContext(connection) as warm:
            client.get(url)  # type: ignore[attr-defined]
        write()
        with CaptureQueriesContext(connection) as after:
            client.get(url)  # type: ignore[attr-defined]
        counts[label] = (len(warm.captured_queries), len(after.captured_queries))
    return counts


@dataclass
class Scale:
    """Everything measured at one scale: per mode ("in process", "over HTTP") the series and the load beside them."""

    series: dict[str, dict[str, Series]]
    loads: dict[str, str]
    queries: dict[str, tuple[int, int]]


def measure_scale(scale: str, runs: int, after_runs: int, http: bool) -> Scale:
    from django.contrib.auth.models import User
    from django.db import connections
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="admin"))
    write = village_writer()
    found = Scale({}, {}, {})
    load = found.loads["in process"] = wait_for_quiet()
    print(f"-- {scale}, in process ({load})", flush=True)
    found.series["in process"] = measure(in_process_getter(client), write, runs, after_runs)
    found.queries = query_counts(client, write)
    if http:
        connections.close_all()
        server = start_gunicorn({**os.environ, "DB_CONN_MAX_AGE": "60"}, HTTP_PORT, workers=1)
        try:
            load = found.loads["over HTTP"] = wait_for_quiet()
            print(f"-- {scale}, over HTTP, gunicorn 1 worker ({load})", flush=True)
            get = http_getter(HTTP_PORT, client.cookies["sessionid"].value)
            found.series["over HTTP"] = measure(get, write, runs, after_runs)
        finally:
            stop(server)
    return found


def report(scale: str, found: Scale, demo: Scale | None) -> None:
    for mode, measured in found.series.items():
        print(f"\n{scale}, {mode} ({found.loads[mode]}); times in ms, x floor = page median / interleaved floor's")
        print(f"{'page':<38}{'median':>8}{'p95':>8}{'floor':>8}{'x floor':>9}{'goal':>6}{'queries':>9}{'x demo':>8}")
        for key, series in measured.items():
            label = key.removesuffix(" warm").removesuffix(" after a write")
            warm = key.endswith(" warm")
            verdict = "met" if series.times_floor <= (WARM_GOAL if warm else AFTER_WRITE_GOAL) else "MISS"
            queries = found.queries[label][0 if warm else 1]
            versus = f"{series.median / demo.series[mode][key].median:>8.2f}" if demo and mode in demo.series else ""
            print(
                f"{key:<38}{series.median:>8.1f}{series.p95:>8.1f}{series.floor_median:>8.1f}"
                f"{series.times_floor:>8.2f}x{verdict:>6}{queries:>9}{versus}"
            )
    print(f"floor queries (warm, after a write): {found.queries['floor']}", flush=True)


def run(runs: int, after_runs: int, http: bool, demo_only: bool) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from regions.models import Enrolment

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"demo scale: {Enrolment.objects.count():,} enrolment rows", flush=True)
    demo = measure_scale("demo scale", runs, after_runs, http)
    report("demo scale", demo, None)
    if demo_only:
        return

    started = time.perf_counter()
    call_command("generate_synthetic", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"\ngenerate_synthetic: {time.perf_counter() - started:.0f} s, {Enrolment.objects.count():,} enrolment rows")
    national = measure_scale("national scale", runs, after_runs, http)
    report("national scale", national, demo)

    same = demo.queries == national.queries
    print(f"same query count at both scales (warm and after a write): {'met' if same else 'MISSED'}")
    if not same:
        for label, counts in demo.queries.items():
            print(f"  {label}: demo {counts}, national {national.queries[label]}")


if __name__ == "__main__":
    main()
