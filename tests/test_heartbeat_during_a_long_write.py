"""The worker's heartbeat goes on while its job holds a long transaction, so a long write is never taken for dead."""

import time

import pytest
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from regions.actions import FigureInput, save_figures
from regions.months import parse_month
from ucj import jobs
from ucj.models import Job

pytestmark = pytest.mark.django_db


def test_the_heartbeat_and_the_new_step_are_seen_while_the_write_is_uncommitted(monkeypatch, admin_user):
    monkeypatch.setattr(jobs, "HEARTBEAT_SECONDS", 0.05)
    job = Job.objects.create(kind="write_import", user=admin_user, state="running", started_at=timezone.now())
    progress = jobs.LiveProgress(job)
    key = f"ucj-job:{job.uid}"
    seen = []

    with progress.beating(), transaction.atomic():
        save_figures(
            "enrolment", parse_month("2025-07"), [FigureInput("13.72", {"participants": 500})],
            user=None, channel="import",
        )  # fmt: skip
        progress.step("writing", 10)
        progress.advance(4)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len({beat["beat"] for beat in seen if beat["step"] == "writing"}) < 3:
            found = caches["jobs"].get(key)
            if found:
                seen.append(found)
            time.sleep(0.05)

    writing = [beat for beat in seen if beat["step"] == "writing"]
    assert len({beat["beat"] for beat in writing}) >= 3  # it kept beating inside the open transaction
    assert writing[-1]["done"] == 4
    assert jobs.status(job)["state"] == "running"
