"""Shared fixtures: the demo data loaded once per test run, and its users by role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from regions.region_import import NATIONAL_LIST as NATIONAL_CSV
from ucj.demo import load_demo


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo: the published facts, branches and users."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts without cached pages: tests roll back, so two tests can see the same data version."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def national_csv() -> Path:
    """The national region list the project ships (data/)."""
    return NATIONAL_CSV


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.get(username="admin")


@pytest.fixture
def officer_solok(db) -> User:
    """Branch officer of Cabang Solok (Kota Solok, Kab. Solok and, through its office, Solok Selatan)."""
    return User.objects.get(username="petugas.solok")


@pytest.fixture
def officer_binjai(db) -> User:
    """Branch officer of Cabang Binjai: no access to Sumatera Barat."""
    return User.objects.get(username="petugas.binjai")


@pytest.fixture
def official_kabsolok(db) -> User:
    """Regional official of Kab. Solok (13.02)."""
    return User.objects.get(username="pejabat.kabsolok")


@pytest.fixture
def official_binjai(db) -> User:
    """Regional official of Kota Binjai (12.75): no access to Kab. Solok."""
    return User.objects.get(username="pejabat.binjai")


@pytest.fixture
def client_for(db):
    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def this_month():
    from django.utils import timezone

    return timezone.localdate().replace(day=1)


@pytest.fixture
def overdue_commitment(db):
    """A SYNTHETIC open commitment in Kab. Solok Selatan, due 1 July 2025, by a person with an email address.

    The demo's commitments have no published due date, so none is overdue: tests make their own.
    """
    import datetime

    from programs.actions import save_commitment
    from programs.models import Person

    person = Person.objects.create(name="SINTETIS Penanggung Jawab", email="penanggung.jawab@example.id")
    values = {
        "what": "SINTETIS: menyusun rencana kerja per OPD",
        "who_institution": "SINTETIS OPD Uji",
        "who_person": person,
        "due_date": datetime.date(2025, 7, 1),
        "region_id": "13.11",
    }
    return save_commitment(user=None, values=values).record


def set_email(user: User, address: str, language: str = "", **profile: bool) -> None:
    """Give a demo user an email address, and optionally a language and their reminder choices."""
    user.email = address
    user.save(update_fields=["email"])
    user.profile.language = language
    for name, value in profile.items():
        setattr(user.profile, name, value)
    user.profile.save()


def grid_data(month, rows: dict[str, dict], versions: dict[str, int] | None = None, **extra) -> dict[str, str]:
    """POST data for the entry grid: each region's fields under its code, with the version the form showed."""
    from regions.models import Enrolment

    seen = dict(Enrolment.objects.filter(month=month).values_list("region_id", "version"))
    data = {}
    for code, fields in rows.items():
        data[f"{code}-version"] = str((versions or {}).get(code, seen.get(code, 0)))
        for name, value in fields.items():
            data[f"{code}-{name}"] = str(value) if not isinstance(value, bool) else ("on" if value else "")
    data.update(extra)
    return data


def add_figures(code: str, participants: int = 10, baseline: int = 100, month: str = "2025-06") -> None:
    """A synthetic baseline and June 2025 figure for a region, through the same path as every write."""
    from regions.actions import FigureInput, save_figures
    from regions.months import parse_month

    baseline_values = {"kind": "angkatan_kerja", "count": baseline, "source": "synthetic test"}
    save_figures("baseline", 2025, [FigureInput(code, baseline_values)], user=None, channel="system")
    figure = {"participants": participants, "source": "synthetic test"}
    save_figures(
        "enrolment", parse_month(month), [FigureInput(code, figure, confirmed=True)], user=None, channel="system"
    )


def text_of(response) -> str:
    """A page's HTML with its whitespace folded, for matching sentences."""
    import re

    return re.sub(r"\s+", " ", response.content.decode())


def set_baseline(code: str, year: int, count: int, kind: str = "angkatan_kerja", primary: bool = False) -> None:
    """A synthetic baseline, through the same path as every write."""
    from regions.actions import FigureInput, save_figures

    values = {"kind": kind, "count": count, "source": "synthetic test", "primary": primary}
    save_figures("baseline", year, [FigureInput(code, values)], user=None, channel="system")


def set_target(code: str, year: int, percentage: str) -> None:
    """A synthetic target, through the same path as every write."""
    from decimal import Decimal

    from regions.actions import FigureInput, save_figures

    values = {"percentage": Decimal(percentage), "legal_basis": "synthetic test"}
    save_figures("target", year, [FigureInput(code, values)], user=None, channel="system")


def set_figure(code: str, month: str, participants: int, **values) -> None:
    """A synthetic figure for one region and month, through the same path as every write."""
    from regions.actions import FigureInput, save_figures
    from regions.months import parse_month

    values = {"participants": participants, "source": "synthetic test", **values}
    # Test data may jump from month to month: the loader confirms every change, as an admin would.
    save_figures(
        "enrolment", parse_month(month), [FigureInput(code, values, confirmed=True)], user=None, channel="system"
    )


def run_worker_tasks(*, failures_expected: bool = False) -> int:
    """Run every task waiting in the queue, as `manage.py db_worker` does, in this process; how many ran.

    A task that raised fails the test, with its traceback, unless the test expects failures.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="tests", excluded_queue_names=[],
    )  # fmt: skip
    ran = 0
    while True:
        with exclusive_transaction():
            waiting = DBTaskResult.objects.ready().get_locked()
            if waiting is not None:
                waiting.claim(worker.worker_id)
        if waiting is None:
            break
        worker.run_task(waiting)
        waiting.refresh_from_db()
        if waiting.status == "FAILED" and not failures_expected:
            raise AssertionError(f"task {waiting.task_path} failed:\n{waiting.traceback}")
        ran += 1
    return ran


def synthetic_kabupaten(code: str = "13.98", kecamatan: int = 3) -> list[str]:
    """A kabupaten that does not exist, with `kecamatan` kecamatan: names say they are synthetic."""
    from regions.models import Region

    Region.objects.create(code=code, name="Kabupaten SINTETIS Uji", kind="kabupaten", parent_id=code.split(".")[0])
    children = [f"{code}.{number:02d}" for number in range(1, kecamatan + 1)]
    Region.objects.bulk_create(
        Region(code=child, name=f"SINTETIS Kecamatan {index}", kind="kecamatan", parent_id=code)
        for index, child in enumerate(children, start=1)
    )
    return children


@pytest.fixture
def pdf_text():
    """A PDF's text as pdftotext (poppler-utils) reads it back, whitespace folded.

    Skipped on a machine without pdftotext, with the command that installs it; never skipped in CI.
    """
    import os
    import re
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is missing: CI must install poppler-utils")
        pytest.skip("pdftotext is not installed (apt-get install -y poppler-utils)")

    def read(data: bytes) -> str:
        assert data.startswith(b"%PDF"), data[:80]
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
        return re.sub(r"\s+", " ", text.decode())

    return read


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say at the end, not only under -rs, when the browser tests could not run, and how to run them."""
    skipped = terminalreporter.stats.get("skipped", [])
    without_chromium = [report for report in skipped if "Chromium" in str(report.longrepr)]
    if without_chromium:
        terminalreporter.write_sep(
            "!",
            f"{len(without_chromium)} browser tests skipped: Debian's Chromium is not installed "
            "(apt-get install -y chromium, then make test again; CI installs it)",
            yellow=True,
        )
