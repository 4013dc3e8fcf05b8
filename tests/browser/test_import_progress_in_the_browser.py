"""An admin uploads a file and watches the worker read it: the page follows without being reloaded by hand."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.spreadsheets import enrolment
from tests.test_worker_process import database_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_upload_page_waits_for_the_worker_then_shows_the_preview_by_itself(phone_visit, tmp_path):
    upload = tmp_path / "cabang-solok.xlsx"
    upload.write_bytes(enrolment(["13.02", "", "2025-07", 32000], ["13.11", "", "2024-09", 18100]))
    phone_visit.sign_in("admin")
    phone_visit.open("/imports/")

    phone_visit.page.set_input_files("#file", str(upload))
    phone_visit.page.click("form.stacked button[type=submit]")
    phone_visit.page.wait_for_selector("#job-progress")
    waiting = phone_visit.page.inner_text("#job")
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "true"}
    environment.pop("CACHE_URL", None)
    worker = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    phone_visit.page.wait_for_selector("#counts", timeout=15000)  # the page reloaded itself when the work ended

    assert worker.returncode == 0, worker.stderr[-3000:]
    assert "Menunggu proses latar belakang" in waiting
    assert "18.092 → 18.100" in phone_visit.page.inner_text("main")
    assert phone_visit.page.locator("button[name=mode][value=all]").count() == 1
    assert phone_visit.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_visit.console_errors == []
