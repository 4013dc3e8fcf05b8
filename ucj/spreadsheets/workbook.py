"""Opening an uploaded .xlsx without trusting it, and reading its sheets as plain rows.

The checks run before anything parses the file: its size, that it is a zip at
all, that no part is encrypted or packed in a way Excel does not use, how much it
would unpack to (a decompression bomb is refused unread), and how many cells each
sheet spans (calamine allocates every cell from the first used one to the last, so
one value at XFD1048576 in a 2 KB file would ask for 17 billion cells).
The cells are then read with calamine (Rust), which takes a formula's cached
value and never evaluates it, and reads a 100.000-row sheet in well under a
second, about twenty times faster than openpyxl.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.parsers.expat
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from regions.validation import has_control_characters, strip_control_characters
from ucj.progress import READING, Progress, Silent
from ucj.spreadsheets.cells import REQUIRED, column_for_header, kind_for_columns, kind_for_sheet_name

# No honest spreadsheet of figures compresses better than this.
MAX_COMPRESSION_RATIO = 100
# The templates' own sheet of instructions (raw_export.template_workbook): skipped without a note.
INSTRUCTIONS_SHEET = "petunjuk"
# What Excel and every spreadsheet program write; anything else (deflate64, bzip2, lzma) is refused.
READABLE_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# A cell's reference when it is written the way Excel writes it: <c r="B12" ...>.
# A row number with a leading zero does not match, so such a sheet is parsed instead of scanned.
CELL_REFERENCE = re.compile(rb'<c [^>]*?\br="([A-Z]{1,3})([1-9][0-9]{0,6})"')


class FileRejected(Exception):
    """The file as a whole cannot be imported; the message says why, for the user."""


@dataclass
class SheetData:
    title: str
    kind: str
    columns: dict[str, int]
    rows: list[tuple[int, list[Any]]]
    column_offset: int = 0
    # Cells whose control characters (NUL, often written by Excel as _x0000_) were removed, and the first.
    control_characters: int = 0
    first_control_character: str = ""

    def letter(self, column: str) -> str:
        """The column's letter as the spreadsheet shows it."""
        return get_column_letter(self.columns[column] + self.column_offset + 1) if column in self.columns else ""

    def value(self, values: Sequence[Any], column: str) -> Any:
        """The cell's value; None for an empty cell."""
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return None
        value = values[index]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


@dataclass
class WorkbookData:
    sheets: list[SheetData] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_workbook(content: bytes, progress: Progress | None = None) -> WorkbookData:
    progress = progress or Silent()
    _check_container(content)
    progress.step(READING, _check_sheet_extents(content))
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as error:  # calamine raises several kinds for a broken file; all mean the same to the user
        raise FileRejected(_("The file cannot be read as an Excel workbook (%(error)s).") % {"error": error}) from error
    data = WorkbookData()
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or meta.name.strip().lower() == INSTRUCTIONS_SHEET:
            continue
        if meta.visible != SheetVisibleEnum.Visible:
            data.notes.append(_("Hidden sheet %(sheet)r was ignored.") % {"sheet": meta.name})
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception as error:
            raise FileRejected(
                _("Sheet %(sheet)r cannot be read (%(error)s).") % {"sheet": meta.name, "error": error}
            ) from error
        _check_merged_cells(sheet)
        read = _read_sheet(sheet, progress)
        if read is None:
            data.notes.append(
                _("Sheet %(sheet)r was ignored: its name and headers match no known sheet.") % {"sheet": meta.name}
            )
            continue
        if read.control_characters:
            data.notes.append(
                _(
                    "Sheet %(sheet)r: control characters (such as NUL) were removed from %(count)d cells, "
                    "the first in %(cell)s."
                )
                % {"sheet": meta.name, "count": read.control_characters, "cell": read.first_control_character}
            )
        data.sheets.append(read)
    book.close()
    if not data.sheets:
        raise FileRejected(
            _("No sheet to import: name a sheet kepesertaan, angkatan_kerja, target or wilayah, or use their headers.")
        )
    return data


