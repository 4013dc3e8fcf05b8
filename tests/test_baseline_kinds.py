"""A region may hold several kinds of baseline a year; coverage is on the primary, the others are listed."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regions.coverage import round_pct
from regions.models import Baseline, Region
from regions.months import parse_month
from regions.queries import coverage_report
from tests.conftest import run_worker_tasks, set_baseline, text_of
from tests.spreadsheets import xlsx
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db

JUNE = parse_month("2025-06")


def kab_solok():
    return coverage_report(Region.objects.get(code="13.02"), JUNE).region


@pytest.fixture
def non_asn():
    """A SINTETIS second kind for Kab. Solok 2025: the labour force without ASN, TNI and Polri."""
    set_baseline("13.02", 2025, 200000, kind="angkatan_kerja_non_asn")


def test_coverage_stays_on_the_labour_force_and_the_other_kind_is_listed(non_asn):
    region = kab_solok()

    assert region.baseline.kind == "angkatan_kerja"
    assert round_pct(region.coverage_pct) == Decimal("13.85")
    (other,) = region.other_baselines
    assert (other.kind, other.count, round_pct(other.coverage_pct)) == (
        "angkatan_kerja_non_asn",
        200000,
        Decimal("15.72"),
    )


def test_marking_the_other_kind_primary_moves_the_headline_and_unmarks_the_first(non_asn):
    set_baseline("13.02", 2025, 226964, kind="angkatan_kerja", primary=True)
    assert kab_solok().baseline.kind == "angkatan_kerja"

    set_baseline("13.02", 2025, 200000, kind="angkatan_kerja_non_asn", primary=True)
    region = kab_solok()

    assert region.baseline.count == 200000
    assert round_pct(region.coverage_pct) == Decimal("15.72")
    assert [other.kind for other in region.other_baselines] == ["angkatan_kerja"]
    assert list(Baseline.objects.filter(region_id="13.02", year=2025, primary=True).values_list("kind", flat=True)) == [
        "angkatan_kerja_non_asn"
    ]


def test_the_page_and_the_api_list_the_other_basis(client_for, official_kabsolok, non_asn):
    client = client_for(official_kabsolok)

    page = text_of(client.get("/regions/13.02/?month=2025-06"))
    data = client.get("/api/regions/13.02/coverage/?month=2025-06").json()

    assert "Dengan angkatan kerja tanpa ASN, TNI, dan Polri 2025 (200.000), cakupannya 15,72 %." in page
    assert data["baseline_kind"] == "angkatan_kerja"
    assert data["other_baselines"] == [
        {"kind": "angkatan_kerja_non_asn", "count": 200000, "year": 2025, "coverage_pct": 15.72}
    ]


def test_the_admin_form_sets_a_primary_baseline_of_a_new_kind(client_for, admin_user):
    client_for(admin_user).post(
        "/regions/13.02/figures/",
        {"action": "baseline", "baseline-year": "2025", "baseline-kind": "angkatan_kerja_non_asn",
         "baseline-count": "200.000", "baseline-source": "BPS", "baseline-primary": "on"},
    )  # fmt: skip

    assert round_pct(kab_solok().coverage_pct) == Decimal("15.72")
    page = text_of(client_for(admin_user).get("/regions/13.02/figures/"))
    assert "angkatan kerja tanpa ASN, TNI, dan Polri" in page


def test_deleting_one_kind_leaves_the_other(client_for, admin_user, non_asn):
    client_for(admin_user).post(
        "/regions/13.02/figures/",
        {"action": "delete-baseline", "year": "2025", "kind": "angkatan_kerja_non_asn", "reason": "salah jenis"},
    )

    assert list(Baseline.objects.filter(region_id="13.02", year=2025).values_list("kind", flat=True)) == [
        "angkatan_kerja"
    ]


def test_the_import_reads_the_kind_and_the_primary_column(client_for, admin_user):
    rows = [
        ["kode_wilayah", "tahun", "jenis", "jumlah", "sumber", "utama"],
        ["13.02", 2025, "angkatan kerja non ASN", 200000, "SINTETIS uji", "ya"],
    ]
    client = client_for(admin_user)
    client.post("/imports/", {"file": SimpleUploadedFile("basis.xlsx", xlsx({"angkatan_kerja": rows}))})
    run_worker_tasks()
    batch = ImportBatch.objects.get()
    assert batch.counts["new"] == 1

    client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    assert round_pct(kab_solok().coverage_pct) == Decimal("15.72")
    assert Baseline.objects.get(region_id="13.02", year=2025, kind="angkatan_kerja").count == 226964


def test_the_raw_export_carries_the_kind_and_the_primary_in_words(client_for, admin_user, non_asn):
    from openpyxl import load_workbook

    content = client_for(admin_user).get("/exports/figures/?region=13.02&from=2025-01&to=2025-12").content
    sheet = load_workbook(io.BytesIO(content))["angkatan_kerja"]
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0][-2:] == ("sumber", "utama")
    kinds = {row[3]: row[6] for row in rows[1:]}
    assert kinds == {"angkatan kerja": "ya", "angkatan kerja non ASN": "tidak"}
