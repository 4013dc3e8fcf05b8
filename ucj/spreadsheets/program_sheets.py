"""The `program`, `peserta_program` and `rapat` sheets: reading rows, comparing them, handing them to the actions.

They plan into the same PlannedRow as the figures, so the preview, the
all-or-nothing confirmation and the undo work the same way. This module reads
cells, resolves names and builds plain values; programs.actions checks the rules
(for the preview too, so it shows the same reasons), writes, records each write as
an Activity carrying the import's batch, and undoes the import.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from programs.actions import (
    CREATE,
    UPDATE,
    AttendeeInput,
    Written,
    check_meeting,
    check_participation,
    check_program,
    meeting_snapshot,
    participation_snapshot,
    program_named,
    program_snapshot,
    save_meeting,
    save_participation,
    save_program,
)
from programs.models import (
    BPJS_PROGRAMS,
    MAX_RUPIAH,
    Attendance,
    FundingProgram,
    Meeting,
    Participation,
    Person,
    PersonAlias,
)
from regions.actions import Actor
from regions.limits import MAX_TEXT, max_length
from regions.scopes import Scope
from regions.validation import FigureError, parse_count
from ucj.spreadsheets.cells import (
    check_length,
    link_cell,
    normalise,
    parse_date_cell,
    parse_year_cell,
    text_cell,
)
from ucj.spreadsheets.rows import CHANGED, NEW, REJECTED, UNCHANGED, PlannedRow, RegionIndex, read_cell
from ucj.spreadsheets.workbook import SheetData

FUNDING_SOURCES = {
    "apbd": "apbd",
    "apbdes": "apbdes",
    "danadesa": "apbdes",
    "dananagari": "apbdes",
    "apbdesdananagaridanadesa": "apbdes",
    "dbhsawit": "dbh_sawit",
    "baznas": "baznas",
    "csr": "csr",
    "tjsl": "csr",
    "csrtjsl": "csr",
    "lainnya": "other",
    "other": "other",
}
MEETING_KINDS = {
    "kickoff": "kickoff",
    "kickoffmeeting": "kickoff",
    "monev": "monev",
    "fgd": "fgd",
    "focusgroupdiscussion": "fgd",
    "launching": "launching",
    "peluncuran": "launching",
    "sosialisasi": "sosialisasi",
    "lainnya": "other",
    "other": "other",
}
# Values a row holds that name the record or its links rather than set one of its fields.
NOT_FIELDS = ("program", "title", "regions", "attendees")


def _choice(mapping: dict[str, str], message: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        found = mapping.get(normalise(value))
        if found is None:
            raise FigureError(message % {"value": text_cell(value)})
        return found

    return parse


def _programs_covered(value: Any) -> list[str]:
    names = [part.upper() for part in re.split(r"[\s,+/;&]+", text_cell(value)) if part]
    if not names or any(name not in BPJS_PROGRAMS for name in names):
        raise FigureError(
            _("%(value)r: list BPJS programs among JKK, JKM, JHT, JP, JKP.") % {"value": text_cell(value)}
        )
    return [name for name in BPJS_PROGRAMS if name in names]


def _rupiah(value: Any) -> int | None:
    if isinstance(value, str):
        value = re.sub(r"(?i)^rp\.?\s*", "", value.strip()).removesuffix(",00").removesuffix(",-")
    return parse_count(value, maximum=MAX_RUPIAH)


def _name_length() -> int:
    """A person's name is stored as the attendee's spelling, as an alias and as the person: the shortest holds."""
    return min(max_length(Attendance, "named_as"), max_length(PersonAlias, "alias"), max_length(Person, "name"))


def _attendees(value: Any) -> list[list[Any]]:
    """ "Nama (Jabatan, Instansi); Nama lain" -> [[name, position, institution, is_chair], ...]"""
    people = []
    for part in re.split(r"[;\n]", text_cell(value)):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(.+?)\s*\((.*)\)", part)
        name, details = (match.group(1), match.group(2)) if match else (part, "")
        position, _comma, institution = details.partition(",")
        named_as, position, institution = name.strip(), position.strip(), institution.strip()
        check_length(named_as, _name_length())
        check_length(position, max_length(Attendance, "position"))
        check_length(institution, max_length(Attendance, "institution"))
        people.append([named_as, position, institution, False])
    return people


def read_row(
    sheet: SheetData, number: int, values: list[Any], index: RegionIndex, scope: Scope | None, row: PlannedRow
) -> None:
    """Fill `row` from one line of a program, participation or meeting sheet."""

    def cell(column: str, parse: Callable[[Any], Any]) -> Any:
        return read_cell(row, sheet, values, column, parse)

    def where(column: str) -> str:
        return f"{sheet.letter(column)}{number}"

    def fits(column: str, text: str, limit: int) -> str:
        """The text, or "" with the row rejected when it is longer than its column holds."""
        try:
            check_length(text, limit)
        except FigureError as error:
            row.reject(where(column), str(error))
            return ""
        return text

    def bounded_text(column: str, limit: int) -> str:
        return fits(column, text_cell(sheet.value(values, column)), limit)

    def empty(column: str, message: str) -> None:
        """An empty required cell is rejected, unless it was emptied for being too long."""
        if not any(reason.startswith(f"{where(column)}:") for reason in row.reasons):
            row.reject(where(column), message)

    def optional_text(column: str, field: str, limit: int = MAX_TEXT) -> None:
        text = bounded_text(column, limit)
        if text:
            row.values[field] = text

    if sheet.kind in ("program", "participation"):
        name = bounded_text("nama_program", max_length(FundingProgram, "name"))
        year = cell("tahun", parse_year_cell)
        if not name:
            empty("nama_program", _("the program name is empty"))
        row.values["program"] = name
        row.period = str(year) if year else ""
        row.key = ("program", name.casefold(), row.period) if sheet.kind == "program" else (
            "participation", name.casefold(), row.period, row.region_code,
        )  # fmt: skip
        for column, field, parse in (
            ("pekerja_didanai", "workers_funded", parse_count),
            ("anggaran", "budget_rupiah", _rupiah),
        ):
            if column in sheet.columns:
                parsed = cell(column, parse)
                if parsed is not None:
                    row.values[field] = parsed
        optional_text("sumber", "source")
    if sheet.kind == "program":
        row.values["funding_region_id"] = row.region_code
        row.values["funding_source"] = cell(
            "sumber_dana",
            _choice(
                FUNDING_SOURCES, _("%(value)r is not a funding source (APBD, APBDes, DBH Sawit, Baznas, CSR, lainnya).")
            ),
        )
        if "program_bpjs" in sheet.columns:
            row.values["bpjs_programs"] = cell("program_bpjs", _programs_covered)
        optional_text("kelompok_sasaran", "target_group", max_length(FundingProgram, "target_group"))
        optional_text("catatan", "note")
    if sheet.kind == "meeting":
        row.values["kind"] = cell(
            "jenis",
            _choice(
                MEETING_KINDS,
                _("%(value)r is not a kind of meeting (kick-off, monev, FGD, launching, sosialisasi, lainnya)."),
            ),
        )
        date = cell("tanggal", parse_date_cell)
        title = bounded_text("judul", max_length(Meeting, "title"))
        if not title:
            empty("judul", _("the title is empty"))
        row.values["title"] = title
        row.period = date.isoformat() if date else ""
        row.key = ("meeting", title.casefold(), row.period)
        row.values["regions"] = _meeting_regions(sheet, number, values, index, scope, row)
        optional_text("tempat", "venue", max_length(Meeting, "venue"))
        optional_text("angka_disampaikan", "figures_announced")
        link = cell("tautan", link_cell)
        if link:
            row.values["source_url"] = fits("tautan", link, max_length(Meeting, "source_url"))
        optional_text("catatan", "note")
        people = cell("peserta_rapat", _attendees) or []
        chair = bounded_text("pimpinan", _name_length())
        if chair:
            for person in people:
                person[3] = normalise(person[0]) == normalise(chair)
            if not any(person[3] for person in people):
                people.insert(0, [chair, "", "", True])
        row.values["attendees"] = people


def _meeting_regions(
    sheet: SheetData, number: int, values: list[Any], index: RegionIndex, scope: Scope | None, row: PlannedRow
) -> list[str]:
    """A meeting may be about several regions: codes separated by commas in the region column."""
    raw = text_cell(sheet.value(values, "kode_wilayah"))
    found = []
    for code in [part.strip() for part in raw.split(",") if part.strip()] or [row.region_code]:
        resolved, problem = index.resolve(code, "")
        where = f"{sheet.letter('kode_wilayah')}{number}"
        if problem or resolved is None:
            row.reject(where, problem or "")
        elif scope is not None and not scope.contains(resolved):
            row.reject(
                where, _("%(region)s is outside the regions you may change") % {"region": index.describe(resolved)}
            )
        else:
            found.append(resolved)
    if found:
        row.region_code = found[0]
        row.region_name = index.by_code[found[0]][0]
    return sorted(found)


# Comparing with the database -------------------------------------------------------------------


def _fields(row: PlannedRow) -> dict[str, Any]:
    return {name: value for name, value in row.values.items() if name not in NOT_FIELDS}


def _meeting_titled(title: str, date: str | datetime.date) -> Meeting | None:
    """The meeting a `rapat` row names: the same title in any case, on the same date."""
    return Meeting.objects.filter(title__iexact=title, date=date).first()


def _attendee_inputs(row: PlannedRow) -> list[AttendeeInput]:
    return [AttendeeInput(*attendee) for attendee in row.values["attendees"]]


def _reasons(error: ValidationError, model: type[Model]) -> list[str]:
    """An action's refusal as preview reasons: each message after the name of its field."""
    reasons = []
    for name, messages in error.message_dict.items():
        try:
            column = model._meta.get_field(name)
            label = "" if name == NON_FIELD_ERRORS else f"{capfirst(getattr(column, 'verbose_name', name))}: "
        except FieldDoesNotExist:
            label = f"{name}: "
        reasons += [f"{label}{message}" for message in messages]
    return reasons


