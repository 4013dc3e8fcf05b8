"""An upload answers at once; the worker reads and checks it, and writes it only after the admin confirms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult

from regions.models import Enrolment, FigureChange
from tests.conftest import run_worker_tasks, text_of
from tests.spreadsheets import enrolment
from ucj.models import ImportBatch, Job

pytestmark = pytest.mark.django_db

FILE = enrolment(["13.02", "", "2025-07", 32000], ["13.11", "", "2024-09", 18100])


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def upload(client) -> ImportBatch:
    response = client.post("/imports/", {"file": SimpleUploadedFile("cabang-solok.xlsx", FILE)})
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("id")
    assert response["Location"] == f"/imports/{batch.pk}/"
    return batch


def test_the_upload_answers_with_a_redirect_before_any_row_is_read(admin_client):
    batch = upload(admin_client)

    job = Job.objects.get(batch=batch)
    assert (batch.report, batch.counts) == ({}, {})
    assert (job.kind, job.state, job.user.username) == ("read_import", "queued", "admin")
    assert DBTaskResult.objects.ready().count() == 1
    page = text_of(admin_client.get(f"/imports/{batch.pk}/"))
    assert "Menunggu proses latar belakang" in page
    assert 'id="job-progress"' in page
    assert "Impor semua baris" not in page  # nothing to confirm before the rows are read


def test_the_worker_completes_the_preview(admin_client):
    batch = upload(admin_client)

    assert run_worker_tasks() == 1

    batch.refresh_from_db()
    assert batch.counts == {"new": 1, "changed": 1, "unchanged": 0, "rejected": 0}
    assert Job.objects.get(batch=batch).state == "done"
    page = text_of(admin_client.get(f"/imports/{batch.pk}/"))
    assert "18.092 → 18.100" in page
    assert "Impor semua baris" in page
    assert not Enrolment.objects.filter(region_id="13.02", month="2025-07-01").exists()


def test_a_confirmation_is_written_by_the_worker_and_then_shown(admin_client):
    batch = upload(admin_client)
    run_worker_tasks()

    response = admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})

    assert response.status_code == 302
    assert not Enrolment.objects.filter(region_id="13.02", month="2025-07-01").exists()
    assert Job.objects.filter(batch=batch, kind="write_import", state="queued").exists()
    run_worker_tasks()
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert Enrolment.objects.get(region_id="13.02", month="2025-07-01").participants == 32000
    assert FigureChange.objects.filter(batch=batch.uid).count() == 2
    assert "Diimpor: 1 dibuat, 1 diubah." in text_of(admin_client.get(f"/imports/{batch.pk}/"))


def test_an_undo_is_done_by_the_worker(admin_client):
    batch = upload(admin_client)
    run_worker_tasks()
    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    admin_client.post(f"/imports/{batch.pk}/undo/")

    assert Enrolment.objects.filter(region_id="13.02", month="2025-07-01").exists()
    run_worker_tasks()
    batch.refresh_from_db()
    assert batch.status == "undone"
    assert not Enrolment.objects.filter(region_id="13.02", month="2025-07-01").exists()
    assert Enrolment.objects.get(region_id="13.11", month="2024-09-01").participants == 18092


def test_a_second_confirm_while_the_first_waits_is_not_queued(admin_client):
    batch = upload(admin_client)
    run_worker_tasks()

    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    second = admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"}, follow=True)

    assert Job.objects.filter(batch=batch, kind="write_import").count() == 1
    assert "sudah memiliki pekerjaan yang menunggu atau berjalan" in text_of(second)


def test_a_confirmation_is_refused_at_once_when_rows_are_rejected(admin_client):
    response = admin_client.post(
        "/imports/",
        {"file": SimpleUploadedFile("x.xlsx", enrolment(["13.02", "", "2025-07", 1], ["Solok", "", "2025-07", 1]))},
    )
    run_worker_tasks()
    batch = ImportBatch.objects.latest("id")

    page = text_of(admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"}, follow=True))

    assert response.status_code == 302
    assert "Ada baris yang ditolak: tidak ada yang disimpan" in page
    assert not Job.objects.filter(batch=batch, kind="write_import").exists()


def test_an_upload_being_read_is_listed_on_the_imports_page(admin_client):
    batch = upload(admin_client)

    page = text_of(admin_client.get("/imports/"))

    assert "Unggahan yang belum diimpor" in page
    assert f'href="/imports/{batch.pk}/"' in page


def test_the_worker_writes_its_messages_in_the_language_of_the_admin_who_asked(admin_client):
    admin_client.cookies["django_language"] = "en"
    batch = upload(admin_client)
    run_worker_tasks()
    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})

    admin_client.cookies["django_language"] = "id"
    run_worker_tasks()

    assert Job.objects.get(batch=batch, kind="write_import").message == "Imported: 1 created, 1 updated."
