"""The account page (/akun/): sign-in required, shows the email on file, saves reminder choices and the language."""

from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from tests.conftest import set_email, text_of

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_sign_in():
    response = Client().get("/akun/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/akun/")


def test_the_page_shows_the_email_address_on_file_and_is_linked_from_every_page(client_for, officer_solok):
    set_email(officer_solok, "petugas.solok@example.id")
    client = client_for(officer_solok)

    page = text_of(client.get("/akun/"))

    assert "petugas.solok@example.id" in page
    assert 'href="/akun/"' in text_of(client.get("/"))


def test_a_user_without_an_address_is_told_no_email_can_reach_them(client_for, officer_binjai):
    client = client_for(officer_binjai)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert "no email can reach you" in text_of(client.get("/akun/"))


def test_turning_reminders_off_saves_and_the_command_then_skips_that_user(client_for, officer_solok):
    set_email(officer_solok, "petugas.solok@example.id")
    client = client_for(officer_solok)

    response = client.post("/akun/", {"language": "id"})  # the check box left empty: reminders off

    assert response.status_code == 302
    officer_solok.profile.refresh_from_db()
    assert officer_solok.profile.email_reminders is False
    out = StringIO()
    with translation.override("en"):  # the run's own words in English, whatever the catalog holds
        call_command("send_reminders", "--today", "2025-07-15", stdout=out)
    assert mail.outbox == []
    heading = next(line for line in out.getvalue().splitlines() if "petugas.solok" in line)
    assert "turned off" in heading


def test_each_role_is_offered_only_the_emails_it_can_receive(client_for, official_kabsolok, officer_solok, admin_user):
    officer = text_of(client_for(officer_solok).get("/akun/"))
    official = text_of(client_for(official_kabsolok).get("/akun/"))
    admin = text_of(client_for(admin_user).get("/akun/"))

    assert 'name="email_reminders"' in officer
    assert 'name="monthly_summary"' not in officer
    assert 'name="monthly_summary"' in official
    assert 'name="email_reminders"' not in official
    assert 'name="language"' in admin
    assert "email_reminders" not in admin
    assert "monthly_summary" not in admin


def test_an_official_may_ask_for_the_monthly_summary(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    client.post("/akun/", {"language": "id", "email_reminders": "on", "monthly_summary": "on"})

    official_kabsolok.profile.refresh_from_db()
    assert official_kabsolok.profile.monthly_summary is True
    assert official_kabsolok.profile.email_reminders is True


def test_a_language_that_is_not_offered_is_refused_with_a_message_and_nothing_is_saved(client_for, officer_solok):
    response = client_for(officer_solok).post("/akun/", {"language": "xx"})

    assert response.status_code == 400
    assert "Bahasa Indonesia" in text_of(response)
    assert response.context["form"].errors["language"]
    officer_solok.profile.refresh_from_db()
    assert officer_solok.profile.language == ""
    assert officer_solok.profile.email_reminders is True


def test_a_user_without_a_role_sees_the_page_without_choices(client_for):
    from django.contrib.auth.models import User

    user = User.objects.create_user("tanpa.peran", email="tanpa.peran@example.id")

    response = client_for(user).get("/akun/")

    assert response.status_code == 200
    assert response.context["form"] is None
    assert "tanpa.peran@example.id" in text_of(response)


def test_choosing_emails_without_an_address_on_file_warns_that_none_can_arrive(client_for, official_kabsolok):
    official_kabsolok.email = ""
    official_kabsolok.save()

    response = client_for(official_kabsolok).post("/akun/", {"language": "id", "monthly_summary": "on"}, follow=True)

    assert "Belum ada alamat email yang tercatat" in response.content.decode()
