"""The language switch's cookie is Secure where the session's is, HttpOnly and SameSite=Lax."""

import pytest
from django.conf import settings

from tests.test_deploy import production_value

pytestmark = pytest.mark.django_db


def test_the_language_cookie_is_secure_in_production():
    assert production_value("settings.LANGUAGE_COOKIE_SECURE") == "True"


def test_the_language_cookie_is_out_of_scripts_reach_and_same_site(client_for, official_kabsolok):
    response = client_for(official_kabsolok).post("/i18n/setlang/", {"language": "en", "next": "/"})

    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert bool(cookie["secure"]) == settings.SESSION_COOKIE_SECURE