def compare(rows: list[PlannedRow]) -> None:
    """Mark each valid row new, changed or unchanged; reject a row the actions would refuse, with their reasons."""
    # A name held twice goes to the older program, as program_named picks it.
    programs = {(p.name.casefold(), str(p.year)): p for p in FundingProgram.objects.order_by("-pk")}
    planned_programs = {row.key[1:] for row in rows if row.kind == "program" and row.status != REJECTED and row.key}
    for row in rows:
        if row.status == REJECTED:
            continue
        key = row.key or ()
        check: Callable[[], None]
        model: type[Model]
        if row.kind == "program":
            program = programs.get(key[1:])
            old = program_snapshot(program) if program else None
            model = FundingProgram
            check = partial(check_program, name=row.values["program"], year=int(row.period), values=_fields(row))
        elif row.kind == "participation":
            program = programs.get(key[1:3])
            if program is None and key[1:3] not in planned_programs:
                row.reject("", _("no program %(name)r in %(year)s, in the database or this file") % {
                    "name": row.values["program"], "year": row.period,
                })  # fmt: skip
                continue
            taking_part = program.participations.filter(region_id=row.region_code).first() if program else None
            old = participation_snapshot(taking_part) if taking_part else None
            model = Participation
            check = partial(check_participation, program=program, region_code=row.region_code, values=_fields(row))
        elif row.kind == "meeting":
            meeting = _meeting_titled(row.values["title"], row.period)
            old = meeting_snapshot(meeting) if meeting else None
            model = Meeting
            check = partial(
                check_meeting, title=row.values["title"], date=datetime.date.fromisoformat(row.period),
                values=_fields(row), regions=row.values["regions"], attendees=_attendee_inputs(row),
                pk=meeting.pk if meeting else None,
            )  # fmt: skip
        else:
            continue
        if old is None:
            row.status = NEW
        else:
            row.old = old
            differs = any(old.get(field) != value for field, value in row.values.items() if field in old)
            row.status = CHANGED if differs else UNCHANGED
        if row.status in (NEW, CHANGED):
            try:
                check()
            except ValidationError as error:
                for reason in _reasons(error, model):
                    row.reject("", reason)


