"""A province where only some kabupaten reported: the report gives coverage among reporting regions, n of m."""

import pytest

pytestmark = pytest.mark.django_db


def test_sumatera_barat_is_labelled_as_among_reporting_regions_with_n_of_m(client_for, admin_user, pdf_text):
    text = pdf_text(client_for(admin_user).get("/regions/13/report.pdf?month=2025-06").content)

    assert "CAKUPAN DI ANTARA WILAYAH YANG MELAPOR" in text
    assert "1 dari 19 kabupaten/kota melapor untuk Juni 2025" in text
    assert "basis Sumatera Barat secara keseluruhan belum diketahui" in text


def test_sumatera_barat_states_no_province_wide_coverage_or_gap(client_for, admin_user, pdf_text):
    text = pdf_text(client_for(admin_user).get("/regions/13/report.pdf?month=2025-06").content)

    headline = text.split("Asal angka")[0]
    assert "13,85 %" in headline  # the one reporting kabupaten's coverage, labelled as such above
    assert "Cakupan 13,85 %" not in text
    assert "KURANG DARI TARGET DI ANTARA WILAYAH YANG MELAPOR" in text
    assert "Dijumlahkan: jumlah angka 1 dari 19 kabupaten/kota." in text


def test_a_trend_without_bars_says_so_in_its_caption(client_for, admin_user, pdf_text):
    text = " ".join(pdf_text(client_for(admin_user).get("/regions/13/report.pdf?month=2025-06").content).split())

    assert "tidak ada batang" in text
    assert "Batang: peserta aktif" not in text
