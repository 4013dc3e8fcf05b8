"""GET /api/regions/<code>/coverage/: the object `manage.py coverage --json` prints, under the same scopes."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_api_answers_the_same_object_as_the_command(client_for, official_kabsolok, settings):
    settings.UCJ_SITE_URL = "http://testserver"  # the command links to SITE_URL, the API to where it was asked
    out = StringIO()
    call_command("coverage", "13.02", "--month", "2025-06", "--json", stdout=out)

    response = client_for(official_kabsolok).get("/api/regions/13.02/coverage/?month=2025-06")

    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())


def test_without_a_month_the_api_uses_the_latest_with_figures(client_for, official_kabsolok):
    assert client_for(official_kabsolok).get("/api/regions/13.02/coverage/").json()["month"] == "2025-06"


def test_a_malformed_month_is_a_400_with_a_message(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/api/regions/13.02/coverage/?month=2025-6-1")

    assert response.status_code == 400
    assert "TTTT-BB" in response.json()["error"]


def test_out_of_scope_and_unknown_regions_are_404(client_for, official_binjai):
    client = client_for(official_binjai)

    assert client.get("/api/regions/13.02/coverage/").status_code == 404
    assert client.get("/api/regions/nonsense/coverage/").status_code == 404


def test_the_api_accepts_only_get(client_for, official_kabsolok):
    assert client_for(official_kabsolok).post("/api/regions/13.02/coverage/").status_code == 405
