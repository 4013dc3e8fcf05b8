"""What the benches share: their own databases, and the environment their worker process runs in."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def recreate_postgres_database(name: str) -> None:
    """A new, empty PostgreSQL database for a bench (never the app's or the tests')."""
    import psycopg2

    connection = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()


def empty_database(url: str) -> None:
    """The bench's database at `url`, emptied: a SQLite file (with its WAL files) removed, or PostgreSQL's
    database dropped and made again."""
    if url.startswith("sqlite:///"):
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        recreate_postgres_database(url.rsplit("/", 1)[1])


def worker_env(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the bench's own database, over plain HTTP on this machine."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "ucj.settings",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        # Production's hashed static files: the worker runs collectstatic into here first.
        "STATIC_ROOT": "/tmp/ucj-bench-static",
    }


def wait_until_up(url: str) -> None:
    """Wait for the bench's own server on loopback to answer (gunicorn takes a moment to start its workers)."""
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2)  # our own server, on loopback
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


def p95(values: list[float]) -> float:
    """The 95th percentile by nearest rank: the value at or below which 95 % of the values lie."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1))]


def load_average() -> float:
    """The machine's 1-minute load average (other work on it slows every number)."""
    with open("/proc/loadavg") as handle:
        return float(handle.read().split()[0])


def wait_for_quiet(limit: float = 1.5, longest: float = 120) -> str:
    """Wait (at most `longest` seconds) until the 1-minute load is below `limit`; the load, to print beside numbers."""
    waited = 0.0
    while load_average() >= limit and waited < longest:
        time.sleep(5)
        waited += 5
    load = load_average()
    note = f"load {load:.2f}".replace(".", ",")
    return note if load < limit else f"{note} (still busy after {longest:.0f} s of waiting)"


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    """gunicorn serving the app on loopback with `env`'s settings; stop it with stop()."""
    command = [str(BIN / "gunicorn"), "ucj.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    wait_until_up(f"http://127.0.0.1:{port}/login/")
    return server


def stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def debug_env(database_url: str) -> dict[str, str]:
    """What `make run` sets: DEBUG on (static files from the source folders), on the bench's own database."""
    return {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "ucj.settings", "DEBUG": "true"}
