"""Building .xlsx files for the import tests."""

from __future__ import annotations

import io
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
