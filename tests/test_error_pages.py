"""With DEBUG off, 400, 403, 404 and 500 answer in the reader's language and say what to do next."""

import io
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.template import loader
from django.test import Client, override_settings
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_failing")]

PRODUCTION_LIKE = override_settings(DEBUG=False)


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@PRODUCTION_LIKE
def test_a_missing_page_is_explained_in_indonesian_with_what_to_do(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/regions/12.75/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Tidak ditemukan" in page
    assert "Periksa alamatnya" in page
    assert 'href="/"' in page


@PRODUCTION_LIKE
def test_a_missing_page_is_in_english_when_switched(client_for, official_kabsolok):
    response = english(client_for(official_kabsolok)).get("/no/such/page/")

    assert response.status_code == 404
    assert "Check the address" in response.content.decode()


@PRODUCTION_LIKE
def test_a_missing_page_offers_to_sign_in_to_someone_signed_out():
    response = Client().get("/no/such/page/")

    assert response.status_code == 404
    assert 'href="/login/"' in response.content.decode()


@PRODUCTION_LIKE
def test_a_refusal_says_whom_to_ask(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/imports/")

    page = response.content.decode()
    assert response.status_code == 403
    assert "Tidak diizinkan" in page
    assert "minta admin" in page


@PRODUCTION_LIKE
def test_a_refusal_is_in_english_when_switched(client_for, official_kabsolok):
    response = english(client_for(official_kabsolok)).get("/imports/")

    assert response.status_code == 403
    assert "ask the admin" in response.content.decode()


@PRODUCTION_LIKE
def test_a_bad_parameter_answers_400_with_its_message(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/bad-parameter/")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Tulis tahun dengan empat angka." in page
    assert "Kembali dan perbaiki" in page


@PRODUCTION_LIKE
def test_a_suspicious_request_answers_400_without_technical_words(client_for, official_kabsolok):
    response = english(client_for(official_kabsolok)).get("/suspicious/")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Go back and correct it" in page
    assert "technical reason" not in page


@PRODUCTION_LIKE
def test_a_server_error_answers_500_in_indonesian_with_what_to_do(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    client.raise_request_exception = False

    response = client.get("/boom/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in page
    assert "beri tahu admin" in page
    assert "boom" not in page


@PRODUCTION_LIKE
def test_a_server_error_is_in_english_when_switched(client_for, official_kabsolok):
    client = english(client_for(official_kabsolok))
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "tell the admin" in response.content.decode()


def test_the_500_page_needs_no_request_and_no_database(django_assert_num_queries):
    with translation.override("id"), django_assert_num_queries(0):
        page = loader.get_template("500.html").render()

    assert "Terjadi kesalahan" in page


@pytest.fixture
def stderr_log():
    """What the stderr handler of Django's loggers writes, captured."""
    handler = next(h for h in logging.getLogger("django").handlers if type(h) is logging.StreamHandler)
    captured = io.StringIO()
    previous = handler.setStream(captured)
    yield captured
    handler.setStream(previous)


@PRODUCTION_LIKE
def test_a_server_error_writes_its_traceback_to_stderr(client_for, official_kabsolok, stderr_log):
    client = client_for(official_kabsolok)
    client.raise_request_exception = False

    client.get("/boom/")

    written = stderr_log.getvalue()
    assert "ERROR django.request" in written
    assert "Traceback (most recent call last)" in written
    assert "RuntimeError: boom: a bug in a view" in written


@override_settings(DEBUG=False, ADMINS=[("Admin UCJ", "admin@ucj.example.id")])
def test_a_server_error_is_mailed_to_the_admins_when_they_are_set(client_for, official_kabsolok, stderr_log):
    client = client_for(official_kabsolok)
    client.raise_request_exception = False

    client.get("/boom/")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@ucj.example.id"]
    assert "RuntimeError" in mail.outbox[0].body


def test_admins_are_read_from_the_environment(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from ucj.settings import envaddresses

    monkeypatch.setenv("ADMINS", "Admin UCJ <admin@ucj.example.id>, ops@ucj.example.id")
    assert envaddresses("ADMINS") == [
        ("Admin UCJ", "admin@ucj.example.id"),
        ("ops@ucj.example.id", "ops@ucj.example.id"),
    ]

    monkeypatch.setenv("ADMINS", "not an address")
    with pytest.raises(ImproperlyConfigured, match="e-mail"):
        envaddresses("ADMINS")
