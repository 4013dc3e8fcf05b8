"""What the benches share: their own databases, and the environment their worker process runs in."""

from __future__ import annotations

import os
import time
import urllib.request


def recreate_postgres_database(name: str) -> None:
    """A new, empty PostgreSQL database for a bench (never the app's or the tests')."""
    import psycopg2

    connection = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()


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
