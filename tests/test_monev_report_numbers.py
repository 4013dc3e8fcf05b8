"""The monev report of Kab. Solok, June 2025: the published figure with what it covers, its month and its source."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_the_kab_solok_report_gives_13_85_percent_of_226_964_with_its_source(client_for, official_kabsolok, pdf_text):
    response = client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=2025-06")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Kabupaten Solok 13.02 · Juni 2025" in text
    assert "13,85 %" in text
    assert "31.442 peserta dari 226.964 (angkatan kerja, 2025)" in text
    assert "Angka Kabupaten Solok sendiri, Juni 2025" in text
    assert "Diskominfo Kab. Solok" in text


def test_the_report_lists_the_source_of_the_baseline_too(client_for, official_kabsolok, pdf_text):
    text = pdf_text(client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=2025-06").content)

    sources = text.split("Sumber")[-1]
    assert "Kabupaten Solok: angkatan kerja 2025" in sources
    assert "226.964 angkatan kerja" in sources


def test_the_report_names_its_reader_and_when_it_was_made(client_for, official_kabsolok, pdf_text):
    official_kabsolok.first_name, official_kabsolok.last_name = "Rina", "Pejabat"
    official_kabsolok.save()

    text = pdf_text(client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=2025-06").content)

    assert "WIB" in text
    assert "Rina Pejabat" in text
    unwrapped = "".join(text.split())  # a long link may wrap at a slash on the page
    assert "http://testserver/regions/13.02/?month=2025-06" in unwrapped  # back to the page, for the report's month


def test_the_report_shows_village_participation_and_the_meeting(client_for, official_kabsolok, pdf_text):
    text = pdf_text(client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=2025-06").content)

    assert "54 dari 74 dilaporkan" in text
    assert "Danau Kembar" in text
    assert "Aula Pertemuan Sedta Arosuka" in text


def test_solok_selatan_shows_target_gap_pace_and_cost_of_the_gap_as_estimates(client_for, officer_solok, pdf_text):
    text = pdf_text(client_for(officer_solok).get("/regions/13.11/report.pdf?month=2025-06").content)

    assert "16,97 %" in text
    assert "per September 2024" in text
    assert "28,30 %" in text
    assert "≈ 12.073" in text
    assert "Rp" in text


def test_the_report_is_in_english_when_the_user_switched(client_for, official_kabsolok, pdf_text):
    client = client_for(official_kabsolok)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = pdf_text(client.get("/regions/13.02/report.pdf?month=2025-06").content)

    assert "13.85 %" in text
    assert "31,442 participants of 226,964 (labour force, 2025)" in text
    assert "June 2025" in text
