"""Numbers as people type them: whole counts and percentages."""

from decimal import Decimal

import pytest

from regions.validation import FigureError, is_locked, needs_confirmation, parse_count, parse_percentage


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("18092", 18092),
        ("18.092", 18092),
        ("18,092", 18092),
        (" 1.234.567 ", 1234567),
        ("0", 0),
        (42, 42),
        (7.0, 7),
        ("", None),
    ],
)
def test_whole_numbers_are_read_with_or_without_thousands_separators(typed, value):
    assert parse_count(typed) == value


@pytest.mark.parametrize("typed", ["18.09", "18,5", "-5", "abc", "1.2345", "12 orang", 3.5, True, "1e3"])
def test_anything_but_a_whole_non_negative_number_is_refused_with_a_message(typed):
    with pytest.raises(FigureError) as error:
        parse_count(typed)
    assert str(error.value)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("28,30", Decimal("28.30")),
        ("28.3", Decimal("28.30")),
        ("16,97 %", Decimal("16.97")),
        ("100", Decimal("100.00")),
        (28.3, Decimal("28.30")),
    ],
)
def test_percentages_are_read_the_indonesian_and_the_english_way(typed, value):
    assert parse_percentage(typed) == value


@pytest.mark.parametrize("typed", ["100,01", "-1", "abc", "28,305", "NaN", "Infinity"])
def test_percentages_outside_0_to_100_or_too_precise_are_refused(typed):
    with pytest.raises(FigureError):
        parse_percentage(typed)


def test_a_change_of_exactly_the_threshold_needs_no_confirmation_but_one_more_worker_does():
    assert not needs_confirmation(10000, 12000, 20)
    assert not needs_confirmation(10000, 8000, 20)
    assert needs_confirmation(10000, 12001, 20)
    assert needs_confirmation(10000, 7999, 20)
    assert not needs_confirmation(None, 5000, 20)


def test_a_month_is_locked_once_it_is_more_than_n_months_old():
    import datetime

    today = datetime.date(2026, 11, 22)
    assert not is_locked(datetime.date(2026, 8, 1), today, 3)
    assert is_locked(datetime.date(2026, 7, 1), today, 3)
    assert not is_locked(datetime.date(2026, 11, 1), today, 3)
