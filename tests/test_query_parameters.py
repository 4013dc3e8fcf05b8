"""A query parameter that cannot be used answers 400 with a message saying how to write it, never 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["0", "99999999999999999999", "20x5", "-2025", "1899", "2201"])
def test_a_meeting_year_that_is_not_a_year_is_refused_with_a_message(client_for, official_kabsolok, year):
    response = client_for(official_kabsolok).get("/meetings/", {"year": year})

    assert response.status_code == 400
    assert "bukan tahun" in response.content.decode()


def test_a_meeting_year_filters_the_meetings(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/meetings/", {"year": "2025"})

    assert response.status_code == 200
    assert all(meeting.date.year == 2025 for meeting in response.context["meetings"])


@pytest.mark.parametrize("month", ["9999-12", "0000-01", "2201-01", "2025-13"])
def test_a_completeness_month_out_of_range_is_refused_with_a_message(client_for, officer_solok, month):
    response = client_for(officer_solok).get("/entry/completeness/", {"month": month})

    assert response.status_code == 400
    assert "bukan bulan" in response.content.decode()


def test_a_dashboard_month_out_of_range_is_refused(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/13.02/", {"month": "9999-12"})

    assert response.status_code == 400


def test_an_export_month_out_of_range_is_refused(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/exports/figures/", {"region": "13.02", "to": "9999-12"})

    assert response.status_code == 400
