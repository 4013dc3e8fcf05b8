"""The real worker process (`manage.py db_worker`, as `make run` and systemd start it) reads an upload."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.spreadsheets import enrolment
from ucj.demo import load_demo
from ucj.jobs import worker_name
from ucj.models import ImportBatch, Job

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    """The test database, as the worker process is told of it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_a_real_worker_process_reads_the_upload_and_exits_when_the_queue_is_empty(client):
    load_demo()
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="admin"))
    response = client.post(
        "/imports/", {"file": SimpleUploadedFile("x.xlsx", enrolment(["13.02", "", "2025-07", 32000]))}
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert Job.objects.get(batch=batch).state == "queued"
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "true"}
    environment.pop("CACHE_URL", None)

    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip

    assert worker.returncode == 0, worker.stderr[-3000:]
    job = Job.objects.get(batch=batch)
    assert job.state == "done", job.message
    assert job.worker.split(":")[0] == worker_name().split(":")[0]  # this machine,
    assert job.worker != worker_name()  # another process
    batch.refresh_from_db()
    assert batch.counts == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 0}
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "Impor semua baris" in page
