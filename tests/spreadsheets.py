"""Building .xlsx files for the import tests."""

from __future__ import annotations

import io
import struct
import zipfile
from typing import Any

from openpyxl import Workbook

ENROLMENT_HEADERS = ["kode_wilayah", "wilayah", "periode", "peserta_aktif", "pu", "bpu", "jakon", "pmi", "catatan"]


def xlsx(
    sheets: dict[str, list[list[Any]]], hidden: tuple[str, ...] = (), merge: dict[str, str] | None = None
) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
        if merge and title in merge:
            sheet.merge_cells(merge[title])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def enrolment(*rows: list[Any], headers: list[str] = ENROLMENT_HEADERS) -> bytes:
    return xlsx({"kepesertaan": [headers, *rows]})


def replace_part(content: bytes, part: str, data: bytes) -> bytes:
    """The workbook with one part's bytes replaced (a sheet's XML written by hand)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, data if item.filename == part else source.read(item.filename))
    return buffer.getvalue()


def sheet_xml(cells: str) -> bytes:
    """A worksheet part whose sheetData is `cells` (rows and cells as XML)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells}</sheetData></worksheet>"
    ).encode()


def patch_zip_entry(content: bytes, part: str, *, flag_bits: int | None = None, method: int | None = None) -> bytes:
    """The archive with one entry's general-purpose flags or compression method overwritten in both headers."""
    data = bytearray(content)
    name = part.encode()
    for signature, flags_at, method_at, name_length_at, name_at in (
        (b"PK\x03\x04", 6, 8, 26, 30),
        (b"PK\x01\x02", 8, 10, 28, 46),
    ):
        start = data.find(signature)
        while start != -1:
            (length,) = struct.unpack_from("<H", data, start + name_length_at)
            if bytes(data[start + name_at : start + name_at + length]) == name:
                if flag_bits is not None:
                    struct.pack_into("<H", data, start + flags_at, flag_bits)
                if method is not None:
                    struct.pack_into("<H", data, start + method_at, method)
            start = data.find(signature, start + 4)
    return bytes(data)
