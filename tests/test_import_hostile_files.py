"""Hostile and messy files: each refused with a clear message, and nothing written."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from regions.models import Enrolment, FigureChange
from tests.conftest import run_worker_tasks
from tests.spreadsheets import ENROLMENT_HEADERS, enrolment, xlsx
from ucj.models import ImportBatch, Job

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, name: str = "data.xlsx"):
    """The upload's answer, then the worker reads the file: the page it redirected to, or the refusal."""
    response = client.post("/imports/", {"file": SimpleUploadedFile(name, content)})
    run_worker_tasks()
    return client.get(response["Location"]) if response.status_code == 302 else response


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def refused(response, words: str) -> bool:
    """Refused with `words`, nothing written: at once by the upload (400, nothing kept) or by the worker
    (the upload's page says why; a second try would fail the same way, so none is offered)."""
    page = response.content.decode()
    if words not in page or FigureChange.objects.filter(channel="import").exists():
        return False
    if response.status_code == 400:
        return not ImportBatch.objects.exists()
    job = Job.objects.get()
    return job.state == "failed" and job.refused and "Jalankan lagi" not in page


def test_a_text_file_renamed_xlsx_is_refused(admin_client):
    assert refused(upload(admin_client, b"kode,nama\n13,Sumatera Barat\n"), "bukan berkas .xlsx")


def test_a_corrupt_zip_is_refused(admin_client):
    good = enrolment(["13.02", "", "2025-07", 100])
    damaged = good[:200] + b"\x00" * 300 + good[500:]

    assert refused(upload(admin_client, damaged), "rusak")


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(admin_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))

    assert refused(upload(admin_client, buffer.getvalue()), "bom dekompresi")


@override_settings(UCJ_IMPORT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused(admin_client):
    assert refused(upload(admin_client, enrolment(["13.02", "", "2025-07", 100])), "batasnya")


@override_settings(UCJ_IMPORT_MAX_ROWS=3)
def test_a_sheet_with_more_rows_than_the_limit_is_refused(admin_client):
    rows = [["13.02", "", f"2025-0{month}", 100] for month in range(1, 6)]

    assert refused(upload(admin_client, enrolment(*rows)), "lebih dari 3 baris")


def test_merged_cells_are_refused_naming_the_range(admin_client):
    content = xlsx({"kepesertaan": [ENROLMENT_HEADERS, ["13.02", "", "2025-07", 100]]}, merge={"kepesertaan": "A2:B2"})

    assert refused(upload(admin_client, content), "A2:B2")


def test_hidden_sheets_are_ignored_and_said_so(admin_client):
    content = xlsx(
        {"kepesertaan": [ENROLMENT_HEADERS, ["13.02", "", "2025-07", 100]],
         "rahasia": [ENROLMENT_HEADERS, ["13.72", "", "2025-07", 999]]},
        hidden=("rahasia",),
    )  # fmt: skip

    preview = upload(admin_client, content).content.decode()

    assert "rahasia" in preview
    assert "disembunyikan" in preview
    assert "13.72" not in repr([row.data for row in ImportBatch.objects.get().rows.all()])


def test_a_workbook_without_any_known_sheet_is_refused(admin_client):
    assert refused(upload(admin_client, xlsx({"Sheet1": [["a", "b"], [1, 2]]})), "Tidak ada lembar")


def test_a_sheet_missing_a_required_column_is_refused(admin_client):
    content = xlsx({"kepesertaan": [["kode_wilayah", "periode"], ["13.02", "2025-07"]]})

    assert refused(upload(admin_client, content), "peserta_aktif")


def test_no_upload_at_all_is_explained(admin_client):
    response = admin_client.post("/imports/", {})
    run_worker_tasks()

    assert response.status_code == 400
    assert not ImportBatch.objects.exists()


def test_rejected_rows_write_nothing_when_confirmed(admin_client):
    before = (Enrolment.objects.count(), FigureChange.objects.count())
    response = admin_client.post(
        "/imports/",
        {
            "file": SimpleUploadedFile(
                "data.xlsx", enrolment(["13.02", "", "2025-07", 100], ["13.72", "", "2025-07", -1])
            )
        },
    )
    run_worker_tasks()
    batch = ImportBatch.objects.get()

    confirm = admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    assert response.status_code == 302
    assert confirm.status_code == 302
    assert (Enrolment.objects.count(), FigureChange.objects.count()) == before
    assert ImportBatch.objects.get().status == "preview"
