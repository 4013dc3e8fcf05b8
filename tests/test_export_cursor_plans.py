"""On PostgreSQL the raw-figures export plans its cursor for every row, and leaves the connection as it was."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ucj.spreadsheets.raw_export import figure_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("cursor_tuple_fraction is PostgreSQL's (CI runs this on PostgreSQL)")


def cursor_tuple_fraction() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        return cursor.fetchone()[0]


def test_the_export_reads_with_whole_result_plans_and_resets_the_setting_afterwards():
    seen_inside = []
    with CaptureQueriesContext(connection) as queries:
        for row in figure_rows("enrolment", ("13",), datetime.date(2024, 1, 1), datetime.date(2025, 12, 1)):
            seen_inside.append(row)
    inside = cursor_tuple_fraction()

    assert seen_inside
    assert any("SET cursor_tuple_fraction = 1" in query["sql"] for query in queries.captured_queries)
    assert inside == "0.1"


def test_an_export_stopped_half_way_resets_the_setting_too():
    rows = figure_rows("enrolment", ("ID",), datetime.date(2024, 1, 1), datetime.date(2025, 12, 1))
    next(rows)
    assert cursor_tuple_fraction() == "1"

    rows.close()

    assert cursor_tuple_fraction() == "0.1"
