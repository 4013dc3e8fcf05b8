"""Reading the figure sheets (kepesertaan, angkatan_kerja, target) and the wilayah sheet, one row at a time.

Each reader turns a spreadsheet row into a PlannedRow: the region it names,
its period, its values parsed the way people type them, and every reason it
is rejected, with the cell. The program sheets have their reader in
program_sheets.py; plan.py brings both together.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from regions import codes
from regions.coverage import SEGMENTS
from regions.limits import max_length
from regions.models import Region
from regions.scopes import Scope
from regions.validation import (
    FigureError,
    check_month_not_in_future,
    parse_count,
    parse_percentage,
)
from ucj.spreadsheets.cells import (
    check_length,
    parse_kind_cell,
    parse_month_cell,
    parse_provenance_cell,
    parse_year_cell,
    parse_yes_no_cell,
    text_cell,
)
from ucj.spreadsheets.downloads import undefused
from ucj.spreadsheets.rows import CHANGED, REJECTED, UNCHANGED, PlannedRow, RegionIndex, read_cell
from ucj.spreadsheets.workbook import SheetData, WorkbookData


def locate(sheet: SheetData, number: int, values: Sequence[Any], index: RegionIndex, scope: Scope | None) -> PlannedRow:
    code = text_cell(sheet.value(values, "kode_wilayah"))
    name = text_cell(sheet.value(values, "wilayah"))
    row = PlannedRow(sheet.title, number, sheet.kind, code, name, "")
    resolved, problem = index.resolve(code, name)
    cell = f"{sheet.letter('kode_wilayah' if code else 'wilayah')}{number}"
    if problem:
        row.reject(cell, problem)
        return row
    row.region_code = resolved or ""
    row.region_name = index.by_code[row.region_code][0]
    if scope is not None and not scope.contains(row.region_code):
        row.reject(
            cell, _("%(region)s is outside the regions you may change") % {"region": index.describe(row.region_code)}
        )
    return row


def _cell(sheet: SheetData, column: str, row: PlannedRow) -> str:
    return f"{sheet.letter(column)}{row.row}"


def _required(row: PlannedRow, sheet: SheetData, column: str, value: Any, message: str) -> None:
    """An empty required cell is rejected, unless its content was already rejected for being wrong."""
    cell = _cell(sheet, column, row)
    if value is None and not any(reason.startswith(f"{cell}:") for reason in row.reasons):
        row.reject(cell, message)


def _count(value: Any) -> int | None:
    if isinstance(value, str):
        value = value.strip()
    return parse_count(value)


def read_enrolment_row(sheet: SheetData, values: Sequence[Any], row: PlannedRow, today: datetime.date) -> None:
    month = read_cell(row, sheet, values, "periode", parse_month_cell)
    if month is not None:
        row.period = f"{month:%Y-%m}"
        try:
            check_month_not_in_future(month, today)
        except FigureError as error:
            row.reject(f"{sheet.letter('periode')}{row.row}", str(error))
    participants = read_cell(row, sheet, values, "peserta_aktif", _count)
    _required(row, sheet, "peserta_aktif", participants, _("the active participants are empty"))
    row.values["participants"] = participants
    # A blank optional cell leaves the stored value alone: nothing is wiped by an empty column.
    segments = {}
    for name in SEGMENTS:
        if name in sheet.columns:
            value = read_cell(row, sheet, values, name, _count)
            if value is not None:
                segments[name] = row.values[name] = value
    note = undefused(text_cell(sheet.value(values, "catatan")))
    if note:
        row.values["note"] = note
    source = undefused(text_cell(sheet.value(values, "sumber")))
    if source:
        row.values["source"] = source
    published_pct = read_cell(row, sheet, values, "persen_dipublikasikan", _percentage)
    if published_pct is not None:
        row.values["published_pct"] = published_pct
    published_uncovered = read_cell(row, sheet, values, "belum_terlindungi_dipublikasikan", _count)
    if published_uncovered is not None:
        row.values["published_uncovered"] = published_uncovered
    provenance = read_cell(row, sheet, values, "asal", parse_provenance_cell)
    if provenance is not None:
        row.values["provenance"] = provenance
    # Where the rules' findings point in the sheet (regions.validation.figure_problems names the field).
    segments_cell = _cell(sheet, "pu" if "pu" in sheet.columns else "peserta_aktif", row)
    row.cells = {"participants": _cell(sheet, "peserta_aktif", row), "pu": segments_cell}


def read_baseline_row(sheet: SheetData, values: Sequence[Any], row: PlannedRow, today: datetime.date) -> None:
    year = read_cell(row, sheet, values, "tahun", parse_year_cell)
    row.period = str(year) if year else ""
    row.values["kind"] = read_cell(row, sheet, values, "jenis", parse_kind_cell)
    count = read_cell(row, sheet, values, "jumlah", _count)
    _required(row, sheet, "jumlah", count, _("the count is empty"))
    row.values["count"] = count
    source = undefused(text_cell(sheet.value(values, "sumber")))
    if source:
        row.values["source"] = source
    primary = read_cell(row, sheet, values, "utama", parse_yes_no_cell)
    if primary is not None:
        row.values["primary"] = primary
    if row.region_code and row.values["kind"]:
        # A region may hold several kinds of baseline a year: the kind is part of what identifies the row.
        row.key = ("baseline", row.region_code, row.period, row.values["kind"])


def read_target_row(sheet: SheetData, values: Sequence[Any], row: PlannedRow, today: datetime.date) -> None:
    year = read_cell(row, sheet, values, "tahun", parse_year_cell)
    row.period = str(year) if year else ""
    percentage = read_cell(row, sheet, values, "target_persen", _percentage)
    _required(row, sheet, "target_persen", percentage, _("the target is empty"))
    row.values["percentage"] = percentage
    legal_basis = undefused(text_cell(sheet.value(values, "dasar_hukum")))
    if legal_basis:
        row.values["legal_basis"] = legal_basis


def _percentage(value: Any) -> Decimal | None:
    if isinstance(value, float):
        value = Decimal(str(round(value, 6))).normalize()
    return parse_percentage(value)


def region_rows(sheet: SheetData, index: RegionIndex, workbook: WorkbookData) -> list[PlannedRow]:
    """A `wilayah` sheet: codes and names for the region tree."""
    in_file = {text_cell(sheet.value(values, "kode_wilayah")) for _, values in sheet.rows}
    planned = []
    for number, values in sheet.rows:
        code = text_cell(sheet.value(values, "kode_wilayah"))
        name = text_cell(sheet.value(values, "wilayah"))
        row = PlannedRow(sheet.title, number, "regions", code, name, "", values={"name": name})
        cell = f"{sheet.letter('kode_wilayah')}{number}"
        parent = codes.parent_code(code) if codes.is_valid_code(code) else None
        if not codes.is_valid_code(code) or code == codes.COUNTRY_CODE:
            row.reject(cell, _("malformed code %(code)r") % {"code": code})
        elif parent != codes.COUNTRY_CODE and parent not in in_file and parent not in index.by_code:
            row.reject(cell, _("its parent region %(parent)s is neither in the file nor known") % {"parent": parent})
        if not name:
            row.reject(f"{sheet.letter('wilayah')}{number}", _("the name is empty"))
        try:
            check_length(name, max_length(Region, "name"))
        except FigureError as error:
            row.reject(f"{sheet.letter('wilayah')}{number}", str(error))
        if row.status != REJECTED and code in index.by_code:
            old_name = index.by_code[code][0]
            row.old = {"name": old_name}
            row.status = UNCHANGED if old_name == name else CHANGED
        planned.append(row)
    return planned


# The reader of each figure sheet, by the sheet's kind.
READERS = {"enrolment": read_enrolment_row, "baseline": read_baseline_row, "target": read_target_row}
