"""An undo of an import never deletes a figure saved while it ran: it waits for the save, then refuses."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from regions import actions
from regions.actions import FigureInput, save_figures
from regions.models import Enrolment
from tests.spreadsheets import enrolment
from ucj.demo import load_demo
from ucj.models import ImportBatch
from ucj.spreadsheets import apply as plan_module
from ucj.spreadsheets.apply import ImportRefused, import_now, undo_import
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db(transaction=True)

JULY = datetime.date(2025, 7, 1)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's row locks (CI runs this there); SQLite runs one writer at a time")
    load_demo()


def test_a_save_during_the_undo_is_kept_and_the_undo_refused(admin_user, monkeypatch):
    plan = plan_import(enrolment(["13.72", "", "2025-07", 500]), "kota-solok.xlsx", None)
    batch = import_now(plan, "kota-solok.xlsx", None)
    version = Enrolment.objects.get(region_id="13.72", month=JULY).version
    checked = threading.Event()
    original = plan_module._changed_since

    def check_then_pause(*args, **kwargs):
        moved = original(*args, **kwargs)
        checked.set()
        time.sleep(0.5)  # the officer's save arrives now, between the check and the undo's writes
        return moved

    monkeypatch.setattr(plan_module, "_changed_since", check_then_pause)
    outcome = {}

    def undo():
        try:
            undo_import(batch, admin_user)
            outcome["undo"] = "done"
        finally:
            connection.close()

    def officer_saves():
        try:
            checked.wait(10)
            outcome["save"] = save_figures(
                "enrolment", JULY, [FigureInput("13.72", {"participants": 510}, expected_version=version)],
                user=None, channel="form",
            )  # fmt: skip
        finally:
            connection.close()

    threads = [threading.Thread(target=undo), threading.Thread(target=officer_saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    # The undo held the row: the officer's save waited, then found the row gone and was told (a conflict).
    saved = outcome["save"]
    assert saved.written == 0
    assert len(saved.conflicts) == 1
    assert not Enrolment.objects.filter(region_id="13.72", month=JULY).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UNDONE


def test_a_save_committed_before_the_undo_makes_it_refuse(admin_user):
    plan = plan_import(enrolment(["13.72", "", "2025-07", 500]), "kota-solok.xlsx", None)
    batch = import_now(plan, "kota-solok.xlsx", None)
    with transaction.atomic():
        save_figures("enrolment", JULY, [FigureInput("13.72", {"participants": 510})], user=None, channel="form")

    with pytest.raises(ImportRefused, match=r"13\.72"):
        undo_import(batch, admin_user)
    assert Enrolment.objects.get(region_id="13.72", month=JULY).participants == 510
    assert actions  # the module whose locks this relies on
