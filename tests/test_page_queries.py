"""Each page runs a fixed number of queries, whatever the number of children."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions import rollups
from regions.models import Baseline, Enrolment, Region, Target

pytestmark = pytest.mark.django_db

PAGES = {
    "pejabat.kabsolok": ["/", "/regions/13.02/?month=2025-06", "/api/regions/13.02/coverage/?month=2025-06"],
    "petugas.solok": ["/?month=2025-06"],
    "admin": ["/?month=2025-06", "/regions/13/?month=2025-06&format=xlsx"],
}
CASES = [(username, url) for username, urls in PAGES.items() for url in urls]
# Session and user, the scope, the children, the months (the region's and its children's), the
# report's six (totals, provenance, baseline totals, own baselines, targets), the breadcrumb, and the
# region's programs, participation, villages, meetings and commitments: a fixed score, never one per row.
MOST_QUERIES = 22


def add_synthetic_kecamatan(first: int, count: int) -> None:
    """Synthetic kecamatan under Kab. Solok with three nagari each, figures for two months, baselines, targets."""
    kecamatan = [
        Region(code=f"13.02.{number}", name=f"Synthetic kecamatan {number}", kind="kecamatan", parent_id="13.02")
        for number in range(first, first + count)
    ]
    nagari = [
        Region(code=f"{k.code}.{2001 + j}", name=f"Synthetic nagari {j}", kind="nagari", parent_id=k.code)
        for k in kecamatan
        for j in range(3)
    ]
    Region.objects.bulk_create(kecamatan + nagari)
    Enrolment.objects.bulk_create(
        Enrolment(region=n, month=month, participants=10, source="synthetic")
        for n in nagari
        for month in (datetime.date(2025, 5, 1), datetime.date(2025, 6, 1))
    )
    Baseline.objects.bulk_create(
        Baseline(region=k, year=2025, kind="angkatan_kerja", count=500, source="synthetic") for k in kecamatan
    )
    Target.objects.bulk_create(Target(region=k, year=2025, percentage=20, legal_basis="synthetic") for k in kecamatan)
    rollups.rebuild()  # a bulk load that bypassed regions.actions


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(("username", "url"), CASES)
def test_a_page_runs_no_more_queries_with_ten_times_the_children(
    client_for, django_assert_max_num_queries, username, url
):
    from django.contrib.auth.models import User

    client = client_for(User.objects.get(username=username))
    add_synthetic_kecamatan(20, 4)
    small = queries_for(client, url)
    assert small <= MOST_QUERIES

    add_synthetic_kecamatan(30, 40)
    with django_assert_max_num_queries(small):
        response = client.get(url)
    assert response.status_code == 200


def test_the_entry_grid_and_history_run_no_more_queries_with_ten_times_the_rows(
    client_for, officer_solok, this_month, django_assert_max_num_queries
):
    client = client_for(officer_solok)
    urls = [f"/entry/{this_month:%Y-%m}/?region=13.02", "/regions/13.02/history/"]
    add_synthetic_kecamatan(20, 4)
    small = [queries_for(client, url) for url in urls]

    add_synthetic_kecamatan(30, 40)
    for url, count in zip(urls, small, strict=True):
        assert count <= MOST_QUERIES
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
