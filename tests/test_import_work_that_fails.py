"""Work that fails half-way, or whose worker dies, leaves the database as it was and says so; it can run again."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from regions.models import Enrolment, FigureChange, RollupTotal
from tests.conftest import run_worker_tasks, text_of
from tests.spreadsheets import enrolment
from ucj import jobs
from ucj.models import ImportBatch, Job
from ucj.tasks import run_job

pytestmark = pytest.mark.django_db

# Two months: the first is written before the second breaks.
FILE = enrolment(["13.02", "", "2025-07", 32000], ["13.02", "", "2025-08", 32500])


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


@pytest.fixture
def previewed(admin_client) -> ImportBatch:
    admin_client.post("/imports/", {"file": SimpleUploadedFile("dua-bulan.xlsx", FILE)})
    run_worker_tasks()
    return ImportBatch.objects.latest("id")


def database_state():
    return (
        sorted(Enrolment.objects.values_list("region_id", "month", "participants", "version")),
        FigureChange.objects.count(),
        sorted(RollupTotal.objects.values_list("region_id", "month", "participants")),
    )


def test_a_write_that_fails_half_way_leaves_the_database_as_it_was_and_says_so(admin_client, previewed, monkeypatch):
    before = database_state()
    from regions import actions

    real_save = actions.save_figures

    def save_then_break(kind, period, *args, **kwargs):
        if period == datetime.date(2025, 8, 1):
            raise RuntimeError("disk full (simulated)")
        return real_save(kind, period, *args, **kwargs)

    monkeypatch.setattr("ucj.spreadsheets.apply.save_figures", save_then_break)
    admin_client.post(f"/imports/{previewed.pk}/confirm/", {"mode": "all"})

    run_worker_tasks(failures_expected=True)

    assert database_state() == before
    job = Job.objects.get(batch=previewed, kind="write_import")
    assert (job.state, job.refused) == ("failed", False)
    page = text_of(admin_client.get(f"/imports/{previewed.pk}/"))
    assert "Kesalahan tak terduga menghentikan pekerjaan ini; tidak ada yang tertulis." in page
    assert "Jalankan lagi" in page
    previewed.refresh_from_db()
    assert previewed.status == "preview"


def test_failed_work_runs_again_and_completes(admin_client, previewed, monkeypatch):
    monkeypatch.setattr("ucj.spreadsheets.apply.save_figures", lambda *a, **k: (_ for _ in ()).throw(RuntimeError))
    admin_client.post(f"/imports/{previewed.pk}/confirm/", {"mode": "all"})
    run_worker_tasks(failures_expected=True)
    monkeypatch.undo()

    admin_client.post(f"/imports/{previewed.pk}/retry/")
    run_worker_tasks()

    previewed.refresh_from_db()
    assert previewed.status == "applied"
    assert Enrolment.objects.get(region_id="13.02", month="2025-08-01").participants == 32500
    latest = previewed.jobs.first()
    assert (latest.kind, latest.state, latest.params) == (
        "write_import",
        "done",
        {"only_valid": False, "confirmation": ""},
    )


def test_a_worker_that_died_is_noticed_and_its_work_can_run_again(admin_client, previewed, settings):
    settings.UCJ_JOB_STALE_SECONDS = 60
    admin_client.post(f"/imports/{previewed.pk}/confirm/", {"mode": "all"})
    job = Job.objects.get(batch=previewed, kind="write_import")
    # A worker claimed it two minutes ago and was killed: no heartbeat since, nothing committed.
    Job.objects.filter(pk=job.pk).update(
        state="running", worker="gone:1", started_at=timezone.now() - datetime.timedelta(minutes=2)
    )

    status = admin_client.get(f"/imports/{previewed.pk}/status.json").json()

    assert status["state"] == "failed"
    assert status["can_retry"] is True
    assert "Proses latar belakang berhenti sebelum pekerjaan ini selesai" in status["message"]
    admin_client.post(f"/imports/{previewed.pk}/retry/")
    run_worker_tasks()  # the old task too: it finds its job no longer queued and leaves it
    previewed.refresh_from_db()
    assert previewed.status == "applied"
    assert FigureChange.objects.filter(batch=previewed.uid).count() == 2


def test_a_running_job_with_a_recent_heartbeat_is_not_declared_dead(previewed, admin_user, settings):
    settings.UCJ_JOB_STALE_SECONDS = 60
    job = Job.objects.create(kind="write_import", batch=previewed, user=admin_user, state="running",
                             worker="alive:1", started_at=timezone.now() - datetime.timedelta(minutes=10))  # fmt: skip
    progress = jobs.LiveProgress(job)
    progress.step("writing", 1000)
    progress.advance(250)
    progress.publish()

    data = jobs.status(job)

    assert (data["state"], data["done"], data["total"], data["count_text"]) == (
        "running",
        250,
        1000,
        "250 dari 1.000 baris",
    )
    assert data["step_label"] == "Menulis angka dan riwayatnya"


def test_a_refused_file_is_not_offered_to_run_again(admin_client):
    admin_client.post("/imports/", {"file": SimpleUploadedFile("x.xlsx", b"PK\x05\x06" + b"\x00" * 18)})
    run_worker_tasks()

    batch = ImportBatch.objects.latest("id")
    page = text_of(admin_client.get(f"/imports/{batch.pk}/"))
    retry = admin_client.post(f"/imports/{batch.pk}/retry/", follow=True)

    assert Job.objects.get(batch=batch).refused
    assert "Jalankan lagi" not in page
    assert "Unggah berkas yang sudah diperbaiki" in page
    assert "Tidak ada pekerjaan gagal yang dapat dijalankan lagi" in text_of(retry)
    assert Job.objects.filter(batch=batch).count() == 1


def test_the_same_job_delivered_twice_runs_once(admin_client, previewed):
    admin_client.post(f"/imports/{previewed.pk}/confirm/", {"mode": "all"})
    job = Job.objects.get(batch=previewed, kind="write_import")
    run_job.enqueue(str(job.uid))  # a second delivery of the same work

    assert run_worker_tasks() == 2

    assert FigureChange.objects.filter(batch=previewed.uid).count() == 2
    assert Job.objects.filter(batch=previewed, kind="write_import").count() == 1
    assert jobs.claim(str(job.uid)) is None


def test_a_write_asked_for_an_import_already_written_is_refused(admin_client, previewed, admin_user):
    admin_client.post(f"/imports/{previewed.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    stray = Job.objects.create(kind="write_import", batch=previewed, user=admin_user, params={"only_valid": False})
    run_job.enqueue(str(stray.uid))

    run_worker_tasks()

    stray.refresh_from_db()
    assert (stray.state, stray.refused) == ("failed", True)
    assert "tidak lagi menunggu untuk ditulis" in stray.message
    assert FigureChange.objects.filter(batch=previewed.uid).count() == 2


def test_an_admin_who_lost_the_right_cannot_have_the_worker_write(admin_client, previewed, admin_user):
    admin_client.post(f"/imports/{previewed.pk}/confirm/", {"mode": "all"})
    admin_user.profile.role = "pejabat"
    admin_user.profile.region_id = "13.02"
    admin_user.profile.save()
    admin_user.is_superuser = False
    admin_user.save()

    run_worker_tasks()

    job = Job.objects.get(batch=previewed, kind="write_import")
    assert (job.state, job.refused) == ("failed", True)
    assert not FigureChange.objects.filter(batch=previewed.uid).exists()
