"""What must never be stored is refused by the database itself, and explained by validation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regions.models import Baseline, Enrolment, Target

pytestmark = pytest.mark.django_db


def refused_by_database(record) -> bool:
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        return True
    return False


def test_a_second_figure_for_the_same_region_and_month_is_refused():
    duplicate = Enrolment(region_id="13.02", month=datetime.date(2025, 6, 1), participants=1)

    assert refused_by_database(duplicate)
    with pytest.raises(ValidationError, match="sudah punya angka untuk bulan ini"):
        duplicate.full_clean()


def test_a_month_that_is_not_the_first_day_is_refused():
    mid_month = Enrolment(region_id="13.02", month=datetime.date(2025, 7, 15), participants=1)

    assert refused_by_database(mid_month)
    with pytest.raises(ValidationError, match="tanggal 1"):
        mid_month.full_clean()


def test_negative_counts_are_refused():
    assert refused_by_database(Enrolment(region_id="13.02", month=datetime.date(2025, 7, 1), participants=-1))
    assert refused_by_database(Enrolment(region_id="13.02", month=datetime.date(2025, 7, 1), participants=1, pmi=-1))
    assert refused_by_database(Baseline(region_id="13.72", year=2025, kind="angkatan_kerja", count=-5))


def test_segments_that_do_not_add_up_are_refused_when_all_four_are_given():
    wrong = Enrolment(region_id="13.02", month=datetime.date(2025, 7, 1), participants=10, pu=1, bpu=2, jakon=3, pmi=5)

    assert refused_by_database(wrong)
    with pytest.raises(ValidationError, match="harus sama dengan jumlah peserta aktif"):
        wrong.full_clean()


def test_segments_may_be_partly_given_without_adding_up():
    partial = Enrolment(region_id="13.02", month=datetime.date(2025, 7, 1), participants=10, pu=1, bpu=2)

    partial.full_clean()
    assert not refused_by_database(partial)


def test_a_target_outside_0_to_100_percent_is_refused():
    too_high = Target(region_id="13.02", year=2025, percentage=Decimal("100.01"))

    assert refused_by_database(too_high)
    assert refused_by_database(Target(region_id="13.02", year=2025, percentage=Decimal("-1")))
    with pytest.raises(ValidationError, match="antara 0 dan 100"):
        too_high.full_clean()
    assert not refused_by_database(Target(region_id="13.02", year=2025, percentage=Decimal("100")))


def test_a_second_baseline_of_the_same_kind_or_target_for_the_same_region_and_year_is_refused():
    assert refused_by_database(Baseline(region_id="13.02", year=2025, kind="angkatan_kerja", count=1))
    assert refused_by_database(Target(region_id="13.11", year=2025, percentage=Decimal("30")))


def test_a_region_may_hold_several_kinds_of_baseline_a_year_but_only_one_primary():
    assert not refused_by_database(Baseline(region_id="13.02", year=2025, kind="penduduk_bekerja", count=1))
    assert refused_by_database(
        Baseline(region_id="13.02", year=2025, kind="angkatan_kerja_non_asn", count=1, primary=True)
    )
