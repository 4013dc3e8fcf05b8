"""Monev report benchmark: time to make a kabupaten's and a province's PDF, at demo and at national scale.

It loads the demo into its own PostgreSQL database (`report_bench`), asks for
/regions/13.02/report.pdf and /regions/13/report.pdf through Django's test
client and all middleware (production settings, signed in as admin), and
splits each report's time into gathering the figures and drawing the SVG,
rendering the HTML, and WeasyPrint's layout and PDF. Then it loads the whole
country with SYNTHETIC figures (`manage.py generate_synthetic`) and measures
again, at the latest month with figures.

    .venv/bin/python bench/report_bench.py                  # demo and national scale
    .venv/bin/python bench/report_bench.py --runs 5 --demo-only

Goal (issue 15): a kabupaten's report in at most 2 s. Issue 16 item 3: a
report stays in the request only if it is well under a second.
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
DATABASE = "postgres://postgres@127.0.0.1:5432/report_bench"
REPORTS = [("kabupaten 13.02", "13.02"), ("province 13", "13")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="reports of each region (after one warm-up)")
    parser.add_argument("--demo-only", action="store_true", help="skip the national scale (generate_synthetic)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run(args.runs, args.demo_only)
        return
    recreate_postgres_database(DATABASE.rsplit("/", 1)[1])
    command = [sys.executable, __file__, "--worker", "--runs", str(args.runs)]
    if args.demo_only:
        command.append("--demo-only")
    subprocess.run(command, env=worker_env(DATABASE), check=True, cwd=ROOT)


def median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def measure(client: Client, month: str | None, runs: int) -> dict[str, tuple[float, float, float, float, float, int]]:
    """For each report: (request median, p95 in ms; build, HTML, PDF medians in ms; size in kB)."""
    from django.contrib.auth.models import User
    from django.utils import translation

    from regions.models import Region
    from regions.scopes import scope_for
    from ucj.reports.monev import build_monev_report, report_html
    from ucj.reports.pdf import render_pdf

    scope = scope_for(User.objects.get(username="admin"))
    query = f"?month={month}" if month else ""
    results = {}
    for label, code in REPORTS:
        url = f"/regions/{code}/report.pdf{query}"
        assert client.get(url).status_code == 200, url
        timings, size = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200
            size = len(response.content)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)] * 1000
        region = Region.objects.get(code=code)
        build, html, pdf = [], [], []
        with translation.override("id"):
            for _ in range(runs):
                started = time.perf_counter()
                report = build_monev_report(scope, region, month, "bench", lambda m: "link")
                built = time.perf_counter()
                document = report_html(report)
                rendered = time.perf_counter()
                render_pdf(document)
                done = time.perf_counter()
                build.append(built - started)
                html.append(rendered - built)
                pdf.append(done - rendered)
        results[label] = (median_ms(timings), p95, median_ms(build), median_ms(html), median_ms(pdf), size // 1024)
    return results


def show(title: str, results: dict[str, tuple[float, float, float, float, float, int]]) -> None:
    print(f"== {title}")
    print(f"{'report':<18}{'median':>10}{'p95':>10}{'figures+SVG':>13}{'HTML':>9}{'PDF':>9}{'size':>8}")
    for label, (median, p95, build, html, pdf, size) in results.items():
        print(f"{label:<18}{median:>8.0f}ms{p95:>8.0f}ms{build:>11.0f}ms{html:>7.0f}ms{pdf:>7.0f}ms{size:>6}kB")
    kabupaten = results[REPORTS[0][0]][0]
    print(f"goal: kabupaten report <= 2 s: {'met' if kabupaten <= 2000 else 'MISSED'} ({kabupaten / 1000:.2f} s)")


def run(runs: int, demo_only: bool) -> None:
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
    show(f"demo scale ({Enrolment.objects.count():,} enrolment rows), June 2025", measure(client, "2025-06", runs))
    if demo_only:
        return
    started = time.perf_counter()
    call_command("generate_synthetic", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"generate_synthetic: {time.perf_counter() - started:.0f} s")
    title = f"national scale ({Enrolment.objects.count():,} enrolment rows), latest month"
    show(title, measure(client, None, runs))


if __name__ == "__main__":
    main()
