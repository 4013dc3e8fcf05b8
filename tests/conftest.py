"""Shared fixtures: the demo data loaded once per test run, and its users by role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from ucj.demo import load_demo

NATIONAL_CSV = Path(settings.BASE_DIR).parent / "shared" / "data" / "wilayah-kepmendagri-2025.csv"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo: the published facts, branches and users."""
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture
def national_csv() -> Path:
    if not NATIONAL_CSV.exists():
        pytest.skip(f"the national region list is not at {NATIONAL_CSV} (it lives in ../shared beside the clone)")
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
    save_figures("enrolment", parse_month(month), [FigureInput(code, figure)], user=None, channel="system")
