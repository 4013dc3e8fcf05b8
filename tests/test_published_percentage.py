"""A percentage the source published is shown beside our own, and flagged where they differ by over 0,05 points."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.conftest import set_baseline, set_figure, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def padang_panjang():
    """Kota Padang Panjang, Dec 2022, as docs/RULES.md cites it: 16.950 of 19.042 published as 93 % (it is 89,01 %)."""
    set_baseline("13.74", 2022, 19042)
    set_figure("13.74", "2022-12", 16950, provenance="published", published_pct=Decimal("93"))


def test_the_page_flags_the_published_93_percent_against_89_01(client_for, admin_user, padang_panjang):
    page = text_of(client_for(admin_user).get("/regions/13.74/?month=2022-12"))

    assert "89,01 %" in page
    assert "Sumber menyebut 93 %, tetapi angka-angkanya sendiri menghasilkan 89,01 % (selisih 3,99 poin)" in page


def test_the_table_of_the_province_marks_the_difference(client_for, admin_user, padang_panjang):
    page = client_for(admin_user).get("/regions/13/?month=2022-12").content.decode()

    assert 'class="flag"' in page


def test_the_api_flags_it(client_for, admin_user, padang_panjang):
    data = client_for(admin_user).get("/api/regions/13.74/coverage/?month=2022-12").json()

    assert (data["coverage_pct"], data["published_pct"], data["published_pct_matches"]) == (89.01, 93.0, False)


def test_the_downloads_flag_it(client_for, admin_user, padang_panjang):
    client = client_for(admin_user)

    sheet = load_workbook(io.BytesIO(client.get("/regions/13.74/?month=2022-12&format=xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    xlsx_row = dict(zip(rows[0], rows[1], strict=True))
    csv_rows = list(
        csv.reader(io.StringIO(client.get("/regions/13.74/?month=2022-12&format=csv").content.decode("utf-8-sig")))
    )
    csv_row = dict(zip(csv_rows[0], csv_rows[1], strict=True))

    for row in (xlsx_row, csv_row):
        assert row["Persentase yang dipublikasikan"] == "93 %"
        assert row["Persentase yang dipublikasikan sesuai"] == "tidak"
        assert row["Asal angka"] == "dipublikasikan"
    assert xlsx_row["Cakupan (%)"] == pytest.approx(89.01)


def test_a_published_percentage_that_matches_is_shown_as_published_not_padded(client_for, official_binjai):
    page = text_of(client_for(official_binjai).get("/regions/12.75/?month=2024-10"))

    assert "Sumber menyebut 33 %." in page
    assert "Turunan:" in page
    assert "sekitar 89.300 pekerja belum terlindungi" in page
    assert "menghasilkan 88.993" in page
