"""Dashboard tables download as .xlsx and CSV with raw numbers, and nothing in them runs as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from regions.models import Region

pytestmark = pytest.mark.django_db


def test_the_table_downloads_as_xlsx_with_numbers_as_numbers(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&format=xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ucj-13.02-2025-06.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kode", "Wilayah", "Peserta")
    assert rows[1][:4] == ("13.02", "Kabupaten Solok", 31442, 226964)
    assert rows[1][6] == pytest.approx(13.85)
    assert len(rows) == 1 + 1 + 14


def test_the_table_downloads_as_csv(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[1][:4] == ["13.02", "Kabupaten Solok", "31442", "226964"]


def test_downloads_follow_the_scope(client_for, official_binjai):
    assert client_for(official_binjai).get("/regions/13.02/?format=csv").status_code == 404


def test_text_that_looks_like_a_formula_stays_text(client_for, admin_user):
    Region.objects.create(code="13.02.90", name='=HYPERLINK("http://x","y")', kind="kecamatan", parent_id="13.02")
    client = client_for(admin_user)

    csv_rows = list(csv.reader(io.StringIO(client.get("/regions/13.02/?format=csv").content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(client.get("/regions/13.02/?format=xlsx").content)).active

    assert csv_rows[-1][:2] == ["13.02.90", '\'=HYPERLINK("http://x","y")']
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "13.02.90")
    assert cell.data_type == "s"
    assert cell.value.startswith("'=")
