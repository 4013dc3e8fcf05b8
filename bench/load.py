"""Load test: 50 officials browsing the dashboards for 60 seconds, against gunicorn and PostgreSQL.

    .venv/bin/python bench/load.py                    # uses the pages bench's national-scale database
    .venv/bin/python bench/load.py --users 50 --seconds 60 --database-url postgres://postgres@127.0.0.1:5432/ucj_bench_pages

Loopback only, bounded in time and users. It starts gunicorn on 127.0.0.1, runs
locust headless (bench/locustfile.py), prints requests, requests per second,
median, 95th percentile, maximum and errors: for every request, for the
sign-ins alone (each a deliberate PBKDF2 hash of the password) and for the
pages alone, then per page; then stops gunicorn. If the database has no demo
users yet it loads the demo first (run bench/pages_bench.py --only postgresql
before it for the national scale). Goal (issue 14): p95 <= 500 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# bench/ is not a package: its folder is on the path
from common import p95, start_gunicorn, stop, wait_for_quiet, worker_env

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ucj_bench_pages")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    env = {**worker_env(args.database_url), "DB_CONN_MAX_AGE": "60"}
    for command in (["collectstatic", "--noinput"], ["demo"]):
        run = [sys.executable, "manage.py", *command]
        subprocess.run(run, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    load = wait_for_quiet()
    server = start_gunicorn(env, args.port, args.workers)
    try:
        times_file = "/tmp/ucj-load-times.json"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_TIMES_FILE": times_file},
            check=False,
            stdout=subprocess.DEVNULL,
        )
        database = args.database_url.rsplit("/", 1)[1]
        print(f"{args.users} users, {args.seconds} s, gunicorn, {args.workers} workers, database {database}, {load}")
        with open(times_file) as handle:
            times = json.load(handle)
        print(f"{'requests':<34}{'count':>8}{'per s':>8}{'median':>8}{'p95':>8}{'max':>8}{'errors':>8}")
        for label, chosen in (
            ("all", times),
            ("sign-in (GET + POST)", [t for t in times if t[0] == "login"]),
            ("pages", [t for t in times if t[0] != "login"]),
            *((f"  {name}", [t for t in times if t[0] == name]) for name in sorted({t[0] for t in times} - {"login"})),
        ):
            durations = [t[1] for t in chosen]
            errors = sum(1 for t in chosen if not t[2])
            print(
                f"{label:<34}{len(chosen):>8}{len(chosen) / args.seconds:>8.1f}{statistics.median(durations):>8.0f}"
                f"{p95(durations):>8.0f}{max(durations):>8.0f}{errors:>8}"
            )
        pages = [t for t in times if t[0] != "login"]
        worst = p95([t[1] for t in pages])
        met = worst <= 500 and not any(not t[2] for t in times)
        print(f"goal p95 <= 500 ms and 0 errors (pages): {'met' if met else 'MISSED'}")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
