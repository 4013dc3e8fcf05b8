"""A template filled in and uploaded as it is reads without a note about its sheet of instructions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.conftest import run_worker_tasks, text_of
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_the_templates_instructions_sheet_is_skipped_without_a_note(client_for, admin_user):
    client = client_for(admin_user)
    book = load_workbook(io.BytesIO(client.get("/imports/templates/enrolment.xlsx").content))
    assert "petunjuk" in book.sheetnames
    sheet = book["kepesertaan"]
    sheet.delete_rows(2, sheet.max_row)
    sheet.append(["13.02.10", "", "2025-07", 1320])
    filled = io.BytesIO()
    book.save(filled)

    client.post("/imports/", {"file": SimpleUploadedFile("isian.xlsx", filled.getvalue())})
    run_worker_tasks()
    batch = ImportBatch.objects.latest("id")

    assert batch.counts["new"] == 1
    assert "petunjuk" not in text_of(client.get(f"/imports/{batch.pk}/"))