def _check_container(content: bytes) -> None:
    limit = settings.UCJ_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise FileRejected(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(len(content)), "limit": _megabytes(limit)}
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise FileRejected(_("This is not an .xlsx file (an .xlsx is a zip archive). Save it from Excel as .xlsx."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRejected(_("The file is damaged (%(error)s).") % {"error": error}) from error
    for member in members:
        if member.flag_bits & 0x1:
            raise FileRejected(
                _("Part %(part)s of the file is encrypted. Remove the password in Excel and save it again.")
                % {"part": member.filename[:100]}
            )
        if member.compress_type not in READABLE_METHODS:
            raise FileRejected(
                _(
                    "Part %(part)s of the file is packed in a way Excel does not use (method %(method)d); "
                    "save it from Excel again."
                )
                % {"part": member.filename[:100], "method": member.compress_type}
            )
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > settings.UCJ_IMPORT_MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise FileRejected(
            _("The file would unpack to %(size)s MB: refused as a possible decompression bomb.")
            % {"size": _megabytes(unpacked)}
        )
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise FileRejected(_("This zip archive is not an Excel workbook."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            damaged = archive.testzip()  # checks every part's checksum; cheap next to reading the cells
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as error:
        damaged = str(error)
    if damaged:
        raise FileRejected(_("The file is damaged (%(error)s).") % {"error": damaged})


@dataclass
class Extent:
    """The cells a sheet's XML places, as calamine will lay them out: first and last row and column."""

    cells: int = 0
    first_row: int = 0
    last_row: int = 0
    first_column: int = 0
    last_column: int = 0

    def add(self, row: int, column: int) -> None:
        if not self.cells:
            self.first_row = self.last_row = row
            self.first_column = self.last_column = column
        self.cells += 1
        self.first_row, self.last_row = min(self.first_row, row), max(self.last_row, row)
        self.first_column, self.last_column = min(self.first_column, column), max(self.last_column, column)

    @property
    def area(self) -> int:
        if not self.cells:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_column - self.first_column + 1)

    def describe(self) -> str:
        first = f"{get_column_letter(self.first_column)}{self.first_row}"
        return f"{first}:{get_column_letter(self.last_column)}{self.last_row}"


def _check_sheet_extents(content: bytes) -> int:
    """Refuses a sheet whose cells would span more than UCJ_IMPORT_MAX_CELLS, before calamine allocates them.

    Returns how many rows the sheets span (headers and blank rows too): the rows there are to read.
    """
    limit = settings.UCJ_IMPORT_MAX_CELLS
    rows = 0
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name, path in _visible_worksheets(archive):
            if path not in archive.NameToInfo:
                continue
            extent = _extent(archive, path)
            if extent.area > limit or extent.cells > limit:
                raise FileRejected(
                    _(
                        "Sheet %(sheet)r spans %(range)s, %(cells)s cells; a sheet may span at most %(limit)s. "
                        "Delete the cells far from the table (Ctrl+End in Excel shows the last one) or split the file."
                    )
                    % {
                        "sheet": name,
                        "range": extent.describe(),
                        "cells": formats.number_format(extent.area, use_l10n=True, force_grouping=True),
                        "limit": formats.number_format(limit, use_l10n=True, force_grouping=True),
                    }
                )
            if extent.cells:
                rows += extent.last_row - extent.first_row + 1
    return rows


def _visible_worksheets(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """(name, part) of each sheet calamine will read; every worksheet part when the workbook cannot be parsed."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # a broken workbook part: calamine refuses it later, but no sheet goes unchecked meanwhile
        for member in archive.namelist():
            if member.startswith("xl/worksheets/") and member.endswith(".xml"):
                yield member, member
        return
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIP_NS}}}Relationship")}
    for sheet in book.iter(f"{{{SPREADSHEET_NS}}}sheet"):
        if sheet.get("state") in ("hidden", "veryHidden"):
            continue
        target = targets.get(sheet.get(f"{{{RELATIONSHIP_NS}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        yield sheet.get("name", path), path


def _extent(archive: zipfile.ZipFile, path: str) -> Extent:
    data = archive.read(path)
    if _written_like_excel(data):
        return _extent_of_references(data)
    return _extent_by_parsing(archive, path)


def _written_like_excel(data: bytes) -> bool:
    """Every cell carries its reference in plain double quotes, and no element has a namespace prefix.

    Then a byte scan finds every cell as calamine will (a tenth of the time of parsing the XML);
    anything else is parsed. A single quote anywhere could hide a reference inside another
    attribute, and a prefix (<x:c>) would hide the cells from the scan.
    """
    if b"'" in data or b"<sheetData" not in data or re.search(rb"<[A-Za-z_][\w.-]*:c[\s>/]", data):
        return False
    cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
    return cells == len(CELL_REFERENCE.findall(data))


def _extent_of_references(data: bytes) -> Extent:
    references = CELL_REFERENCE.findall(data)
    extent = Extent()
    if not references:
        return extent
    columns = [column_index_from_string(letters.decode()) for letters in {letter for letter, _row in references}]
    rows = [row for _letters, row in references]
    # The numbers are compared as numbers: the longest digit strings first, then the largest among them.
    longest, shortest = max(map(len, rows)), min(map(len, rows))
    last_row = int(max(row for row in rows if len(row) == longest))
    first_row = int(min(row for row in rows if len(row) == shortest))
    extent.add(first_row, min(columns))
    extent.add(last_row, max(columns))
    extent.cells = len(references)
    return extent


def _extent_by_parsing(archive: zipfile.ZipFile, path: str) -> Extent:
    """Streams the sheet's XML, placing cells without a reference after the previous one, as calamine does."""
    extent = Extent()
    position = {"row": 0, "column": 0}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "row":
            reference = attributes.get("r", "")
            position["row"] = int(reference) if reference.isdigit() else position["row"] + 1
            position["column"] = 0
        elif local == "c":
            match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})", attributes.get("r", ""))
            if match:
                position["column"] = column_index_from_string(match.group(1).upper())
                position["row"] = int(match.group(2))
            else:
                position["column"] += 1
            extent.add(max(position["row"], 1), position["column"])

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    try:
        with archive.open(path) as stream:
            parser.ParseFile(stream)
    except (xml.parsers.expat.ExpatError, ValueError) as error:
        raise FileRejected(_("The file is damaged (%(error)s).") % {"error": error}) from error
    return extent


def _check_merged_cells(sheet: Any) -> None:
    """Merged cells hide which row a value belongs to: such a sheet is refused, naming the first merge."""
    merged = sheet.merged_cell_ranges
    if merged:
        (top, left), (bottom, right) = merged[0]
        where = f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(right + 1)}{bottom + 1}"
        raise FileRejected(
            _("Sheet %(sheet)r has merged cells (%(range)s); unmerge them so every row stands alone.")
            % {"sheet": sheet.name, "range": where}
        )


def _read_sheet(sheet: Any, progress: Progress) -> SheetData | None:
    limit = settings.UCJ_IMPORT_MAX_ROWS
    # calamine starts its rows at the sheet's first row but its columns at the first used column.
    offset = sheet.start[1] if sheet.start else 0
    rows_iter = sheet.iter_rows()
    header_row, header = 0, None
    for number, values in enumerate(rows_iter, start=1):
        if any(value not in (None, "") for value in values):
            header_row, header = number, values
            break
    if header is None:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = column_for_header(cell)
        if column and column not in columns:
            columns[column] = index
    kind = kind_for_sheet_name(sheet.name) or kind_for_columns(set(columns))
    if kind is None:
        return None
    missing = [name for name in REQUIRED[kind] if name not in columns]
    if kind != "regions" and "kode_wilayah" not in columns and "wilayah" not in columns:
        missing.insert(0, "kode_wilayah")
    if missing:
        raise FileRejected(
            _("Sheet %(sheet)r lacks the column(s) %(columns)s.") % {"sheet": sheet.name, "columns": ", ".join(missing)}
        )
    rows = []
    stripped, first_stripped = 0, ""
    for number, values in enumerate(rows_iter, start=header_row + 1):
        if not any(value not in (None, "") for value in values):
            continue
        dirty = [i for i, value in enumerate(values) if isinstance(value, str) and has_control_characters(value)]
        if dirty:
            values = [strip_control_characters(v) if isinstance(v, str) else v for v in values]
            first_stripped = first_stripped or f"{get_column_letter(dirty[0] + offset + 1)}{number}"
            stripped += len(dirty)
        rows.append((number, values))
        if len(rows) > limit:
            raise FileRejected(
                _("Sheet %(sheet)r has more than %(limit)s rows; split the file.")
                % {"sheet": sheet.name, "limit": limit}
            )
        if len(rows) % 1000 == 0:
            progress.advance(1000)
    progress.advance(len(rows) % 1000)
    return SheetData(sheet.name, kind, columns, rows, offset, stripped, first_stripped)


def _megabytes(size: int) -> str:
    return formats.number_format(size / 1_000_000, decimal_pos=1, use_l10n=True)
