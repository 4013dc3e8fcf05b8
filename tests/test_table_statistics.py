"""A bulk load refreshes PostgreSQL's table statistics itself, so the planner does not start from an empty table."""

import datetime

import pytest
from django.db import connection

from regions import statistics
from regions.actions import FigureInput, save_figures
from regions.models import Region
from tests.conftest import run_worker_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def last_analyzed(table: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = %s", [table])
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_save_of_thousands_of_figures_has_the_worker_analyze_their_tables(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE is PostgreSQL's; SQLite plans without statistics")
    from ucj.demo import load_demo

    load_demo()
    monkeypatch.setattr("regions.actions.BULK_ROWS", 10)
    before = last_analyzed("regions_enrolment")
    villages = list(Region.objects.filter(parent__code__startswith="13.02.").values_list("code", flat=True)[:20])

    save_figures(
        "enrolment", datetime.date(2025, 7, 1), [FigureInput(code, {"participants": 5}) for code in villages],
        user=None, channel="import",
    )  # fmt: skip
    queued = last_analyzed("regions_enrolment")
    ran = run_worker_tasks()

    after = last_analyzed("regions_enrolment")
    assert queued == before  # not in the request: the worker does it
    assert ran == 1
    assert after is not None
    assert before is None or after > before


def test_on_sqlite_nothing_is_run():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite case")
    statistics.refresh_statistics(Region)  # no error, nothing queued: SQLite has no ANALYZE to wait for
    statistics.refresh_statistics_now(Region)

    assert run_worker_tasks() == 0
