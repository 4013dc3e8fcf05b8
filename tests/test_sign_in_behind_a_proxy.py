"""Behind the load balancer, failed sign-ins count against the client's own address, never the balancer's."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from ucj.settings import envnetworks
from ucj.signin import client_ip

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.5"
ATTACKER, ADMIN = "203.0.113.7", "198.51.100.2"


def sign_in(client: Client, password: str, remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/login/", {"username": "admin", "password": password}, **headers)


@override_settings(TRUSTED_PROXIES=[BALANCER])
def test_failures_of_one_client_behind_the_balancer_do_not_lock_out_another():
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "salah", BALANCER, ATTACKER)

    assert sign_in(Client(), "salah", BALANCER, ATTACKER).status_code == 429
    assert sign_in(Client(), "demo-ucj-2025", BALANCER, ADMIN).status_code == 302


def test_x_forwarded_for_from_an_untrusted_address_is_ignored():
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "salah", ATTACKER, f"192.0.2.{attempt}")

    assert sign_in(Client(), "demo-ucj-2025", ATTACKER, "192.0.2.200").status_code == 429


def address_of(remote: str, forwarded: str | None = None, trusted: tuple[str, ...] = (BALANCER,)) -> str:
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    )
    with override_settings(TRUSTED_PROXIES=list(trusted)):
        return client_ip(request)


def test_without_trusted_proxies_the_connection_address_counts():
    assert address_of(BALANCER, ATTACKER, trusted=()) == BALANCER


def test_addresses_a_client_wrote_itself_are_never_believed():
    assert address_of(BALANCER, f"1.1.1.1, {ATTACKER}") == ATTACKER


def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    assert address_of("10.0.1.9", f"{ATTACKER}, 10.0.0.7", trusted=("10.0.0.0/16",)) == ATTACKER


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [("garbage", BALANCER), ("", BALANCER), (f"{ATTACKER}:5123", ATTACKER), ("[2001:db8::1]:443", "2001:db8::1")],
)
def test_odd_header_entries_fall_back_to_what_is_known(forwarded, expected):
    assert address_of(BALANCER, forwarded) == expected


def test_trusted_proxies_must_be_addresses_or_ranges(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, 10.1.0.0/16, 2001:db8::/32")
    assert envnetworks("TRUSTED_PROXIES") == ["10.0.0.5", "10.1.0.0/16", "2001:db8::/32"]

    monkeypatch.setenv("TRUSTED_PROXIES", "the balancer")
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        envnetworks("TRUSTED_PROXIES")
