"""Months as the first day of the month: parsing, stepping and counting."""

from __future__ import annotations

import datetime
import re

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")
# Months outside these years are typing mistakes; the bound also keeps a month's neighbours within
# what datetime.date can hold (9999-12 has no next month).
FIRST_YEAR, LAST_YEAR = 1900, 2200


class MonthError(ValueError):
    pass


def parse_month(text: str) -> datetime.date:
    """'2025-06' -> date(2025, 6, 1). Raises MonthError for anything else."""
    match = MONTH_PATTERN.match(text.strip())
    if not match:
        raise MonthError(text)
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not FIRST_YEAR <= year <= LAST_YEAR:
        raise MonthError(text)
    return datetime.date(year, month, 1)


def add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def month_key(month: datetime.date) -> str:
    return f"{month:%Y-%m}"
