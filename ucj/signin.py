"""Signing in: the forms, bounded before django-axes records a failure, and whom a failure is counted against."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class BoundedUsername:
    """Refuses a username longer than any user can have, before authenticate() runs.

    Django's form only sets the input's maxlength attribute, so a longer one reached
    authenticate(), and django-axes then stored it in a 255-character column:
    a database error on PostgreSQL instead of "wrong username or password".
    """

    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class SignInForm(BoundedUsername, AuthenticationForm):
    pass


class AdminSignInForm(BoundedUsername, AdminAuthenticationForm):
    pass


def client_ip(request: HttpRequest) -> str:
    """The address django-axes counts failed sign-ins against.

    REMOTE_ADDR, unless it is one of the load balancers named in TRUSTED_PROXIES: then
    X-Forwarded-For is read from the right (each proxy appends the address it saw), skipping
    trusted proxies, and the first address no trusted proxy owns is the client. Entries to its
    left were written by the client itself and may be anything, so they are never believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    current = _address(remote)
    if current is None or not _is_trusted(current, trusted):
        return remote
    client = str(current)
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break  # garbage from whoever the last trusted proxy talked to: that proxy's peer is all we know
        client = str(address)
        if not _is_trusted(address, trusted):
            break
    return client


@functools.cache
def trusted_networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    """TRUSTED_PROXIES as networks: single addresses and CIDR ranges ("10.0.0.5", "10.0.0.0/24")."""
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: IPAddress, networks: Iterable[IPNetwork]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def _address(text: str) -> IPAddress | None:
    """An address from a header entry; some balancers add a port ("203.0.113.7:5123", "[2001:db8::1]:443")."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address
