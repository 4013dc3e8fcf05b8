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
    kab_solok = dict(zip(rows[0], rows[1], strict=True))
    assert rows[0][:2] == ("Kode", "Wilayah")
    assert (kab_solok["Kode"], kab_solok["Peserta aktif"], kab_solok["Basis"]) == ("13.02", 31442, 226964)
    assert kab_solok["Cakupan (%)"] == pytest.approx(13.85)
    assert len(rows) == 1 + 1 + 14


def test_the_table_downloads_as_csv(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/?month=2025-06&format=csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    kab_solok = dict(zip(rows[0], rows[1], strict=True))
    assert response["Content-Type"].startswith("text/csv")
    assert (kab_solok["Kode"], kab_solok["Peserta aktif"], kab_solok["Basis"]) == ("13.02", "31442", "226964")


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


def test_a_download_carries_what_each_number_covers_in_words(client_for, admin_user):
    response = client_for(admin_user).get("/regions/13/?month=2025-06&format=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    by_code = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    sumbar, kab_solok, solok_selatan = by_code["13"], by_code["13.02"], by_code["13.11"]

    assert sumbar["Mencakup seluruh wilayah"] == "tidak"
    assert sumbar["Cakupan (%)"] is None
    assert sumbar["Cakupan di antara wilayah yang melapor (%)"] == pytest.approx(13.85)
    assert (sumbar["Wilayah melapor"], sumbar["Jumlah wilayah"]) == (1, 19)
    assert sumbar["Asal angka"] == "dijumlahkan"
    assert kab_solok["Bulan angka"] == "Juni 2025"
    assert kab_solok["Asal angka"] == "dipublikasikan"
    assert kab_solok["Jenis basis"] == "angkatan kerja"
    assert kab_solok["Persentase yang dipublikasikan"] == "13,85 %"
    assert kab_solok["Sumber"].startswith("Diskominfo Kab. Solok")
    assert kab_solok["Angka dari bulan sebelumnya"] == "tidak"
    assert solok_selatan["Jenis angka"] == "belum melapor"
