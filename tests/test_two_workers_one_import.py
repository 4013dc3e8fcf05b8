"""Two workers given the same import at the same moment write it once: the second waits, then is refused."""

import threading

import pytest
from django.db import connection

from regions.models import Enrolment, FigureChange
from tests.spreadsheets import enrolment
from tests.test_rollups import assert_totals_match_the_raw_rows
from ucj.demo import load_demo
from ucj.models import ImportBatch, Job
from ucj.spreadsheets.plan import plan_import, save_preview
from ucj.tasks import run_job

pytestmark = pytest.mark.django_db(transaction=True)

FILE = enrolment(["13.02", "", "2025-07", 32000], ["13.11", "", "2025-07", 18500], ["13.72", "", "2025-07", 9000])


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's row locks (CI runs this there); SQLite runs one writer at a time")
    load_demo()


def test_two_workers_running_the_same_write_at_once_write_it_once():
    from django.contrib.auth.models import User

    admin = User.objects.get(username="admin")
    plan = plan_import(FILE, "tiga.xlsx", None)
    batch = ImportBatch.objects.create(user=admin, file_name="tiga.xlsx", sha256=plan.sha256, content=FILE)
    save_preview(batch, plan)
    # Two deliveries of write work for the same import (as two workers might get them).
    first, second = (
        Job.objects.create(kind="write_import", batch=batch, user=admin, params={"only_valid": False}) for _ in range(2)
    )
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker(job: Job) -> None:
        try:
            start.wait(10)
            run_job.call(str(job.uid))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    outcomes = sorted(Job.objects.filter(batch=batch).values_list("state", "refused"))
    assert outcomes == [("done", False), ("failed", True)]
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert FigureChange.objects.filter(batch=batch.uid).count() == 3
    assert Enrolment.objects.get(region_id="13.72", month="2025-07-01").version == 1
    assert_totals_match_the_raw_rows()
