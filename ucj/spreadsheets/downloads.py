"""Every download the app offers, written one way: CSV and .xlsx with text defused against formulas.

Text that a spreadsheet would read as a formula (= + - @ at the start) is
written so that it stays text: a region name must never run as a formula. A
CSV starts with a byte order mark so Excel reads UTF-8 (nagari names, "–").
The raw-figures export is read back by the import, so `undefused` gives the
text back as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]  # (title, headers, rows)


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


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return int(value)
    return defuse(value)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([defuse(header) for header in headers])
    for row in rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of one or more sheets, each with its header row frozen; streamed, whatever its size."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        sheet.append([defuse(header) for header in headers])
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    """An attachment, its file name quoted the way every browser reads it."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
