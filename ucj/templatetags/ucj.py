"""Template filters that write numbers, percentages and months in the reader's language."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from django import template

from regions import display

register = template.Library()


@register.filter
def count(value: int | None) -> str:
    return display.format_count(value)


@register.filter
def signed(value: int | None) -> str:
    return display.format_signed(value)


@register.filter
def pct(value: Fraction | Decimal | float | None) -> str:
    return display.format_pct(value)


@register.filter
def month(value: datetime.date | None) -> str:
    return display.format_month(value)


@register.filter
def rupiah(value: int | None) -> str:
    return display.EMPTY if value is None else "Rp" + display.format_count(value)


@register.filter
def figure(value: object) -> str:
    """A value from the history: counts grouped, everything else as it was stored."""
    if isinstance(value, int) and not isinstance(value, bool):
        return display.format_count(value)
    return str(value)
