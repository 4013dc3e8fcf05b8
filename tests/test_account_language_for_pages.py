"""The language a user saved on their account page is used for the pages when no language cookie says otherwise."""

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import set_email

pytestmark = pytest.mark.django_db


def test_a_user_who_chose_english_gets_english_pages_after_signing_in(officer_solok):
    set_email(officer_solok, "", language="en")
    client = Client()
    client.force_login(officer_solok)  # signing in reads the account's language

    response = client.get("/entry/completeness/")

    assert response["Content-Language"] == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_the_language_switchs_cookie_wins_over_the_accounts_language(officer_solok):
    set_email(officer_solok, "", language="en")
    client = Client()
    client.force_login(officer_solok)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    assert client.get("/entry/completeness/")["Content-Language"] == "id"


def test_a_user_who_chose_no_language_gets_indonesian(client_for, officer_solok):
    assert client_for(officer_solok).get("/entry/completeness/")["Content-Language"] == "id"


def test_saving_a_language_on_the_account_page_switches_the_pages_at_once(client_for, officer_solok):
    client = client_for(officer_solok)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"  # an earlier choice with the switch

    response = client.post("/akun/", {"language": "en", "email_reminders": "on"}, follow=True)

    assert response["Content-Language"] == "en"
    assert "Your settings are saved." in response.content.decode()
    officer_solok.profile.refresh_from_db()
    assert officer_solok.profile.language == "en"


def test_the_header_switch_also_sets_the_accounts_language_so_its_page_and_emails_agree(client_for, officer_solok):
    client = client_for(officer_solok)

    client.post("/i18n/setlang/", {"language": "en", "next": "/akun/"})
    page = client.get("/akun/").content.decode()

    officer_solok.profile.refresh_from_db()
    assert officer_solok.profile.language == "en"
    assert '<option value="en" selected>' in page


def test_the_switch_still_works_for_someone_not_signed_in():
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "/login/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
