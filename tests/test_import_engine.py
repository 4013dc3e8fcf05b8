"""The import engine: headers, regions, numbers and months as they arrive, and every reason a row is refused."""

import datetime

import pytest

from regions.months import add_months
from regions.scopes import scope_for
from tests.spreadsheets import enrolment, xlsx
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


def plan(content: bytes, scope=None):
    return plan_import(content, "test.xlsx", scope, today=TODAY)


def only_row(content: bytes, scope=None):
    (row,) = plan(content, scope).rows
    return row


@pytest.mark.parametrize(
    "headers",
    [
        ["KODE WILAYAH", "Wilayah", "Periode", "Peserta Aktif"],
        ["kode_wilayah", "wilayah", "periode", "peserta_aktif"],
        ["  Region Code ", "Region", "Month", "Active participants"],
        ["Kode", "Nama Wilayah", "Bulan", "Peserta"],
    ],
)
def test_headers_are_matched_whatever_their_case_spacing_or_language(headers):
    row = only_row(xlsx({"Sheet1": [headers, ["13.02", "Kabupaten Solok", "2025-07", 100]]}))

    assert (row.kind, row.status, row.region_code, row.period, row.values["participants"]) == (
        "enrolment", "new", "13.02", "2025-07", 100,
    )  # fmt: skip


@pytest.mark.parametrize(
    "month",
    [
        "2024-09",
        "Sep 2024",
        "September 2024",
        "Sept 2024",
        "09/2024",
        "9/2024",
        "sep-2024",
        datetime.datetime(2024, 9, 30),
    ],
)
def test_months_are_read_in_every_usual_form(month):
    assert only_row(enrolment(["13.02", "", month, 100])).period == "2024-09"


@pytest.mark.parametrize(("typed", "value"), [("18.092", 18092), (18092, 18092), ("18092", 18092), (18092.0, 18092)])
def test_numbers_are_read_as_numbers_or_indonesian_text(typed, value):
    assert only_row(enrolment(["13.11", "", "2024-09", typed])).values["participants"] == value


def test_a_region_is_found_by_an_unambiguous_name():
    row = only_row(enrolment(["", "Kabupaten Solok Selatan", "2025-07", 100]))

    assert row.region_code == "13.11"


def test_a_bare_solok_is_ambiguous_and_the_message_names_both():
    row = only_row(enrolment(["", "Solok", "2025-07", 100]))

    assert row.status == "rejected"
    assert "Kabupaten Solok (13.02)" in row.reasons[0]
    assert "Kota Solok (13.72)" in row.reasons[0]
    assert row.reasons[0].startswith("B2:")


def test_a_code_and_a_name_that_disagree_are_refused():
    row = only_row(enrolment(["13.02", "Kota Solok", "2025-07", 100]))

    assert row.status == "rejected"
    assert "13.02" in row.reasons[0]


def test_every_reason_of_a_rejected_row_is_listed_with_its_cell():
    row = only_row(enrolment(["99.99", "", "2099-01", "banyak"]))

    assert row.status == "rejected"
    assert [reason.split(":")[0] for reason in row.reasons] == ["A2", "C2", "D2"]


def test_text_in_a_number_column_is_rejected():
    row = only_row(enrolment(["13.02", "", "2025-07", "seribu"]))

    assert row.reasons == ["D2: 'seribu' bukan bilangan bulat (tulis 18092 atau 18.092)."]


def test_negative_numbers_are_rejected():
    row = only_row(enrolment(["13.02", "", "2025-07", 100, -1, 50, 50, 1]))

    assert any(reason.startswith("E2:") and "negatif" in reason for reason in row.reasons)


def test_future_months_are_rejected():
    row = only_row(enrolment(["13.02", "", f"{add_months(TODAY.replace(day=1), 1):%Y-%m}", 100]))

    assert row.reasons == ["C2: Angka tidak dapat diisi untuk bulan yang belum tiba."]


def test_unknown_region_codes_are_rejected():
    assert only_row(enrolment(["13.99", "", "2025-07", 100])).reasons == ["A2: kode wilayah '13.99' tidak dikenal"]


def test_regions_outside_the_uploaders_scope_are_rejected(officer_binjai):
    row = only_row(enrolment(["13.02", "", "2025-07", 100]), scope_for(officer_binjai))

    assert row.status == "rejected"
    assert "Kabupaten Solok (13.02)" in row.reasons[0]


def test_duplicate_rows_for_the_same_region_and_month_are_both_named():
    first, second = plan(enrolment(["13.02", "", "2025-07", 100], ["13.02", "", "Jul 2025", 200])).rows

    assert first.status == second.status == "rejected"
    assert "kepesertaan!3" in first.reasons[-1]
    assert "kepesertaan!2" in second.reasons[-1]


def test_segments_that_do_not_add_up_are_rejected():
    row = only_row(enrolment(["13.11", "", "2024-09", 18092, 11110, 5847, 1135, 1]))

    assert "PU + BPU + Jakon + PMI" in row.reasons[0]


def test_blank_rows_are_skipped():
    result = plan(enrolment(["13.02", "", "2025-07", 100], [None, None, None, None], ["13.72", "", "2025-07", 50]))

    assert [row.row for row in result.rows] == [2, 4]


def test_formulas_are_read_as_their_cached_values_never_evaluated():
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "kepesertaan"
    sheet.append(["kode_wilayah", "periode", "peserta_aktif"])
    sheet.append(["13.02", "2025-07", "=40+60"])
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl stores no cached value: the cell reads as empty, and is not computed

    row = only_row(buffer.getvalue())

    assert row.status == "rejected"
    assert row.values["participants"] is None


def test_unchanged_and_changed_rows_are_told_apart_with_the_old_value():
    result = plan(enrolment(["13.02", "", "2025-06", 31442], ["13.11", "", "2024-09", 18100]))
    unchanged, changed = result.rows

    assert unchanged.status == "unchanged"
    assert changed.status == "changed"
    assert changed.old["participants"] == 18092


def test_baselines_and_targets_sheets_are_read():
    baselines = [
        ["kode_wilayah", "tahun", "jenis", "jumlah", "sumber"],
        ["13.72", 2025, "Angkatan Kerja", "40.000", "BPS"],
    ]
    targets = [["kode_wilayah", "tahun", "target_persen", "dasar_hukum"], ["13.72", "2025", "25,5 %", "Perwako"]]
    content = xlsx({"angkatan_kerja": baselines, "target": targets})

    baseline, target = plan(content).rows

    assert (baseline.kind, baseline.values["kind"], baseline.values["count"]) == ("baseline", "angkatan_kerja", 40000)
    assert (target.kind, str(target.values["percentage"])) == ("target", "25.50")
