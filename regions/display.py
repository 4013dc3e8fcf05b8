"""Numbers, percentages and months written the way the active language writes them."""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal
from fractions import Fraction

from django.utils import formats, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from regions.coverage import round_pct
from regions.models import Baseline, Provenance

EMPTY = "–"


@functools.lru_cache(maxsize=16)
def _separators(language: str) -> dict[int, str]:
    """Python's "," and "." swapped for the language's own (Django's formats, read once per language)."""
    return str.maketrans(
        {
            ",": str(formats.get_format("THOUSAND_SEPARATOR", language)),
            ".": str(formats.get_format("DECIMAL_SEPARATOR", language)),
        }
    )


def _localised(written: str) -> str:
    # Django's number_format looks the separators up on every call: a page writes hundreds of numbers.
    return written.translate(_separators(get_language() or ""))


def format_count(value: int | None) -> str:
    """31.442 in Indonesian, 31,442 in English."""
    if value is None:
        return EMPTY
    return _localised(f"{value:,}")


def format_signed(value: int | None) -> str:
    if value is None:
        return EMPTY
    return ("+" if value > 0 else "") + format_count(value)


def format_pct(value: Fraction | Decimal | float | None) -> str:
    """13,85 % in Indonesian, 13.85 % in English, always two decimals."""
    if value is None:
        return EMPTY
    return _localised(f"{round_pct(Fraction(value)):,.2f}") + " %"


def format_month(month: datetime.date | None) -> str:
    """ "Juni 2025" in Indonesian, "June 2025" in English."""
    if month is None:
        return EMPTY
    return _month_name(get_language() or "", month.year, month.month)


@functools.lru_cache(maxsize=4096)
def _month_name(language: str, year: int, month: int) -> str:
    # A page names the same few months dozens of times (charts, picker, notes); the lookup is the slow part.
    return formats.date_format(datetime.date(year, month, 1), "F Y")


def format_points(value: Fraction | Decimal | None) -> str:
    """Percentage points: 12,78 in Indonesian, 12.78 in English."""
    if value is None:
        return EMPTY
    rounded = round_pct(Fraction(value))
    return formats.number_format(rounded, decimal_pos=2, use_l10n=True, force_grouping=True)


def format_published_pct(value: Decimal | None) -> str:
    """A percentage as its source published it: 33 % stays "33 %", 16.97 becomes "16,97 %" (not padded)."""
    if value is None:
        return EMPTY
    normalised = value.normalize()
    exponent = normalised.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return formats.number_format(normalised, decimal_pos=places, use_l10n=True, force_grouping=True) + " %"


def provenance_label(value: str | None) -> str:
    """The reader's word for where a figure came from."""
    if value is None:
        return EMPTY
    if value == "rolled_up":
        return str(_("rolled up"))
    return _labels(get_language() or "", "provenance").get(value, value)


def baseline_kind_label(value: str | None) -> str:
    """'labour force', 'working population', ...; a sum of different kinds is 'mixed'."""
    if value is None:
        return EMPTY
    return _labels(get_language() or "", "baseline_kind").get(value) or str(_("mixed kinds"))


@functools.lru_cache(maxsize=16)
def _labels(language: str, of: str) -> dict[str, str]:
    """A choice's labels in one language, translated once (a table row asks for them several times)."""
    choices = Provenance.choices if of == "provenance" else Baseline.Kind.choices
    with translation.override(language or None):
        return {value: str(label) for value, label in choices}
