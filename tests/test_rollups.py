"""The pre-rolled totals always equal a recomputation from the raw rows, whatever wrote the figures."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regions import rollups
from regions.actions import FigureInput, delete_figure, revert_change, save_figures
from regions.models import BaselineTotal, Enrolment, FigureChange, RollupTotal
from tests.conftest import grid_data, run_worker_tasks
from tests.spreadsheets import xlsx
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db


def stored_totals(month) -> dict:
    return {
        row[0]: row[1:]
        for row in RollupTotal.objects.filter(month=month).values_list("region_id", *rollups.TOTAL_FIELDS)
    }


def expected_totals(month) -> dict:
    """The month's totals recomputed from the raw rows, as the stored rows would hold them."""
    return {
        code: tuple(getattr(rollups.row_from_total(code, month, total), name) for name in rollups.TOTAL_FIELDS)
        for code, total in rollups.expected_month_totals(month).items()
    }


def assert_totals_match_the_raw_rows() -> None:
    months = set(Enrolment.objects.values_list("month", flat=True)) | set(
        RollupTotal.objects.values_list("month", flat=True)
    )
    for month in months:
        assert stored_totals(month) == expected_totals(month), month
    expected_baselines = {
        key: (value.count, value.kind, value.year, value.carried_forward, not value.rolled_up)
        for key, value in rollups.expected_baseline_totals().items()
    }
    stored_baselines = {
        (row[0], row[1]): row[2:]
        for row in BaselineTotal.objects.values_list(
            "region_id", "year", "count", "kind", "data_year", "carried_forward", "reported"
        )
    }
    assert stored_baselines == expected_baselines


def test_the_demo_totals_match():
    assert RollupTotal.objects.filter(region_id="13", children_matched=1, children_total=19).exists()
    # No province has a figure from every kabupaten/kota: nothing is region-wide to roll into the country.
    assert not RollupTotal.objects.filter(region_id="ID").exists()
    assert_totals_match_the_raw_rows()


def test_totals_follow_every_kind_of_write(client_for, officer_solok, admin_user, this_month):
    july = datetime.date(2025, 7, 1)
    villages = ["13.02.10.2001", "13.02.10.2002", "13.02.19.2001"]
    save_figures(
        "enrolment", july, [FigureInput(code, {"participants": 50}) for code in villages], user=None, channel="form"
    )
    assert_totals_match_the_raw_rows()
    # Villages have no baselines: the kecamatan counts them as reporting, but none is matched.
    assert RollupTotal.objects.get(region_id="13.02.10", month=july).children_reporting == 2
    assert RollupTotal.objects.get(region_id="13.02.10", month=july).children_matched == 0

    save_figures(
        "enrolment", july, [FigureInput("13.02", {"participants": 40000}, confirmed=True)], user=None, channel="form"
    )
    assert_totals_match_the_raw_rows()
    assert RollupTotal.objects.get(region_id="13.02", month=july).reported

    delete_figure("enrolment", "13.02", july, user=None, channel="form")
    assert_totals_match_the_raw_rows()
    # No kecamatan of Kab. Solok has a figure and a baseline: nothing is left to roll up into it.
    assert not RollupTotal.objects.filter(region_id="13.02", month=july).exists()

    client_for(officer_solok).post(
        f"/entry/{this_month:%Y-%m}/", grid_data(this_month, {"13.72": {"participants": 900}})
    )
    assert_totals_match_the_raw_rows()

    save_figures(
        "baseline",
        2026,
        [FigureInput("13.02.10", {"kind": "angkatan_kerja", "count": 5000})],
        user=None,
        channel="form",
    )
    save_figures(
        "baseline",
        2023,
        [FigureInput("13.72", {"kind": "penduduk_bekerja", "count": 30000})],
        user=None,
        channel="form",
    )
    assert_totals_match_the_raw_rows()

    change = FigureChange.objects.filter(kind="baseline", region_id="13.02.10").latest("id")
    revert_change(change, user=admin_user, reason="test")
    assert_totals_match_the_raw_rows()


def test_totals_follow_an_import_and_its_undo(client_for, admin_user):
    client = client_for(admin_user)
    rows = [["kode_wilayah", "periode", "peserta_aktif"]] + [
        [code, "2025-07", 10 + i]
        for i, code in enumerate(["13.02.04.2001", "13.02.04.2002", "13.11.01.2001", "12.75.01.1001"])
    ]
    baselines = [["kode_wilayah", "tahun", "jenis", "jumlah"], ["13.02.04", 2025, "angkatan_kerja", 9000]]
    content = xlsx({"kepesertaan": rows, "angkatan_kerja": baselines})
    client.post("/imports/", {"file": SimpleUploadedFile("t.xlsx", content)})
    run_worker_tasks()
    batch = ImportBatch.objects.get()

    client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    assert RollupTotal.objects.filter(region_id="13.02.04", month="2025-07-01").exists()
    assert_totals_match_the_raw_rows()

    client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()
    assert not RollupTotal.objects.filter(region_id="13.02.04", month="2025-07-01").exists()
    assert_totals_match_the_raw_rows()


def test_a_rebuild_gives_the_same_totals():
    before = sorted(RollupTotal.objects.values_list("region_id", "month", *rollups.TOTAL_FIELDS))

    rollups.rebuild()

    assert sorted(RollupTotal.objects.values_list("region_id", "month", *rollups.TOTAL_FIELDS)) == before
    assert_totals_match_the_raw_rows()


def test_a_figure_saved_shows_on_the_next_page_load(client_for, officer_solok, this_month):
    client = client_for(officer_solok)
    client.post(f"/entry/{this_month:%Y-%m}/", grid_data(this_month, {"13.02": {"participants": "45.396"}}))

    page = client.get(f"/regions/13.02/?month={this_month:%Y-%m}").content.decode()

    assert "20,00 %" in page  # 45.396 of 226.964, with no batch job in between
