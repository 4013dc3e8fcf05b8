"""A sheet whose cells would span more than the limit is refused with a message before calamine lays them out."""

import pytest
from django.test.utils import override_settings

from tests.spreadsheets import ENROLMENT_HEADERS, enrolment, replace_part, sheet_xml, xlsx
from ucj.spreadsheets import workbook
from ucj.spreadsheets.workbook import FileRejected, read_workbook

SHEET = "xl/worksheets/sheet1.xml"
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>kode_wilayah</t></is></c><c r="B1" t="inlineStr"><is><t>periode</t></is></c><c r="C1" t="inlineStr"><is><t>peserta_aktif</t></is></c></row>'  # noqa: E501


@pytest.fixture
def calamine_must_not_run(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("calamine was asked to read a sheet that should have been refused first")

    monkeypatch.setattr(workbook.CalamineWorkbook, "from_filelike", refuse)


def one_value_at(reference: str) -> bytes:
    base = enrolment(["13.02", "", "2025-07", 100])
    return replace_part(base, SHEET, sheet_xml(f'{HEADER}<row r="2"><c r="{reference}"><v>1</v></c></row>'))


def test_one_value_at_the_last_cell_of_a_sheet_is_refused_with_a_message(calamine_must_not_run):
    content = one_value_at("XFD1048576")

    with pytest.raises(FileRejected, match="XFD1048576") as refused:
        read_workbook(content)

    assert len(content) < 10_000
    assert "kepesertaan" in str(refused.value)


def test_far_cells_without_references_are_placed_as_calamine_places_them(calamine_must_not_run):
    far_row = '<row r="1048576">' + "<c><v>1</v></c>" * 20 + "</row>"
    content = replace_part(enrolment(["13.02", "", "2025-07", 100]), SHEET, sheet_xml(HEADER + far_row))

    with pytest.raises(FileRejected, match="A1:T1048576"):
        read_workbook(content)


def test_cells_with_a_namespace_prefix_are_counted_too(calamine_must_not_run):
    prefixed = (
        b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="ZZ900000"><x:v>1</x:v></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    content = replace_part(enrolment(["13.02", "", "2025-07", 100]), SHEET, prefixed)

    with pytest.raises(FileRejected, match="ZZ900000"):
        read_workbook(content)


def test_a_reference_hidden_in_another_attribute_does_not_fool_the_count(calamine_must_not_run):
    hidden = f"""{HEADER}<row r="2"><c foo='r="A2"' r="XFD1048576"><v>1</v></c></row>"""
    content = replace_part(enrolment(["13.02", "", "2025-07", 100]), SHEET, sheet_xml(hidden))

    with pytest.raises(FileRejected, match="XFD1048576"):
        read_workbook(content)


@override_settings(UCJ_IMPORT_MAX_CELLS=40)
def test_the_limit_is_a_setting_and_an_ordinary_sheet_within_it_is_read():
    rows = [["13.02", "", f"2025-0{month}", 100] for month in range(1, 4)]

    assert len(read_workbook(enrolment(*rows)).sheets[0].rows) == 3
    with pytest.raises(FileRejected, match="40"):
        read_workbook(enrolment(*rows, *rows, *rows, *rows))


def test_a_hidden_sheet_is_not_read_so_its_far_cells_do_not_matter():
    content = xlsx(
        {"kepesertaan": [ENROLMENT_HEADERS, ["13.02", "", "2025-07", 100]], "rahasia": [["x"]]}, hidden=("rahasia",)
    )
    content = replace_part(content, "xl/worksheets/sheet2.xml", sheet_xml('<row r="1"><c r="XFD1048576"/></row>'))

    assert read_workbook(content).sheets[0].title == "kepesertaan"
