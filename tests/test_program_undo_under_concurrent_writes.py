"""An import's undo and a write of the same program at the same moment, on PostgreSQL: the write is never lost.

The undo checks that nothing it wrote changed since and locks what it checked, so a write waits for
the undo and lands on the values it put back, and an undo waits for a write in progress and then
refuses. Each side runs in its own thread with its own database connection.
"""

import threading
import time

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction

from programs import actions
from programs.models import Activity, FundingProgram
from tests.spreadsheets import xlsx
from tests.test_concurrency import in_parallel
from tests.test_import_program_sheets import PROGRAM
from ucj.demo import load_demo
from ucj.models import ImportBatch
from ucj.spreadsheets.apply import ImportRefused, import_now, undo_import
from ucj.spreadsheets.plan import plan_import

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

SAWIT = "Perlindungan JKK dan JKM Petani Sawit Mandiri (DBH Sawit)"
SAWIT_ROW = [SAWIT, "DBH Sawit", "13.11", 2024, "JKK JKM", "petani sawit mandiri", "", "3500", ""]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL's row locks to hold one session's write while another's undo runs; "
            "SQLite writes one transaction at a time, so the two cannot interleave (CI runs this on PostgreSQL)"
        )
    load_demo()


@pytest.fixture
def admin():
    return User.objects.get(username="admin")


@pytest.fixture
def batch(admin):
    """An import that changed the oil-palm program's workers funded from 3.360 to 3.500."""
    return import_now(plan_import(xlsx({"program": [PROGRAM[0], SAWIT_ROW]}), "x.xlsx", None), "x.xlsx", admin)


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def wait_until_blocked(pid: int, unless: threading.Event, timeout: float = 10) -> bool:
    """Whether the session `pid` came to wait for a lock another session holds (polled from this one)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not unless.is_set():
        with connection.cursor() as cursor:
            cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [pid])
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def test_a_write_after_the_undos_check_waits_for_the_undo_and_is_kept(monkeypatch, admin, batch):
    ready, checked, written = threading.Event(), threading.Event(), threading.Event()
    writer: dict[str, int] = {}
    original = actions.changed_since

    def check_then_let_the_write_try(batch_uid):
        moved = original(batch_uid)
        if not checked.is_set():
            checked.set()
            # The write starts now, between the check and the undo's own writes; it must wait for the lock.
            writer["blocked"] = wait_until_blocked(writer["pid"], unless=written)
        return moved

    monkeypatch.setattr(actions, "changed_since", check_then_let_the_write_try)

    def undo():
        assert ready.wait(timeout=20)
        return undo_import(ImportBatch.objects.get(pk=batch.pk), admin)

    def write():
        writer["pid"] = backend_pid()
        ready.set()
        assert checked.wait(timeout=20)
        result = actions.save_program(user=admin, name=SAWIT, year=2024, values={"workers_funded": 4000})
        written.set()
        return result

    undone, result = in_parallel(undo, write)

    assert writer["blocked"], "the write went ahead while the undo held what it had checked"
    assert (undone, result.action) == (1, "update")
    assert FundingProgram.objects.get(name=SAWIT).workers_funded == 4000
    # The write landed on what the undo put back, not on what the import had written.
    change = Activity.objects.filter(subject="program", action="update", batch__isnull=True).latest("id")
    assert (change.old["workers_funded"], change.new["workers_funded"]) == (3360, 4000)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.UNDONE


def test_an_undo_during_a_write_waits_for_it_and_then_refuses(admin, batch):
    ready, saved, undoing = threading.Event(), threading.Event(), threading.Event()
    undoer: dict[str, int] = {}

    def write():
        assert ready.wait(timeout=20)
        with transaction.atomic():
            actions.save_program(user=admin, name=SAWIT, year=2024, values={"workers_funded": 4000})
            saved.set()
            assert undoing.wait(timeout=20)
            # Committed only once the undo is waiting: an undo that did not lock what it checks would
            # have read 3.500 and gone on to overwrite this write.
            return wait_until_blocked(undoer["pid"], unless=threading.Event())

    def undo():
        undoer["pid"] = backend_pid()
        ready.set()
        assert saved.wait(timeout=20)
        undoing.set()
        try:
            undo_import(ImportBatch.objects.get(pk=batch.pk), admin)
        except ImportRefused as refused:
            return str(refused)
        return None

    undo_blocked, refusal = in_parallel(write, undo)

    assert undo_blocked, "the undo did not wait for the write in progress"
    assert SAWIT in (refusal or "")
    assert FundingProgram.objects.get(name=SAWIT).workers_funded == 4000
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.APPLIED
