"""Fuzzing the workbook reader: far cells, odd zip flags and methods, control characters, cut files.

Every outcome is either the sheets' data or FileRejected with a message; never another exception,
and never a sheet laid out beyond the cell limit.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from django.test import override_settings
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from tests.spreadsheets import enrolment, patch_zip_entry, replace_part, sheet_xml
from ucj.spreadsheets.workbook import FileRejected, WorkbookData, read_workbook

BASE = enrolment(["13.02", "", "2025-07", 100])
SHEET = "xl/worksheets/sheet1.xml"
PARTS = [item.filename for item in zipfile.ZipFile(io.BytesIO(BASE)).infolist()]
LIMIT = 20_000
HEADER = ["kode_wilayah", "wilayah", "periode", "peserta_aktif"]

# Text with the characters that cause trouble: NUL and other controls, Excel's escapes, XML specials.
TEXT = st.one_of(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from("\x00\x01\x1b"), max_size=20
    ),
    st.just("catatan_x0000_ Juli"),
)
# Mostly near cells, sometimes one anywhere up to XFD1048576.
ROWS = st.one_of(st.integers(1, 30), st.integers(1, 30), st.integers(1, 30), st.integers(1, 1_048_576))
COLUMNS = st.one_of(st.integers(1, 12), st.integers(1, 12), st.integers(1, 12), st.integers(1, 16_384))
CELL = st.tuples(st.booleans(), ROWS, COLUMNS, st.one_of(TEXT, st.integers(-(10**12), 10**12), st.floats()))


def xml_text(text: str) -> str:
    if "_x0000_" in text:
        return text  # already Excel's escape, written as Excel writes it
    # XML 1.0 cannot carry most control characters; Excel writes them as _xHHHH_, and so do we.
    return "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n\r" else escape(ch) for ch in text)


def cell_xml(with_reference: bool, row: int, column: int, value) -> str:
    reference = f' r="{get_column_letter(column)}{row}"' if with_reference else ""
    if isinstance(value, str):
        return f'<c{reference} t="inlineStr"><is><t>{xml_text(value)}</t></is></c>'
    return f"<c{reference}><v>{value}</v></c>"


def sheet_with(cells) -> bytes:
    header = "".join(cell_xml(True, 1, index, name) for index, name in enumerate(HEADER, start=1))
    body = "".join(f'<row r="{row}">{cell_xml(ref, row, column, value)}</row>' for ref, row, column, value in cells)
    return sheet_xml(f'<row r="1">{header}</row>{body}')


def outcome(content: bytes) -> WorkbookData | None:
    try:
        return read_workbook(content)
    except FileRejected as rejected:
        message = str(rejected)
    assert message.strip()
    return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(CELL, max_size=8),
    part=st.sampled_from(PARTS),
    flag_bits=st.one_of(st.none(), st.none(), st.none(), st.integers(0, 0xFFFF)),
    method=st.one_of(st.none(), st.none(), st.none(), st.sampled_from([0, 8, 9, 12, 14, 99])),
    cut=st.one_of(st.none(), st.none(), st.none(), st.integers(0, 4000)),
)
def test_the_reader_answers_with_data_or_a_refusal(cells, part, flag_bits, method, cut):
    content = replace_part(BASE, SHEET, sheet_with(cells))
    if flag_bits is not None or method is not None:
        content = patch_zip_entry(content, part, flag_bits=flag_bits, method=method)
    if cut is not None:
        content = content[:cut]

    with override_settings(UCJ_IMPORT_MAX_CELLS=LIMIT):
        result = outcome(content)

    event("read" if result is not None else "refused")
    if result is not None:
        for sheet in result.sheets:
            assert len(sheet.rows) <= LIMIT
            for _number, values in sheet.rows:
                assert not any(isinstance(value, str) and "\x00" in value for value in values)
