"""The demo's published facts come out of the arithmetic as the sources state them."""

import datetime
from decimal import Decimal

import pytest

from regions.coverage import round_pct
from regions.models import Region
from regions.queries import coverage_report

pytestmark = pytest.mark.django_db


def report(code: str, year: int, month: int):
    return coverage_report(Region.objects.get(code=code), datetime.date(year, month, 1))


def test_kab_solok_in_june_2025_is_13_85_percent_of_226_964():
    kab_solok = report("13.02", 2025, 6).region

    assert kab_solok.participants.total == 31442
    assert kab_solok.baseline.count == 226964
    assert kab_solok.baseline.kind == "angkatan_kerja"
    assert round_pct(kab_solok.coverage_pct) == Decimal("13.85")
    assert kab_solok.reported
    assert kab_solok.provenance == "published"
    assert kab_solok.published_pct_matches


def test_solok_selatan_in_september_2024_is_16_97_percent_with_its_segments():
    solok_selatan = report("13.11", 2024, 9).region
    participants = solok_selatan.participants

    assert participants.total == 18092
    assert (participants.pu, participants.bpu, participants.jakon, participants.pmi) == (11110, 5847, 1135, None)
    assert round_pct(solok_selatan.coverage_pct) == Decimal("16.97")


def test_solok_selatan_in_2025_shows_its_september_2024_figure_on_its_own_basis_against_the_28_30_target():
    solok_selatan = report("13.11", 2025, 6).region

    # The latest figure (September 2024) stands in, and says so, on the baseline of its own year.
    assert solok_selatan.figure_month == datetime.date(2024, 9, 1)
    assert solok_selatan.figure_carried_forward
    assert solok_selatan.baseline.year == 2024
    assert round_pct(solok_selatan.coverage_pct) == Decimal("16.97")
    assert solok_selatan.target.percentage == Decimal("28.30")
    assert not solok_selatan.target.inherited
    # The gap of 2025 from a 2024 figure is an estimate, never "target reached".
    assert solok_selatan.gap_to_target == 30165 - 18092
    assert solok_selatan.gap_is_estimate
    assert not solok_selatan.target_reached


def test_binjais_33_percent_is_kept_as_published_beside_the_count_derived_from_it():
    binjai = report("12.75", 2024, 10).region

    assert binjai.baseline.count == 132826
    assert binjai.provenance == "derived"
    assert binjai.published_pct == Decimal("33")
    assert binjai.published_pct_matches
    assert binjai.published_uncovered == 89300
    assert round_pct(binjai.coverage_pct) == Decimal("33.00")


def test_the_province_has_no_coverage_in_june_2025_only_one_among_reporting_regions():
    sumbar = report("13", 2025, 6).region

    assert sumbar.coverage_pct is None
    assert sumbar.is_partial
    assert not sumbar.complete
    assert round_pct(sumbar.coverage_among_reporting_pct) == Decimal("13.85")
    assert (sumbar.children_reported, sumbar.children_total) == (1, 19)
    assert sumbar.children_total == Region.objects.filter(parent_id="13").count()
    assert sumbar.gap_to_target is None
    assert sumbar.pace_needed is None


def test_the_country_has_no_coverage_in_june_2025():
    country = report("ID", 2025, 6).region

    assert country.coverage_pct is None
    assert country.coverage_among_reporting_pct is None  # no province is complete


def test_a_kecamatan_without_a_target_inherits_its_kabupatens():
    children = report("13.11", 2025, 6).children

    assert len(children) == 7
    for kecamatan in children:
        assert kecamatan.target.percentage == Decimal("28.30")
        assert kecamatan.target.inherited
        assert kecamatan.target.set_for == "13.11"


def test_every_published_figure_names_its_source():
    from regions.models import Baseline, Enrolment, Target

    for record in [*Baseline.objects.all(), *Enrolment.objects.all()]:
        assert record.source.strip(), record
    for target in Target.objects.all():
        assert target.legal_basis.strip(), target
