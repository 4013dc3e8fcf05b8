"""A program's page says how many points of its funding region's coverage its workers are, against the baseline."""

import pytest

from programs.models import FundingProgram
from programs.queries import share_of_coverage
from tests.conftest import set_baseline, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dbh_sawit() -> FundingProgram:
    return FundingProgram.objects.get(funding_source="dbh_sawit", funding_region_id="13.11")


def test_solok_selatan_s_3360_farmers_are_3_15_points_of_its_2024_coverage(client_for, officer_solok, dbh_sawit):
    page = text_of(client_for(officer_solok).get(f"/programs/{dbh_sawit.pk}/"))

    sentence = page.split('id="share-of-coverage">')[1].split("</p>")[0]
    assert sentence.startswith("3.360 pekerja setara 3,15 poin cakupan Kabupaten Solok Selatan: 3.360 dari 106.590")
    assert "(angkatan kerja, 2024)" in sentence


def test_the_share_is_measured_on_the_baseline_in_force_in_the_program_s_year(dbh_sawit):
    set_baseline("13.11", 2025, 61794, kind="angkatan_kerja")  # a later baseline does not move a 2024 program

    share = share_of_coverage(dbh_sawit)

    assert share is not None
    assert (share.baseline.count, share.baseline.year) == (106590, 2024)
    assert share.points * 106590 == 3360 * 100


def test_a_baseline_from_an_earlier_year_is_said_to_be_so(client_for, officer_solok, dbh_sawit):
    dbh_sawit.year = 2026
    dbh_sawit.save()

    page = text_of(client_for(officer_solok).get(f"/programs/{dbh_sawit.pk}/"))

    assert "Basis ini dari tahun sebelumnya." in page


def test_a_program_without_workers_or_without_a_baseline_shows_no_share(client_for, admin_user, dbh_sawit):
    dbh_sawit.workers_funded = None
    dbh_sawit.save()
    assert share_of_coverage(dbh_sawit) is None

    dbh_sawit.workers_funded = 3360
    dbh_sawit.year = 2019  # before any baseline of Solok Selatan
    dbh_sawit.save()
    assert share_of_coverage(dbh_sawit) is None
    assert 'id="share-of-coverage"' not in text_of(client_for(admin_user).get(f"/programs/{dbh_sawit.pk}/"))
