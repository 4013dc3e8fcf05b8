"""Page benchmark: server time and query count of the dashboards at demo scale and at national scale.

For each database it loads the demo and measures: a near-empty logged-in page
(the month list at /entry/), the national overview, a province, a kabupaten, a
kecamatan and the JSON API. Then it loads the whole country with SYNTHETIC
figures (`manage.py generate_synthetic`: 60 months for all 514 kabupaten/kota,
12 months for all 83.762 villages) and measures the same pages again.

    .venv/bin/python bench/pages_bench.py                      # SQLite and PostgreSQL
    .venv/bin/python bench/pages_bench.py --only postgresql --runs 50

Goals: at national scale every page within 5x the empty page, no page more than
1.3x its demo-scale time, and the same number of queries at both scales.
Times are in-process (Django's test client through all middleware), so they are
server time without the network. It uses its own databases, never the app's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import recreate_postgres_database, worker_env  # bench/ is not a package: its folder is on the path

if TYPE_CHECKING:  # Django is imported once the bench has chosen its settings
    from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
DATABASES = {
    "sqlite": "sqlite:////tmp/ucj-bench-pages.sqlite3",
    "postgresql": "postgres://postgres@127.0.0.1:5432/ucj_bench_pages",
}
PAGES = [
    ("empty page (/entry/)", "/entry/"),
    ("overview, national", "/"),
    ("province 13", "/regions/13/"),
    ("kabupaten 13.02", "/regions/13.02/"),
    ("kecamatan 13.02.10", "/regions/13.02.10/"),
    ("JSON API 13.02", "/api/regions/13.02/coverage/"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(DATABASES))
    parser.add_argument("--runs", type=int, default=30, help="requests per page (after two warm-up requests)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run(args.runs)
        return
    for name, url in DATABASES.items():
        if args.only and name != args.only:
            continue
        print(f"== {name}", flush=True)
        if name == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            recreate_postgres_database(url.rsplit("/", 1)[1])
        env = worker_env(url)
        subprocess.run([sys.executable, __file__, "--worker", "--runs", str(args.runs)], env=env, check=True, cwd=ROOT)


def measure(client: Client, runs: int) -> dict[str, tuple[float, float, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for label, url in PAGES:
        for _ in range(2):
            assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
        results[label] = (statistics.median(timings), p95, len(context.captured_queries))
    return results


def run(runs: int) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from regions.models import Enrolment

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    demo = measure(client, runs)
    print(f"demo scale: {Enrolment.objects.count():,} enrolment rows")

    started = time.perf_counter()
    call_command("generate_synthetic", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"generate_synthetic: {time.perf_counter() - started:.0f} s, {Enrolment.objects.count():,} enrolment rows")
    national = measure(client, runs)

    empty = national[PAGES[0][0]][0]
    print(f"{'page':<24}{'demo median':>12}{'p95':>8}{'q':>4}{'national median':>17}{'p95':>8}{'q':>4}"
          f"{'x empty':>9}{'x demo':>8}")  # fmt: skip
    for label, _url in PAGES:
        d_median, d_p95, d_queries = demo[label]
        n_median, n_p95, n_queries = national[label]
        print(
            f"{label:<24}{d_median:>10.1f}ms{d_p95:>6.1f}ms{d_queries:>4}{n_median:>15.1f}ms{n_p95:>6.1f}ms"
            f"{n_queries:>4}{n_median / empty:>9.2f}{n_median / d_median:>8.2f}"
        )
    verdicts = [
        all(national[label][0] <= 5 * empty for label, _ in PAGES[1:]),
        all(national[label][0] <= 1.3 * demo[label][0] for label, _ in PAGES[1:]),
        all(national[label][2] == demo[label][2] for label, _ in PAGES),
    ]
    goals = ["within 5x the empty page", "within 1.3x demo scale", "same query count"]
    for goal, met in zip(goals, verdicts, strict=True):
        print(f"goal {goal}: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
