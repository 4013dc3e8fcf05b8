"""The stored totals equal a recomputation after any mix of concurrent saves, imports, undos and reverts.

Real concurrent transactions on PostgreSQL: threads, each with its own
connection. Each round starts the writers together behind a barrier, so their
transactions overlap, then compares every total with one recomputed from the
raw rows.
"""

import datetime
import threading

import pytest
from django.db import connection

from regions.actions import FigureInput, revert_change, save_figures
from regions.models import Enrolment, FigureChange, Region, RollupTotal
from tests.spreadsheets import enrolment
from tests.test_rollups import assert_totals_match_the_raw_rows
from ucj.demo import load_demo
from ucj.models import ImportBatch
from ucj.spreadsheets.apply import import_now, undo_import
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent transactions need PostgreSQL (CI runs this there); SQLite takes one writer at a time, "
            "so there is nothing to race"
        )
    load_demo()


def together(*jobs):
    """Run the jobs at once, each in its own thread and connection, starting behind one barrier."""
    start = threading.Barrier(len(jobs), timeout=30)
    errors = []

    def run(job):
        try:
            start.wait()
            job()
        except Exception as error:  # reported in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def save(code: str, month: datetime.date, participants: int):
    return lambda: save_figures(
        "enrolment", month, [FigureInput(code, {"participants": participants}, confirmed=True)], user=None,
        channel="form",
    )  # fmt: skip


def test_two_officers_saving_two_kecamatan_of_binjai_at_once_leave_binjai_with_both():
    kecamatan = list(Region.objects.filter(parent_id="12.75").order_by("code").values_list("code", flat=True))[:2]
    for round_number in range(ROUNDS):
        month = datetime.date(2025, 1 + round_number, 1)
        together(*(save(code, month, 100 + index) for index, code in enumerate(kecamatan)))

        binjai = RollupTotal.objects.get(region_id="12.75", month=month)
        assert binjai.children_reporting == 2, month
    assert_totals_match_the_raw_rows()


def test_ten_clients_across_regions_leave_the_province_and_the_country_right():
    villages = list(Region.objects.filter(parent_id__in=["13.02.10", "13.02.19", "12.75.01"]).order_by("code")[:10])
    for round_number in range(ROUNDS):
        month = datetime.date(2024, 1 + round_number, 1)
        together(*(save(village.code, month, 10 + round_number + index) for index, village in enumerate(villages)))
    assert_totals_match_the_raw_rows()


def test_an_import_its_undo_and_a_revert_racing_with_grid_saves_leave_the_totals_right(admin_user):
    july = datetime.date(2025, 7, 1)
    villages = list(Region.objects.filter(parent_id="13.02.10").order_by("code").values_list("code", flat=True))
    imported, by_hand = villages[:4], villages[4:]
    plan = plan_import(enrolment(*[[code, "", "2025-07", 40] for code in imported]), "sintetis.xlsx", None)
    save_figures("enrolment", july, [FigureInput("13.72", {"participants": 900})], user=None, channel="form")
    to_revert = FigureChange.objects.get(region_id="13.72", period="2025-07")

    together(
        lambda: import_now(plan, "sintetis.xlsx", None),
        save(by_hand[0], july, 11),
        save(by_hand[1], july, 12),
    )
    batch = ImportBatch.objects.get(file_name="sintetis.xlsx")
    together(
        lambda: undo_import(batch, admin_user),
        lambda: revert_change(to_revert, user=admin_user, reason="uji"),
        save(by_hand[2], july, 13),
    )

    assert not Enrolment.objects.filter(region_id__in=imported, month=july).exists()
    assert not Enrolment.objects.filter(region_id="13.72", month=july).exists()
    assert Enrolment.objects.filter(region_id__in=by_hand[:3], month=july).count() == 3
    assert_totals_match_the_raw_rows()
