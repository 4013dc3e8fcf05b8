"""Upload benchmark: how long the upload request takes, and the worker's reading and writing, at national scale.

No request of the app may wait on more than a few thousand rows of work; the
rows of an upload are the worker's. For a synthetic workbook of 100.000 rows
and one of 250.000 (the limit per sheet) over the national region tree, this
prints: the upload request (stored, answered with a redirect), the worker
reading and checking it, the confirm request, the worker writing it, and how
many progress reports a watcher of status.json saw while it ran.

    .venv/bin/python bench/upload_bench.py                   # both databases
    .venv/bin/python bench/upload_bench.py --only postgresql

Every figure it writes is synthetic and says so in its note. It uses its own
databases (a SQLite file under /tmp and a PostgreSQL database ucj_bench_upload).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import empty_database, worker_env  # bench/ is not a package: its folder is on the path
from import_bench import NATIONAL_CSV, workbook

ROOT = Path(__file__).resolve().parent.parent
DATABASES = {
    "sqlite": "sqlite:////tmp/ucj-bench-upload.sqlite3",
    "postgresql": "postgres://postgres@127.0.0.1:5432/ucj_bench_upload",
}
SIZES = (100_000, 250_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(DATABASES))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run()
        return
    for name, url in DATABASES.items():
        if args.only and name != args.only:
            continue
        print(f"== {name}", flush=True)
        empty_database(url)
        env = {**worker_env(url), "UCJ_JOBS_DIR": "/tmp/ucj-bench-upload-jobs"}
        subprocess.run([sys.executable, __file__, "--worker"], env=env, check=True, cwd=ROOT)


class Watcher:
    """Polls the import's status.json once a second, as its page does; counts the distinct reports seen."""

    def __init__(self, client: object, url: str) -> None:
        self.client, self.url = client, url
        self.seen: set[tuple[object, ...]] = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.poll, daemon=True)

    def poll(self) -> None:
        from django.db import connections

        while not self.stop.wait(1):
            data = self.client.get(self.url).json()  # type: ignore[attr-defined]
            self.seen.add((data.get("step"), data.get("done"), data.get("total")))
        connections.close_all()

    def __enter__(self) -> Watcher:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from regions.models import Profile, Region
    from ucj.models import ImportBatch, Job

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("import_regions", str(NATIONAL_CSV), verbosity=0)
    admin = User.objects.create_superuser("bench-admin", password="synthetic-benchmark")
    Profile.objects.create(user=admin, role=Profile.Role.ADMIN)
    print(f"setup (migrate + {Region.objects.count():,} regions): {time.perf_counter() - started:.1f} s", flush=True)
    codes = list(
        Region.objects.filter(kind__in=["kelurahan", "desa", "nagari", "desa_adat", "kecamatan", "kabupaten", "kota"])
        .order_by("code")
        .values_list("code", flat=True)
    )
    client = Client()
    client.force_login(admin)

    def work() -> float:
        """The worker's part, in this process, through each task's own entry point: the time it took."""
        work_started = time.perf_counter()
        for task in DBTaskResult.objects.ready().order_by("enqueued_at"):
            task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
            task.delete()
        return time.perf_counter() - work_started

    print(f"ANALYZE after the region list (a task): {work():.1f} s", flush=True)

    for month_index, size in enumerate(SIZES):
        months = [f"2024-{month:02d}" for month in range(1 + 3 * month_index, 4 + 3 * month_index)]
        content = workbook([codes[index % len(codes)] for index in range(size)], months, len(codes))
        print(f"-- {size:,} rows ({len(content) / 1e6:.1f} MB, synthetic)", flush=True)
        request_started = time.perf_counter()
        response = client.post("/imports/", {"file": SimpleUploadedFile("synthetic-benchmark.xlsx", content)})
        upload_ms = (time.perf_counter() - request_started) * 1000
        batch = ImportBatch.objects.latest("id")
        assert response.status_code == 302, response.status_code
        print(f"upload request (stored, redirect): {upload_ms:.0f} ms", flush=True)
        with Watcher(client, f"/imports/{batch.pk}/status.json") as watcher:
            reading = work()
        batch.refresh_from_db()
        print(f"worker, read + check ({batch.counts}): {reading:.1f} s; {len(watcher.seen)} progress reports seen")
        request_started = time.perf_counter()
        # The synthetic months jump by more than 20 %: confirmed with a reason, as an admin would.
        confirm = {"mode": "all", "confirm": "1", "confirmation": "synthetic benchmark"}
        client.post(f"/imports/{batch.pk}/confirm/", confirm)
        confirm_ms = (time.perf_counter() - request_started) * 1000
        print(f"confirm request (queued): {confirm_ms:.0f} ms", flush=True)
        with Watcher(client, f"/imports/{batch.pk}/status.json") as watcher:
            writing = work()
        job = Job.objects.get(batch=batch, kind=Job.Kind.WRITE_IMPORT)
        assert job.state == "done", job.message
        reports = len(watcher.seen)
        print(f"worker, check again + write: {writing:.1f} s ({job.message}); {reports} progress reports seen")
        for label, path in (("first", ""), ("last", f"?page={size // 200}")):
            started = time.perf_counter()
            assert client.get(f"/imports/{batch.pk}/{path}").status_code == 200
            print(f"the import's page, {label} page of rows: {(time.perf_counter() - started) * 1000:.0f} ms")
        started = time.perf_counter()
        assert client.get(f"/imports/{batch.pk}/status.json").status_code == 200
        print(f"status.json: {(time.perf_counter() - started) * 1000:.1f} ms", flush=True)


if __name__ == "__main__":
    main()
