"""Raw figures out in the import format: an export imported back changes nothing; nothing in it runs as a formula."""

import csv
import io

import pytest
from openpyxl import load_workbook

from regions.actions import FigureInput, save_figures
from regions.models import Enrolment, FigureChange
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db

ALL_DEMO_MONTHS = "from=2024-01&to=2025-12"


def test_the_export_holds_the_three_sheets_in_the_import_format(client_for, admin_user):
    response = client_for(admin_user).get(f"/exports/figures/?{ALL_DEMO_MONTHS}")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["kepesertaan", "angkatan_kerja", "target"]
    rows = list(book["kepesertaan"].iter_rows(values_only=True))
    assert rows[0][:4] == ("kode_wilayah", "wilayah", "periode", "peserta_aktif")
    solok_selatan = next(row for row in rows if row[0] == "13.11")
    assert solok_selatan[:8] == ("13.11", "Kabupaten Solok Selatan", "2024-09", 18092, 11110, 5847, 1135, None)


def test_an_export_imported_back_changes_nothing(client_for, admin_user):
    save_figures(
        "enrolment", Enrolment.objects.get(region_id="13.02").month,
        [FigureInput("13.02", {"participants": 31442, "note": "=SUM(A1:A9) bukan rumus"})], user=None, channel="system",
    )  # fmt: skip
    content = client_for(admin_user).get(f"/exports/figures/?{ALL_DEMO_MONTHS}").content

    plan = plan_import(content, "export.xlsx", None)

    assert plan.counts == {"new": 0, "changed": 0, "unchanged": 7, "rejected": 0}


def test_text_that_starts_like_a_formula_is_defused_in_xlsx_and_csv(client_for, admin_user):
    month = Enrolment.objects.get(region_id="13.02").month
    save_figures(
        "enrolment", month, [FigureInput("13.02", {"participants": 31442, "note": "@cmd"})], user=None, channel="system"
    )
    client = client_for(admin_user)

    book = load_workbook(io.BytesIO(client.get(f"/exports/figures/?{ALL_DEMO_MONTHS}").content))
    note = next(row[8] for row in book["kepesertaan"].iter_rows() if row[0].value == "13.02")
    text = client.get(f"/exports/figures/?{ALL_DEMO_MONTHS}&format=csv&kind=enrolment").content.decode("utf-8-sig")

    assert note.value == "'@cmd"
    assert note.data_type == "s"
    assert "'@cmd" in text


def test_the_export_follows_the_scope_and_the_month_range(client_for, official_binjai):
    client = client_for(official_binjai)

    mine = client.get(f"/exports/figures/?{ALL_DEMO_MONTHS}&format=csv&kind=enrolment").content.decode("utf-8-sig")
    narrow = client.get("/exports/figures/?from=2025-01&to=2025-12&format=csv&kind=enrolment").content.decode(
        "utf-8-sig"
    )

    assert [row[0] for row in csv.reader(io.StringIO(mine))][1:] == ["12.75"]
    assert len(list(csv.reader(io.StringIO(narrow)))) == 1
    assert client.get("/exports/figures/?region=13.02").status_code == 404
    assert client.get("/exports/figures/?from=bulan").status_code == 400


@pytest.mark.parametrize("kind", ["enrolment", "baseline", "target", "regions", "program", "participation", "meeting"])
def test_each_template_has_headers_an_example_checks_and_instructions(client_for, admin_user, kind):
    response = client_for(admin_user).get(f"/imports/templates/{kind}.xlsx")

    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    assert book.sheetnames[1] == "petunjuk"
    assert book["petunjuk"]["A1"].value == "Petunjuk pengisian"
    assert sheet.max_row == 2
    if kind != "regions":
        assert sheet.data_validations.dataValidation


def test_the_filled_in_template_example_imports(client_for, admin_user):
    content = client_for(admin_user).get("/imports/templates/enrolment.xlsx").content

    (row,) = plan_import(content, "template.xlsx", None).rows

    assert row.status == "unchanged"  # the example is the published September 2024 figure


def test_templates_are_for_admins(client_for, official_kabsolok):
    assert client_for(official_kabsolok).get("/imports/templates/enrolment.xlsx").status_code == 403
    assert FigureChange.objects.filter(channel="import").count() == 0


@pytest.mark.parametrize("kind", ["program", "participation", "meeting"])
def test_the_program_templates_examples_are_the_published_records(client_for, admin_user, kind):
    content = client_for(admin_user).get(f"/imports/templates/{kind}.xlsx").content

    (row,) = plan_import(content, "template.xlsx", None).rows

    assert row.status in ("unchanged", "changed"), row.reasons
