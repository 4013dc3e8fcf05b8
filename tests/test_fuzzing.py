"""Fuzzing the parsers and the entry form: no unhandled exception, and every refusal says why."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regions.validation import FigureContext, FigureError, parse_count, parse_percentage
from ucj.entry.forms import EntryRowForm
from ucj.spreadsheets.cells import (
    column_for_header,
    kind_for_columns,
    parse_date_cell,
    parse_month_cell,
    parse_year_cell,
)

ANYTHING = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.booleans(),
    st.from_regex(r"\d{1,3}([.,]\d{3}){0,3}", fullmatch=True),
    st.from_regex(r"(Jan|Sep|Sept|Juni|Okt)[a-z]* 20\d\d", fullmatch=True),
)


def parses_or_explains(parse, value):
    """The parsed value, or None when the parser refused it with a message (anything else fails the test)."""
    try:
        return parse(value)
    except FigureError as error:
        message = str(error)
    assert message.strip()
    return None


@given(ANYTHING)
def test_counts_parse_or_are_refused_with_a_message(value):
    result = parses_or_explains(parse_count, value)
    assert result is None or (isinstance(result, int) and result >= 0)


@given(ANYTHING)
def test_percentages_parse_or_are_refused_with_a_message(value):
    result = parses_or_explains(parse_percentage, value)
    assert result is None or 0 <= result <= 100


@given(ANYTHING)
def test_months_years_and_days_parse_or_are_refused_with_a_message(value):
    for parse in (parse_month_cell, parse_year_cell, parse_date_cell):
        result = parses_or_explains(parse, value)
        assert result is None or isinstance(result, int | datetime.date)


@given(st.text(max_size=60), st.sets(st.text(max_size=20), max_size=6))
def test_headers_and_sheet_kinds_never_raise(header, columns):
    assert column_for_header(header) is None or isinstance(column_for_header(header), str)
    assert kind_for_columns(columns) in (
        None,
        "enrolment",
        "baseline",
        "target",
        "regions",
        "program",
        "participation",
        "meeting",
    )


FIELDS = st.fixed_dictionaries(
    {
        name: st.one_of(st.text(max_size=15), st.from_regex(r"-?\d{1,7}", fullmatch=True))
        for name in ("participants", "pu", "bpu", "jakon", "pmi", "version")
    },
    optional={"note": st.text(max_size=30), "confirm": st.sampled_from(["on", ""]), "reason": st.text(max_size=20)},
)


@pytest.mark.django_db
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(FIELDS, st.one_of(st.none(), st.integers(0, 10**6)), st.one_of(st.none(), st.integers(0, 10**6)))
def test_the_entry_form_never_crashes_and_every_error_has_a_message(fields, baseline, previous):
    data = {f"13.02-{name}": value for name, value in fields.items()}
    form = EntryRowForm(data, prefix="13.02", context=FigureContext(baseline=baseline, previous=previous))

    if not form.is_valid():
        for errors in form.errors.values():
            assert all(message.strip() for message in errors)
    else:
        assert form.cleaned_data["participants"] is None or form.cleaned_data["participants"] >= 0
