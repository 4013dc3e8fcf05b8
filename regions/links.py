"""Links to a region's page that an official can paste into a chat group or an email."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def region_page_link(code: str | None, month: datetime.date, request: HttpRequest | None = None) -> str:
    """The absolute address of a region's page (the overview's without a code) for `month`.

    A page links to the address it was asked on; a command or an email, with no
    request, to SITE_URL.
    """
    path = reverse("region", args=[code]) if code else reverse("overview")
    path = f"{path}?month={month:%Y-%m}"
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.UCJ_SITE_URL + path
