"""Reading query parameters that can be wrong: a wrong one answers 400 with a message, never 500."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.utils.translation import gettext as _

from regions.months import FIRST_YEAR, LAST_YEAR, MonthError, parse_month
from regions.validation import FigureError, parse_count


class BadParameter(BadRequest):
    """A query parameter the page cannot use; the message says which and how to write it, for the user."""


def year_param(request: HttpRequest, name: str) -> int | None:
    """A four-digit year from ?name=, or None when it is absent or blank."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\d{4}", raw) or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        raise BadParameter(
            _("%(value)r is not a year: write four digits from %(first)d to %(last)d, for example 2025.")
            % {"value": raw[:40], "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return int(raw)


def month_param(request: HttpRequest, name: str) -> datetime.date | None:
    """A month from ?name=YYYY-MM, or None when it is absent or blank."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_month(raw)
    except MonthError:
        raise BadParameter(
            _("%(value)r is not a month. Months are written YYYY-MM, for example 2025-06.") % {"value": raw[:40]}
        ) from None


def count_param(request: HttpRequest, name: str) -> int | None:
    """A whole number of workers from ?name= (18092 or 18.092), or None when it is absent or blank."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_count(raw[:40])
    except FigureError as error:
        raise BadParameter(str(error)) from None
