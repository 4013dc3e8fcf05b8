"""The report follows the region page's rules: sign in first, 404 outside the scope, a clear refusal for a bad month."""

import pytest

from tests.conftest import text_of

pytestmark = pytest.mark.django_db


def test_an_official_outside_the_scope_gets_404(client_for, official_binjai):
    assert client_for(official_binjai).get("/regions/13.02/report.pdf?month=2025-06").status_code == 404


def test_an_unknown_region_gets_404(client_for, admin_user):
    assert client_for(admin_user).get("/regions/99.99/report.pdf").status_code == 404


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get("/regions/13.02/report.pdf?month=2025-06")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_a_month_that_is_not_yyyy_mm_is_refused_with_a_page_that_says_how_to_write_it(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=juni")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "2025-06" in text_of(response)


def test_the_region_page_links_to_the_report_of_its_month(client_for, official_kabsolok):
    page = text_of(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert 'href="/regions/13.02/report.pdf?month=2025-06"' in page
    assert "Laporan monev (PDF)" in page or "Monev report (PDF)" in page
    assert 'id="pdf-unavailable"' not in page


def test_the_report_is_not_kept_by_shared_caches(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/report.pdf?month=2025-06")

    assert "no-store" in response["Cache-Control"]
    assert 'filename="monev-ucj-13.02-2025-06.pdf"' in response["Content-Disposition"]
