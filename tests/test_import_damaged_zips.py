"""Zip entries that cannot be read honestly (encrypted, or packed with a method Excel never uses) are refused."""

import zipfile

import pytest

from regions.models import FigureChange
from tests.conftest import run_worker_tasks
from tests.spreadsheets import enrolment, patch_zip_entry
from ucj.models import Job
from ucj.spreadsheets.workbook import FileRejected, read_workbook

pytestmark = pytest.mark.django_db

GOOD = enrolment(["13.02", "", "2025-07", 100])
SHEET = "xl/worksheets/sheet1.xml"


def upload(client, content: bytes):
    """The upload's page once the worker has read the file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/imports/", {"file": SimpleUploadedFile("data.xlsx", content)})
    assert response.status_code == 302
    run_worker_tasks()
    return client.get(response["Location"])


def refused_by_the_worker() -> bool:
    job = Job.objects.get()
    return job.state == "failed" and job.refused and not FigureChange.objects.filter(channel="import").exists()


def test_an_entry_marked_encrypted_is_refused_with_a_message(client_for, admin_user):
    response = upload(client_for(admin_user), patch_zip_entry(GOOD, SHEET, flag_bits=0x1))

    assert "terenkripsi" in response.content.decode()
    assert refused_by_the_worker()


@pytest.mark.parametrize("method", [9, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 99])
def test_an_entry_packed_with_another_method_is_refused(client_for, admin_user, method):
    response = upload(client_for(admin_user), patch_zip_entry(GOOD, SHEET, method=method))

    assert f"metode {method}" in response.content.decode()
    assert refused_by_the_worker()


def test_a_workbook_part_marked_encrypted_is_refused_too():
    with pytest.raises(FileRejected, match=r"xl/workbook\.xml"):
        read_workbook(patch_zip_entry(GOOD, "xl/workbook.xml", flag_bits=0x1))
