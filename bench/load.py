"""Load test: 20 officials browsing the dashboards for 60 seconds, against gunicorn and PostgreSQL.

    .venv/bin/python bench/load.py                    # uses the pages bench's national-scale database
    .venv/bin/python bench/load.py --users 20 --seconds 60 --database-url postgres://postgres@127.0.0.1:5432/ucj_bench_pages

Loopback only, bounded in time and users. It starts gunicorn on 127.0.0.1, runs
locust headless (bench/locustfile.py), prints requests per second, the 95th
percentile and the error count, then stops gunicorn. If the database has no
demo users yet it loads the demo first (run bench/pages_bench.py --only
postgresql before it for the national scale).
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import wait_until_up, worker_env  # bench/ is not a package: its folder is on the path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/ucj_bench_pages")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    env = {**worker_env(args.database_url), "DB_CONN_MAX_AGE": "60"}
    for command in (["collectstatic", "--noinput"], ["demo"]):
        run = [sys.executable, "manage.py", *command]
        subprocess.run(run, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "ucj.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{args.port}/login/")
        prefix = "/tmp/ucj-load"
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
                "--csv",
                prefix,
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as handle:
            total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
        database = args.database_url.rsplit("/", 1)[1]
        print(f"{args.users} users, {args.seconds} s, gunicorn with {args.workers} workers, database {database}")
        print(f"requests: {total['Request Count']}, per second: {float(total['Requests/s']):.1f}")
        print(f"median: {total['50%']} ms, p95: {total['95%']} ms, max: {float(total['Max Response Time']):.0f} ms")
        print(f"errors: {total['Failure Count']}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
