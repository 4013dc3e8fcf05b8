"""Bahasa Indonesia by default, English by the switch; numbers and months follow the language."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def page_text(client, url: str) -> str:
    return re.sub(r"\s+", " ", client.get(url).content.decode())


def test_indonesian_is_used_even_when_the_browser_asks_for_english(client_for, official_kabsolok):
    client = client_for(official_kabsolok)

    page = re.sub(
        r"\s+", " ", client.get("/regions/13.02/?month=2025-06", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    )

    assert "Cakupan" in page
    assert "31.442" in page
    assert "13,85 %" in page
    assert "Juni 2025" in page


def test_the_english_switch_changes_labels_numbers_and_months(client_for, official_kabsolok):
    client = client_for(official_kabsolok)

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/regions/13.02/"})
    page = page_text(client, "/regions/13.02/?month=2025-06")

    assert switched.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Coverage" in page
    assert "31,442" in page
    assert "13.85 %" in page
    assert "June 2025" in page
    assert "Cakupan" not in page


def test_switching_back_to_indonesian_works(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})

    assert "13,85 %" in page_text(client, "/regions/13.02/?month=2025-06")


def test_an_unknown_language_cookie_falls_back_to_indonesian(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert "Cakupan" in page_text(client, "/regions/13.02/")
