"""Tables as .xlsx and CSV downloads: raw numbers, headers in the reader's language.

Text that a spreadsheet would read as a formula (= + - @ at the start) is
written so that it stays text: a region name must never run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def defuse(value: Any) -> Any:
    """Text that starts like a formula gets a leading apostrophe, as spreadsheets themselves do."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def undefused(value: str) -> str:
    """The text as it was before `defuse`: an export imported back is unchanged."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    return value


def csv_response(filename: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([defuse(header) for header in headers])
    for row in rows:
        writer.writerow(["" if value is None else defuse(_cell_value(value)) for value in row])
    # The byte order mark lets Excel open UTF-8 (nagari names, "–") correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    filename: str, sheet_title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> HttpResponse:
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(list(headers))
    for row in rows:
        sheet.append([_cell_value(value) for value in row])
    for column in sheet.iter_cols(min_row=1):
        for cell in column:
            # openpyxl stores any string starting with "=" as a formula; force text.
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.value = defuse(cell.value)
                cell.data_type = TYPE_STRING
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
