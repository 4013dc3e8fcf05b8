"""The summary to share in a chat group: region, month, coverage with what it covers, source, target, gap, link."""

import html

import pytest

from tests.conftest import text_of

pytestmark = pytest.mark.django_db


def summary_on_page(response) -> str:
    return html.unescape(text_of(response).split('id="summary-text" readonly rows="6">')[1].split("</textarea>")[0])


def test_the_kab_solok_summary_names_month_coverage_counts_source_and_link(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/?month=2025-06")

    summary = summary_on_page(response)
    assert summary.startswith("UCJ Kabupaten Solok, Juni 2025: cakupan 13,85 %.")
    assert "31.442 peserta dari 226.964 (angkatan kerja, 2025)." in summary
    assert "Diskominfo Kab. Solok" in summary
    assert "http://testserver/regions/13.02/?month=2025-06" in summary


def test_the_api_gives_the_same_summary(client_for, official_kabsolok):
    client = client_for(official_kabsolok)

    data = client.get("/api/regions/13.02/coverage/?month=2025-06").json()
    page = summary_on_page(client.get("/regions/13.02/?month=2025-06"))

    assert " ".join(data["summary"].split()) == page


def test_solok_selatan_summary_says_the_figure_is_of_september_2024_and_gives_target_and_gap(client_for, officer_solok):
    summary = summary_on_page(client_for(officer_solok).get("/regions/13.11/?month=2025-06"))

    assert "UCJ Kabupaten Solok Selatan, Juni 2025: cakupan 16,97 % per September 2024." in summary
    assert "Target 2025: 28,30 %." in summary
    assert "12.073" in summary


def test_a_partly_reported_province_summary_gives_coverage_among_reporting_regions_only(client_for, admin_user):
    summary = summary_on_page(client_for(admin_user).get("/regions/13/?month=2025-06"))

    assert "cakupan di antara wilayah yang melapor" in summary
    assert "dari 19" in summary


def test_the_share_button_copies_the_summary(client_for, official_kabsolok):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert 'data-copy="summary-text"' in page
    assert "Bagikan (salin ringkasan)" in page


def test_the_coverage_command_gives_the_summary_with_a_link_to_the_site_address(settings):
    import json
    from io import StringIO

    from django.core.management import call_command

    settings.UCJ_SITE_URL = "https://ucj.example.go.id"
    out = StringIO()

    call_command("coverage", "13.02", "--month", "2025-06", "--json", stdout=out)

    summary = json.loads(out.getvalue())["summary"]
    assert summary.startswith("UCJ Kabupaten Solok, Juni 2025: cakupan 13,85 %.")
    assert summary.endswith("\nhttps://ucj.example.go.id/regions/13.02/?month=2025-06")
