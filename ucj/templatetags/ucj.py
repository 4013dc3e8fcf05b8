"""Template filters that write numbers, percentages and months in the reader's language."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from django import template
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from programs.models import web_link as check_web_link
from regions import display

register = template.Library()


@register.filter
def count(value: int | None) -> str:
    return display.format_count(value)


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
    """A value from the history or an import's preview: counts grouped, a blank as a dash, the rest as stored."""
    if value is None:
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return display.format_count(value)
    return str(value)


@register.filter
def get(mapping: dict | None, key: str) -> object:
    return (mapping or {}).get(key)


@register.filter
def import_status(status: str) -> str:
    return {"new": _("new"), "changed": _("changed"), "unchanged": _("unchanged"), "rejected": _("rejected")}.get(
        status, status
    )


# The names of the values as the import sheets call their columns.
SHEET_COLUMN_NAMES = {
    "participants": "peserta_aktif",
    "note": "catatan",
    "source": "sumber",
    "kind": "jenis",
    "count": "jumlah",
    "percentage": "target_persen",
    "legal_basis": "dasar_hukum",
    "name": "nama",
}


@register.filter
def column_name(name: str) -> str:
    return SHEET_COLUMN_NAMES.get(name, name)


@register.filter
def web_link(value: str | None) -> str:
    """The address if it is an http or https link, else "": a stored javascript: link is never drawn as a link."""
    try:
        check_web_link(value or "")
    except ValidationError:
        return ""
    return value or ""


@register.filter
def provenance(value: str | None) -> str:
    """Where a figure came from, in the reader's words (the model's own labels)."""
    return display.provenance_label(value)
