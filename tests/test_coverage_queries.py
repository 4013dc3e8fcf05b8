"""A coverage report costs the same number of queries however many children the region has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions import rollups
from regions.models import Baseline, Enrolment, Region
from regions.queries import coverage_report

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2025, 6, 1)


def add_synthetic_kecamatan(count: int) -> None:
    """Synthetic kecamatan under Kab. Solok, each with a baseline and two months of figures."""
    regions = [
        Region(code=f"13.02.{50 + i}", name=f"Synthetic kecamatan {i}", kind="kecamatan", parent_id="13.02")
        for i in range(count)
    ]
    Region.objects.bulk_create(regions)
    Baseline.objects.bulk_create(
        Baseline(region=r, year=2025, kind="angkatan_kerja", count=1000, source="synthetic") for r in regions
    )
    Enrolment.objects.bulk_create(
        Enrolment(region=r, month=month, participants=100, source="synthetic")
        for r in regions
        for month in (JUNE, datetime.date(2025, 5, 1))
    )
    rollups.rebuild()  # a bulk load that bypassed regions.actions


def count_queries(region: Region) -> int:
    with CaptureQueriesContext(connection) as context:
        coverage_report(region, JUNE)
    return len(context.captured_queries)


def test_the_query_count_does_not_grow_with_the_number_of_children(django_assert_max_num_queries):
    kab_solok = Region.objects.get(code="13.02")
    small = count_queries(kab_solok)

    add_synthetic_kecamatan(40)
    with django_assert_max_num_queries(small):
        report = coverage_report(kab_solok, JUNE)

    assert len(report.children) == 14 + 40
    assert small <= 7


def test_rolled_up_children_are_summed_from_the_subtree_in_the_same_queries(django_assert_max_num_queries):
    add_synthetic_kecamatan(3)
    sumbar = Region.objects.get(code="13")

    with django_assert_max_num_queries(7):
        report = coverage_report(sumbar, JUNE)

    kab_solok = next(child for child in report.children if child.code == "13.02")
    assert kab_solok.participants.total == 31442  # its own figure wins over its children's
    assert kab_solok.reported
