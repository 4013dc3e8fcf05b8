"""An export larger than the request may write is written by the worker, and its file is its asker's alone."""

import csv
import datetime
import io

import pytest
from django.test import override_settings
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import run_worker_tasks, text_of
from ucj.models import Job

pytestmark = pytest.mark.django_db

ALL_DEMO_MONTHS = "from=2024-01&to=2025-12"


@pytest.fixture(autouse=True)
def small_limit():
    """The demo holds a few rows: any export with a row in it is "large" here."""
    with override_settings(UCJ_EXPORT_IN_REQUEST_ROWS=0):
        yield


def prepare(client, query: str) -> Job:
    asked = client.get(f"/exports/figures/?{query}")
    assert asked.status_code == 200
    assert 'action="/exports/figures/prepare/"' in asked.content.decode()
    hidden = dict(part.split("=") for part in query.split("&"))
    response = client.post("/exports/figures/prepare/", hidden)
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert response.status_code == 302
    assert response["Location"] == f"/exports/{job.uid}/"
    return job


def test_a_large_export_is_offered_to_the_worker_instead_of_written_while_the_user_waits(client_for, admin_user):
    response = client_for(admin_user).get(f"/exports/figures/?{ALL_DEMO_MONTHS}")

    assert response["Content-Type"].startswith("text/html")
    assert "lebih dari 0 baris" in text_of(response)
    assert not Job.objects.exists()


def test_the_worker_writes_the_workbook_and_its_page_offers_it(client_for, admin_user):
    client = client_for(admin_user)
    job = prepare(client, ALL_DEMO_MONTHS)
    waiting = client.get(f"/exports/{job.uid}/status.json").json()

    run_worker_tasks()

    assert waiting["state"] == "queued"
    done = client.get(f"/exports/{job.uid}/status.json").json()
    assert done["state"] == "done"
    assert done["done"] == done["total"]
    page = client.get(f"/exports/{job.uid}/").content.decode()
    assert f'href="/exports/{job.uid}/file"' in page
    book = load_workbook(io.BytesIO(client.get(f"/exports/{job.uid}/file").content))
    assert book.sheetnames == ["kepesertaan", "angkatan_kerja", "target"]
    solok = next(
        row
        for row in book["kepesertaan"].iter_rows(values_only=True)
        if row[:3] == ("13.02", "Kabupaten Solok", "2025-06")
    )
    assert solok[3] == 31442


def test_a_large_csv_is_written_by_the_worker_too_with_its_region_and_kind(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    job = prepare(client, f"{ALL_DEMO_MONTHS}&region=13.02&format=csv&kind=enrolment")
    run_worker_tasks()

    response = client.get(f"/exports/{job.uid}/file")

    assert response["Content-Type"].startswith("text/csv")
    assert "kepesertaan.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} <= {"13.02", *[row[0] for row in rows[1:] if row[0].startswith("13.02.")]}
    assert any(row[:4] == ["13.02", "Kabupaten Solok", "2025-06", "31442"] for row in rows)


def test_nobody_else_sees_the_export_not_even_an_admin(client_for, official_kabsolok, admin_user, official_binjai):
    job = prepare(client_for(official_kabsolok), f"{ALL_DEMO_MONTHS}&region=13.02")
    run_worker_tasks()

    for other in (admin_user, official_binjai):
        client = client_for(other)
        for path in (f"/exports/{job.uid}/", f"/exports/{job.uid}/status.json", f"/exports/{job.uid}/file"):
            assert client.get(path).status_code == 404, (other, path)


def test_a_region_outside_the_scope_cannot_be_sent_to_the_worker(client_for, official_binjai):
    response = client_for(official_binjai).post("/exports/figures/prepare/", {"region": "13.02", "from": "2024-01"})

    assert response.status_code == 404
    assert not Job.objects.exists()


def test_a_bad_month_is_refused_before_anything_is_queued(client_for, admin_user):
    response = client_for(admin_user).post("/exports/figures/prepare/", {"from": "2025-13"})

    assert response.status_code == 400
    assert not Job.objects.exists()


def test_the_file_is_not_offered_before_the_worker_wrote_it(client_for, admin_user):
    client = client_for(admin_user)
    job = prepare(client, ALL_DEMO_MONTHS)

    assert client.get(f"/exports/{job.uid}/file").status_code == 404
    assert 'id="job-progress"' in client.get(f"/exports/{job.uid}/").content.decode()


def test_a_small_export_is_still_written_in_the_request(client_for, admin_user):
    with override_settings(UCJ_EXPORT_IN_REQUEST_ROWS=5000):
        response = client_for(admin_user).get(f"/exports/figures/?{ALL_DEMO_MONTHS}")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_files_older_than_a_week_are_removed_when_the_next_export_is_written(client_for, admin_user):
    client = client_for(admin_user)
    old = prepare(client, ALL_DEMO_MONTHS)
    run_worker_tasks()
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))

    client.post("/exports/figures/prepare/", {"from": "2025-01", "to": "2025-12"})
    run_worker_tasks()

    assert client.get(f"/exports/{old.uid}/file").status_code == 404
    assert "dihapus" in text_of(client.get(f"/exports/{old.uid}/"))
    newest = Job.objects.filter(kind=Job.Kind.EXPORT).latest("id")
    assert client.get(f"/exports/{newest.uid}/file").status_code == 200
