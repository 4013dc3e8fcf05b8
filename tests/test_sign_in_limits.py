"""A username longer than any user's is refused as a wrong sign-in, not a server error, with django-axes on."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

pytestmark = pytest.mark.django_db

LONG = "a" * 300


@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_a_username_over_255_characters_is_refused_as_a_wrong_sign_in(path):
    response = Client().post(path, {"username": LONG, "password": "salah"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not AccessAttempt.objects.filter(username=LONG).exists()


def test_an_ordinary_wrong_password_is_still_counted_by_axes():
    Client().post("/login/", {"username": "pejabat.kabsolok", "password": "salah"})

    assert AccessAttempt.objects.filter(username="pejabat.kabsolok").exists()
