"""Every demo user against the dashboard URLs: what answers 200, 404 or sends to the login page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URLS = ["/", "/regions/13.02/", "/regions/13.11/", "/regions/12.75/", "/api/regions/13.02/coverage/"]

EXPECTED = {
    "admin": [200, 200, 200, 200, 200],
    "petugas.solok": [200, 200, 200, 404, 200],
    "petugas.binjai": [200, 404, 404, 200, 404],
    "pejabat.kabsolok": [200, 200, 404, 404, 200],
    "pejabat.binjai": [200, 404, 404, 200, 404],
}


@pytest.mark.parametrize("username", EXPECTED)
def test_each_demo_user_reaches_exactly_their_regions(client_for, username):
    from django.contrib.auth.models import User

    client = client_for(User.objects.get(username=username))

    assert [client.get(url).status_code for url in URLS] == EXPECTED[username]


@pytest.mark.parametrize("url", URLS[:4])
def test_anonymous_users_are_sent_to_the_login_page(url):
    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_anonymous_api_calls_get_401_not_a_redirect():
    response = Client().get("/api/regions/13.02/coverage/")

    assert response.status_code == 401
    assert "error" in response.json()


def test_a_region_outside_the_scope_answers_the_same_404_as_one_that_does_not_exist(client_for, official_binjai):
    client = client_for(official_binjai)

    outside, missing = client.get("/regions/13.02/"), client.get("/regions/99.99/")

    assert outside.status_code == missing.status_code == 404
    assert "Tidak ditemukan" in outside.content.decode()


def test_a_user_without_a_role_is_told_so(client_for):
    from django.contrib.auth.models import User

    nobody = User.objects.create_user("nobody", password="x-long-password-1")
    response = client_for(nobody).get("/")

    assert response.status_code == 403
    assert "Belum ada wilayah" in response.content.decode()
    assert client_for(nobody).get("/regions/13.02/").status_code == 404


def test_the_login_page_speaks_indonesian_and_signs_in(db):
    client = Client()

    page = client.get("/login/")
    signed_in = client.post("/login/", {"username": "pejabat.kabsolok", "password": "demo-ucj-2025"})

    assert "Masuk" in page.content.decode()
    assert signed_in.status_code == 302
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_explained_in_indonesian(db):
    response = Client().post("/login/", {"username": "pejabat.kabsolok", "password": "wrong"})

    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_logout_needs_a_post(client_for, official_kabsolok):
    client = client_for(official_kabsolok)

    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302
