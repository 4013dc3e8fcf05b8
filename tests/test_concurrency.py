"""Two people at once, on PostgreSQL: parallel saves of one region-month, parallel imports of the same rows."""

import datetime
import threading

import pytest
from django.db import connection

from regions.actions import FigureInput, save_figures
from regions.models import Enrolment, FigureChange
from tests.spreadsheets import enrolment
from ucj.demo import load_demo
from ucj.spreadsheets.apply import import_now
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db(transaction=True)

JULY = datetime.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrency needs PostgreSQL's row locks (CI runs this on PostgreSQL); SQLite writes one at a time"
        )
    load_demo()


def in_parallel(*jobs):
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            results[index] = job()
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_two_parallel_saves_of_one_region_month_one_wins_the_other_is_told():
    # Both start at once; the totals lock (taken before any figure row) lets one look and write first,
    # so the other looks after that commit and sees a version it did not expect.
    start = threading.Barrier(2, timeout=20)

    def save(value):
        def run():
            start.wait()
            return save_figures(
                "enrolment",
                JULY,
                [FigureInput("13.02", {"participants": value}, expected_version=0)],
                user=None,
                channel="form",
            )

        return run

    first, second = in_parallel(save(30000), save(35000))

    outcomes = sorted([(len(r.created), len(r.conflicts)) for r in (first, second)])
    assert outcomes == [(0, 1), (1, 0)]
    winner = first if first.created else second
    loser = second if winner is first else first
    stored = Enrolment.objects.get(region_id="13.02", month=JULY)
    assert loser.conflicts[0].current.participants == stored.participants
    assert FigureChange.objects.filter(region_id="13.02", period="2025-07").count() == 1


def test_two_parallel_imports_of_the_same_rows_are_serialised_never_interleaved():
    from regions.models import Region

    codes = list(Region.objects.filter(parent_id="13.02.07").order_by("code").values_list("code", flat=True)[:5])
    first = plan_import(enrolment(*[[code, "", "2025-07", 100] for code in codes]), "a.xlsx", None)
    second = plan_import(enrolment(*[[code, "", "2025-07", 200] for code in reversed(codes)]), "b.xlsx", None)

    in_parallel(lambda: import_now(first, "a.xlsx", None), lambda: import_now(second, "b.xlsx", None))

    values = set(Enrolment.objects.filter(region_id__in=codes, month=JULY).values_list("participants", flat=True))
    assert values in ({100}, {200})
    # The later import saw the earlier one's rows whole: its history holds each of them as the old value.
    later = FigureChange.objects.filter(region_id__in=codes, period="2025-07").order_by("id")[5:]
    assert {change.old["participants"] for change in later} == ({100, 200} - values)
