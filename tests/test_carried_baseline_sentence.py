"""The note on a carried baseline names the years it is about, for a region and for a sum of parts."""

import pytest
from django.utils import translation

from regions.models import Region
from regions.months import parse_month
from regions.queries import coverage_report
from regions.statements import notes
from tests.conftest import set_baseline, set_figure, synthetic_kabupaten

pytestmark = pytest.mark.django_db


def test_a_region_whose_baseline_is_from_an_earlier_year_names_both_years():
    (kecamatan,) = synthetic_kabupaten("13.98", 1)
    set_baseline(kecamatan, 2024, 1000)
    set_figure(kecamatan, "2025-06", 100)

    item = coverage_report(Region.objects.get(code=kecamatan), parse_month("2025-06")).region

    with translation.override("en"):
        assert "The baseline of 2025 is not known yet; the one of 2024 is used." in notes(item)


def test_a_sum_of_parts_some_carried_says_so_without_naming_the_same_year_twice():
    first, second = synthetic_kabupaten("13.98", 2)
    set_baseline(first, 2025, 1000)
    set_baseline(second, 2024, 2000)
    set_figure(first, "2025-06", 100)
    set_figure(second, "2025-06", 300)

    item = coverage_report(Region.objects.get(code="13.98"), parse_month("2025-06")).region
    with translation.override("en"):
        sentences = notes(item)

    assert not any("the one of 2025 is used" in sentence for sentence in sentences)
    assert "For some of its parts the baseline of 2025 is not known yet; their latest earlier one is used." in sentences
