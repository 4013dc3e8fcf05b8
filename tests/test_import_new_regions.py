"""A workbook that adds regions in its wilayah sheet imports their baselines and figures in the same upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regions.models import Baseline, Enrolment, FigureChange, Region, RollupTotal
from tests.conftest import run_worker_tasks
from tests.spreadsheets import xlsx
from tests.test_rollups import assert_totals_match_the_raw_rows
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db

# The figures sheet comes before the regions sheet on purpose: the order of the sheets does not matter.
WORKBOOK = {
    "kepesertaan": [
        ["kode_wilayah", "wilayah", "periode", "peserta_aktif", "sumber", "persen_dipublikasikan"],
        ["13.02.99", "", "2025-06", 120, "SINTETIS laporan uji", "12"],
        ["", "Nagari Sintetis Uji", "2025-06", 30, "SINTETIS laporan uji", None],
    ],
    "angkatan_kerja": [
        ["kode_wilayah", "tahun", "jenis", "jumlah", "utama"],
        ["13.02.99", 2025, "angkatan kerja", 1000, "ya"],
    ],
    "wilayah": [["kode", "nama"], ["13.02.99", "Kecamatan Sintetis Uji"], ["13.02.99.2001", "Nagari Sintetis Uji"]],
}


@pytest.fixture
def imported(client_for, admin_user):
    client = client_for(admin_user)
    client.post("/imports/", {"file": SimpleUploadedFile("baru.xlsx", xlsx(WORKBOOK))})
    run_worker_tasks()
    batch = ImportBatch.objects.get()
    client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    batch.refresh_from_db()
    return client, batch


def test_the_preview_accepts_the_new_regions_figures(client_for, admin_user):
    client_for(admin_user).post("/imports/", {"file": SimpleUploadedFile("baru.xlsx", xlsx(WORKBOOK))})
    run_worker_tasks()

    batch = ImportBatch.objects.get()
    assert batch.counts == {"new": 5, "changed": 0, "unchanged": 0, "rejected": 0}


def test_the_whole_workbook_imports_in_one_go(imported):
    _client, batch = imported

    assert batch.status == "applied"
    assert Region.objects.get(code="13.02.99").name == "Kecamatan Sintetis Uji"
    figure = Enrolment.objects.get(region_id="13.02.99")
    assert (figure.participants, figure.provenance, figure.source) == (120, "imported", "SINTETIS laporan uji")
    assert str(figure.published_pct) == "12.00"
    assert Enrolment.objects.get(region_id="13.02.99.2001").participants == 30
    assert Baseline.objects.get(region_id="13.02.99").primary
    assert RollupTotal.objects.get(region_id="13.02.99", month="2025-06-01").reported
    assert_totals_match_the_raw_rows()


def test_undo_removes_the_figures_and_the_regions_and_keeps_their_history(imported):
    client, batch = imported

    client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()

    batch.refresh_from_db()
    assert batch.status == "undone"
    assert not Region.objects.filter(code__startswith="13.02.99").exists()
    assert not Enrolment.objects.filter(region__code__startswith="13.02.99").exists()
    assert not Baseline.objects.filter(region__code__startswith="13.02.99").exists()
    assert FigureChange.objects.filter(region_id="13.02.99", channel="revert", action="delete").exists()
    assert_totals_match_the_raw_rows()


def test_a_region_someone_entered_a_figure_for_after_the_import_blocks_the_undo(imported, admin_user):
    from regions.actions import FigureInput, save_figures
    from regions.months import parse_month

    client, batch = imported
    save_figures(
        "enrolment", parse_month("2025-07"), [FigureInput("13.02.99", {"participants": 130})], user=admin_user,
        channel="form",
    )  # fmt: skip

    client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()

    # The July figure is not the import's: the undo takes back the import's rows and leaves the region standing.
    assert Region.objects.filter(code="13.02.99").exists()
    assert Enrolment.objects.filter(region_id="13.02.99", month="2025-07-01").exists()
