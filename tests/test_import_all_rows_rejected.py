"""A file whose every row is rejected says so: never that its rows already match the database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import run_worker_tasks, text_of
from tests.spreadsheets import enrolment
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db


def test_every_row_rejected_is_told_as_such_with_the_blank_cell_shown_as_a_dash(client_for, admin_user):
    client = client_for(admin_user)
    rows = [["99.99.99", "", "2025-06", 10], ["13.02", "", "2025-13", 10], ["13.02", "", "2025-06", "banyak"]]
    client.post("/imports/", {"file": SimpleUploadedFile("salah.xlsx", enrolment(*rows))})
    run_worker_tasks()
    batch = ImportBatch.objects.latest("id")

    page = text_of(client.get(f"/imports/{batch.pk}/"))

    assert batch.counts["rejected"] == 3
    assert "Semua baris ditolak" in page
    assert "sudah sama dengan basis data" not in page
    assert "None" not in page


def test_the_reasons_come_right_after_the_status_so_a_phone_shows_them_first(client_for, admin_user):
    client = client_for(admin_user)
    client.post("/imports/", {"file": SimpleUploadedFile("salah.xlsx", enrolment(["99.99.99", "", "2025-06", 10]))})
    run_worker_tasks()
    html = client.get(f"/imports/{ImportBatch.objects.latest('id').pk}/").content.decode()

    headers = html[html.index('<table class="coverage-table preview">') :].split("</thead>")[0]
    assert headers.index("Status") < headers.index("Alasan") < headers.index("Wilayah")