# Writing: through programs.actions ---------------------------------------------------------------


def apply(rows: list[PlannedRow], batch: uuid.UUID, user: Actor) -> tuple[int, int]:
    """Write programs first, then participation, then meetings, each through its action. (created, updated)"""
    written: Counter[str | None] = Counter()
    order = {"program": 0, "participation": 1, "meeting": 2}
    for row in sorted(rows, key=lambda r: order[r.kind]):
        outcome: Written[Any]
        if row.kind == "program":
            name, year = row.values["program"], int(row.period)
            outcome = save_program(user=user, name=name, year=year, values=_fields(row), batch=batch)
        elif row.kind == "participation":
            name, year = row.values["program"], int(row.period)
            program = program_named(name, year)
            if program is None:
                raise FundingProgram.DoesNotExist(f"{name} ({year})")
            outcome = save_participation(
                user=user, program=program, region_code=row.region_code, values=_fields(row), batch=batch
            )
        else:
            existing = _meeting_titled(row.values["title"], row.period)
            outcome = save_meeting(
                user=user, title=row.values["title"], date=datetime.date.fromisoformat(row.period),
                values=_fields(row), regions=row.values["regions"], attendees=_attendee_inputs(row), batch=batch,
                pk=existing.pk if existing else None,
            )  # fmt: skip
        written[outcome.action] += 1
    return written[CREATE], written[UPDATE]
