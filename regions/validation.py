"""Reading numbers the way people type them, and the rules a month's figure must meet.

Plain functions: the entry grid, the admin forms and the spreadsheet import
all ask the same questions here and get the same answers, in the user's language.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _

from regions.display import format_count, format_month, format_pct
from regions.limits import MAX_COUNT
from regions.months import months_between

GROUPED = re.compile(r"^\d{1,3}([.,\u00a0 ]\d{3})+$")
PLAIN = re.compile(r"^\d+$")

# Control characters other than tab and line breaks: NUL (which PostgreSQL cannot store, and which Excel
# writes as _x0000_), escape sequences, DEL and the C1 range. They never belong in a name or a note.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class FigureError(ValueError):
    """A value or a row that breaks a rule; the message says which, for the user."""


def has_control_characters(text: str) -> bool:
    # isprintable() is a fast pass for the usual cell; only text that fails it is searched.
    return not text.isprintable() and CONTROL_CHARACTERS.search(text) is not None


def strip_control_characters(text: str) -> str:
    """The text without control characters; tabs and line breaks stay (notes may have several lines)."""
    return CONTROL_CHARACTERS.sub("", text) if has_control_characters(text) else text


def parse_count(text: str | int | float | None, maximum: int = MAX_COUNT) -> int | None:
    """A whole non-negative number up to `maximum`: 18092, "18092", "18.092" or "18,092" (grouped by thousands)."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise FigureError(_("Enter a whole number."))
    if isinstance(text, int):
        value = text
    elif isinstance(text, float):
        if not text.is_integer():
            raise FigureError(_("Enter a whole number, without decimals."))
        value = int(text)
    elif not isinstance(text, str):
        raise FigureError(_("Enter a whole number."))
    else:
        cleaned = text.strip()
        if not cleaned:
            return None
        if cleaned.startswith("-"):
            raise FigureError(_("The number cannot be negative."))
        if PLAIN.match(cleaned):
            value = int(cleaned)
        elif GROUPED.match(cleaned):
            value = int(re.sub(r"\D", "", cleaned))
        else:
            raise FigureError(_("%(value)r is not a whole number (write 18092 or 18.092).") % {"value": cleaned})
    if value < 0:
        raise FigureError(_("The number cannot be negative."))
    if value > maximum:
        raise FigureError(
            _("%(value)s is more than %(limit)s, the most this number can be; check it.")
            % {"value": format_count(value), "limit": format_count(maximum)}
        )
    return value


def parse_percentage(text: str | int | float | Decimal | None) -> Decimal | None:
    """A percentage from 0 to 100: 28.3, "28,30", "28,30 %", "28.30%"."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise FigureError(_("Enter a percentage between 0 and 100."))
    if isinstance(text, int | float | Decimal):
        raw = str(text)
    elif not isinstance(text, str):
        raise FigureError(_("Enter a percentage between 0 and 100."))
    else:
        raw = text.strip().removesuffix("%").strip().replace(",", ".")
        if not raw:
            return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise FigureError(_("%(value)r is not a percentage (write 28,30).") % {"value": str(text).strip()}) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise FigureError(_("The percentage must be between 0 and 100."))
    if value != value.quantize(Decimal("0.01")):
        raise FigureError(_("Give the percentage with at most two decimals."))
    return value.quantize(Decimal("0.01"))


def check_segments_add_up(participants: int, segments: Mapping[str, int | None]) -> None:
    """Segments never add up to more than the total, whichever are blank; all four must add up to it exactly."""
    given = [value for value in segments.values() if value is not None]
    total = sum(given)
    if len(given) == len(segments) and total != participants:
        raise FigureError(
            _("PU + BPU + Jakon + PMI is %(total)s, but the active participants are %(participants)s.")
            % {"total": format_count(total), "participants": format_count(participants)}
        )
    if total > participants:
        raise FigureError(
            _("The segments filled in add up to %(total)s, more than the active participants (%(participants)s).")
            % {"total": format_count(total), "participants": format_count(participants)}
        )


def check_not_above_baseline(participants: int, baseline: int | None) -> None:
    if baseline is not None and participants > baseline:
        raise FigureError(
            _("%(participants)s is more than the baseline of %(baseline)s workers.")
            % {"participants": format_count(participants), "baseline": format_count(baseline)}
        )


def check_month_not_in_future(month: datetime.date, today: datetime.date) -> None:
    if month > today.replace(day=1):
        raise FigureError(_("Figures cannot be entered for a month that has not come yet."))


def is_locked(month: datetime.date, today: datetime.date, lock_months: int) -> bool:
    """Months older than `lock_months` months before this one are closed to branch officers."""
    return months_between(month, today.replace(day=1)) > lock_months


def change_pct(previous: int | None, participants: int) -> Fraction | None:
    """The change against an earlier figure, in percent; None when there is nothing (or only 0) to compare with."""
    if not previous:
        return None
    return Fraction((participants - previous) * 100, previous)


def needs_confirmation(previous: int | None, participants: int, threshold_pct: int) -> bool:
    change = change_pct(previous, participants)
    return change is not None and abs(change) > threshold_pct


def describe_change(previous: int, participants: int) -> str:
    change = change_pct(previous, participants)
    sign = "+" if change and change > 0 else ""
    return sign + format_pct(change)


@dataclass(frozen=True)
class FigureProblem:
    """A rule a figure breaks: the field it concerns and why. One that only wants a confirmation is not an error."""

    field: str
    message: str
    needs_confirmation: bool = False


@dataclass(frozen=True)
class FigureContext:
    """What a month's figure is checked against: the region's baseline that year and its latest earlier figure."""

    baseline: int | None = None
    previous: int | None = None
    previous_month: datetime.date | None = None


def figure_problems(
    participants: int,
    segments: Mapping[str, int | None],
    context: FigureContext,
    *,
    confirmed: bool,
    threshold_pct: int,
) -> list[FigureProblem]:
    """Every rule a month's figure must meet, for every channel alike (grid, import, admin, API).

    A count above the region's baseline and segments over the total are
    refused; a change beyond ±`threshold_pct` % against the latest earlier
    figure (whichever month it is from) is kept only when confirmed with a reason.
    """
    problems = []
    try:
        check_segments_add_up(participants, segments)
    except FigureError as error:
        problems.append(FigureProblem("pu", str(error)))
    try:
        check_not_above_baseline(participants, context.baseline)
    except FigureError as error:
        problems.append(FigureProblem("participants", str(error)))
    if not confirmed and needs_confirmation(context.previous, participants, threshold_pct):
        message = _(
            "That is %(change)s against the figure of %(month)s (more than ±%(limit)d %%): "
            "confirm it and give a reason."
        ) % {
            "change": describe_change(context.previous or 0, participants),
            "month": format_month(context.previous_month),
            "limit": threshold_pct,
        }
        problems.append(FigureProblem("confirm", message, needs_confirmation=True))
    return problems
