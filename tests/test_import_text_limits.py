"""Imported text longer than its column, control characters and links that are not web addresses."""

import pytest

from programs.models import Meeting
from tests.spreadsheets import ENROLMENT_HEADERS, enrolment, replace_part, xlsx
from tests.test_import_program_sheets import MEETING, PROGRAM
from ucj.spreadsheets.apply import apply_plan
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db


def meeting_row(**changes) -> list:
    headers = [*MEETING[0], "tautan"]
    row = dict(zip(headers, [*MEETING[1], "https://solokkota.go.id/berita/monev"], strict=True))
    row.update(changes)
    return [headers, [row[header] for header in headers]]


def plan_one(sheets: dict):
    (row,) = plan_import(xlsx(sheets), "x.xlsx", None).rows
    return row


@pytest.mark.parametrize(
    ("column", "letter", "length"),
    [("judul", "B", 251), ("tempat", "D", 201), ("pimpinan", "F", 151), ("tautan", "J", 501)],
)
def test_a_meeting_cell_longer_than_its_column_is_rejected_naming_the_cell(column, letter, length):
    value = "https://x.id/" + "a" * (length - 13) if column == "tautan" else "A" * length

    row = plan_one({"rapat": meeting_row(**{column: value})})

    assert row.status == "rejected"
    assert any(reason.startswith(f"{letter}2:") for reason in row.reasons), row.reasons


def test_an_attendee_name_longer_than_a_name_can_be_is_rejected():
    row = plan_one({"rapat": meeting_row(peserta_rapat="B" * 151 + " (Kepala, Dinas)")})

    assert row.status == "rejected"
    assert row.reasons[0].startswith("G2:")


def test_a_program_name_longer_than_its_column_is_rejected():
    row = plan_one({"program": [PROGRAM[0], ["P" * 201, *PROGRAM[1][1:]]]})

    assert row.status == "rejected"
    assert row.reasons[0].startswith("A2:")
    assert "201" in row.reasons[0]


def test_a_region_name_longer_than_its_column_is_rejected():
    row = plan_one({"wilayah": [["kode", "nama"], ["13.02.99", "N" * 151]]})

    assert row.status == "rejected"
    assert row.reasons[0].startswith("B2:")


@pytest.mark.parametrize(
    "link", ["javascript:alert(document.cookie)", "data:text/html,<script>1</script>", "ftp://x.id/a"]
)
def test_a_meeting_link_that_is_not_a_web_address_is_rejected(link):
    row = plan_one({"rapat": meeting_row(tautan=link)})

    assert row.status == "rejected"
    assert row.reasons[0].startswith("J2:")


def test_excels_nul_escape_is_removed_and_said_so(admin_user):
    content = enrolment(["13.02", "", "2025-07", 100, "", "", "", "", "PLACEHOLDER"])
    sheet = "xl/worksheets/sheet1.xml"
    import zipfile
    from io import BytesIO

    xml = zipfile.ZipFile(BytesIO(content)).read(sheet).replace(b"PLACEHOLDER", b"catatan_x0000_ bulan Juli")
    plan = plan_import(replace_part(content, sheet, xml), "x.xlsx", None)

    (row,) = plan.rows
    assert row.values["note"] == "catatan bulan Juli"
    assert any("NUL" in note and "I2" in note for note in plan.notes), plan.notes


def test_a_meeting_with_a_nul_in_its_note_is_written_without_it(admin_user):
    from ucj.models import ImportBatch

    content = xlsx({"rapat": meeting_row(catatan="PLACEHOLDER")})
    sheet = "xl/worksheets/sheet1.xml"
    import zipfile
    from io import BytesIO

    xml = zipfile.ZipFile(BytesIO(content)).read(sheet).replace(b"PLACEHOLDER", b"uji_x0000_coba")
    plan = plan_import(replace_part(content, sheet, xml), "x.xlsx", None)
    batch = ImportBatch.objects.create(user=admin_user, file_name="x.xlsx", sha256=plan.sha256)
    apply_plan(plan, batch, admin_user, only_valid=False)

    assert Meeting.objects.get(title=MEETING[1][1]).note == "ujicoba"


def test_headers_are_still_recognised():
    assert plan_one({"kepesertaan": [ENROLMENT_HEADERS, ["13.02", "", "2025-07", 100]]}).status == "new"
