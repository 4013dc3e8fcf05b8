"""The `program`, `peserta_program` and `rapat` sheets: reading, comparing, writing and undoing.

They plan into the same PlannedRow as the figures, so the preview, the
all-or-nothing confirmation and the undo work the same way. Every write here is
logged as a programs.Activity carrying the import's id and the values before
and after.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from programs.actions import person_for
from programs.models import BPJS_PROGRAMS, Activity, Attendance, FundingProgram, Meeting, Participation
from regions.validation import FigureError, parse_count
from ucj.spreadsheets.cells import normalise, parse_date_cell, parse_year_cell, text_cell

if TYPE_CHECKING:
    from ucj.scopes import Scope
    from ucj.spreadsheets.plan import PlannedRow, RegionIndex
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
PROGRAM_FIELDS = ("funding_source", "funding_region_id", "bpjs_programs", "target_group", "budget_rupiah",
                  "workers_funded", "source", "note")  # fmt: skip
PARTICIPATION_FIELDS = ("workers_funded", "budget_rupiah", "source")
MEETING_FIELDS = ("kind", "venue", "figures_announced", "source_url", "note")


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
    return parse_count(value)


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
        people.append([name.strip(), position.strip(), institution.strip(), False])
    return people


def read_row(
    sheet: SheetData, number: int, values: list[Any], index: RegionIndex, scope: Scope | None, row: PlannedRow
) -> None:
    """Fill `row` from one line of a program, participation or meeting sheet."""
    from ucj.spreadsheets.plan import read_cell

    def cell(column: str, parse: Callable[[Any], Any]) -> Any:
        return read_cell(row, sheet, values, column, parse)

    def optional_text(column: str, field: str) -> None:
        text = text_cell(sheet.value(values, column))
        if text:
            row.values[field] = text

    if sheet.kind in ("program", "participation"):
        name = text_cell(sheet.value(values, "nama_program"))
        year = cell("tahun", parse_year_cell)
        if not name:
            row.reject(f"{sheet.letter('nama_program')}{number}", _("the program name is empty"))
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
        optional_text("kelompok_sasaran", "target_group")
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
        title = text_cell(sheet.value(values, "judul"))
        if not title:
            row.reject(f"{sheet.letter('judul')}{number}", _("the title is empty"))
        row.values["title"] = title
        row.period = date.isoformat() if date else ""
        row.key = ("meeting", title.casefold(), row.period)
        row.values["regions"] = _meeting_regions(sheet, number, values, index, scope, row)
        optional_text("tempat", "venue")
        optional_text("angka_disampaikan", "figures_announced")
        optional_text("tautan", "source_url")
        optional_text("catatan", "note")
        people = _attendees(sheet.value(values, "peserta_rapat"))
        chair = text_cell(sheet.value(values, "pimpinan"))
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
        if problem:
            row.reject(where, problem)
        elif scope is not None and not scope.contains(resolved):
            row.reject(
                where, _("%(region)s is outside the regions you may change") % {"region": index.describe(resolved)}
            )
        elif resolved:
            found.append(resolved)
    if found:
        row.region_code = found[0]
        row.region_name = index.by_code[found[0]][0]
    return sorted(found)


# Comparing with the database -------------------------------------------------------------------


def _program_snapshot(program: FundingProgram) -> dict[str, Any]:
    return {field: getattr(program, field) for field in PROGRAM_FIELDS}


def _meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    return {
        **{field: getattr(meeting, field) for field in MEETING_FIELDS},
        "regions": sorted(region.code for region in meeting.regions.all()),
        "attendees": [[a.named_as, a.position, a.institution, a.is_chair] for a in meeting.attendances.all()],
    }


def compare(rows: list[PlannedRow], rejected: str, statuses: tuple[str, str, str]) -> None:
    """Mark each valid program, participation and meeting row new, changed or unchanged."""
    new, changed, unchanged = statuses
    programs = {(p.name.casefold(), str(p.year)): p for p in FundingProgram.objects.all()}
    planned_programs = {row.key[1:] for row in rows if row.kind == "program" and row.status != rejected}
    for row in rows:
        if row.status == rejected:
            continue
        if row.kind == "program":
            existing = programs.get(row.key[1:])
            old = _program_snapshot(existing) if existing else None
        elif row.kind == "participation":
            program = programs.get(row.key[1:3])
            if program is None and row.key[1:3] not in planned_programs:
                row.reject("", _("no program %(name)r in %(year)s, in the database or this file") % {
                    "name": row.values["program"], "year": row.period,
                })  # fmt: skip
                continue
            taking_part = program.participations.filter(region_id=row.region_code).first() if program else None
            old = {field: getattr(taking_part, field) for field in PARTICIPATION_FIELDS} if taking_part else None
        elif row.kind == "meeting":
            existing = Meeting.objects.filter(title__iexact=row.values["title"], date=row.period).first()
            old = _meeting_snapshot(existing) if existing else None
        else:
            continue
        if old is None:
            row.status = new
            continue
        row.old = old
        differs = any(old.get(field) != value for field, value in row.values.items() if field in old)
        row.status = changed if differs else unchanged


# Writing and undoing ---------------------------------------------------------------------------


def apply(rows: list[PlannedRow], batch: uuid.UUID, user: AbstractBaseUser | None) -> tuple[int, int]:
    """Write programs first, then participation, then meetings; one logged Activity each. (created, updated)"""
    created = updated = 0
    actor = user if user is not None and user.is_authenticated else None
    order = {"program": 0, "participation": 1, "meeting": 2}
    for row in sorted(rows, key=lambda r: order[r.kind]):
        values = {k: v for k, v in row.values.items() if k not in ("program", "regions", "attendees", "title")}
        if row.kind == "program":
            program, made = FundingProgram.objects.get_or_create(
                name=row.values["program"],
                year=int(row.period),
                defaults={**values, "bpjs_programs": values.get("bpjs_programs", [])},
            )
            subject, old = program, row.old
            if not made:
                for field, value in values.items():
                    setattr(program, field, value)
                program.full_clean()
                program.save()
            new = _program_snapshot(program)
        elif row.kind == "participation":
            program = FundingProgram.objects.get(name__iexact=row.values["program"], year=int(row.period))
            subject, made = Participation.objects.update_or_create(
                program=program, region_id=row.region_code, defaults=values
            )
            old, new = row.old, {field: getattr(subject, field) for field in PARTICIPATION_FIELDS}
        else:
            subject, made = Meeting.objects.get_or_create(
                title=row.values["title"], date=datetime.date.fromisoformat(row.period), defaults=values
            )
            if not made:
                for field, value in values.items():
                    setattr(subject, field, value)
                subject.save()
            _set_meeting_people(subject, row.values["regions"], row.values["attendees"])
            old, new = row.old, _meeting_snapshot(subject)
        created += made
        updated += not made
        Activity.objects.create(
            user=actor, action="create" if made else "update", subject=row.kind, subject_id=subject.pk,
            summary=str(subject), batch=batch, old=None if made else old, new=new,
        )  # fmt: skip
    return created, updated


def _set_meeting_people(meeting: Meeting, regions: list[str], attendees: list[list[Any]]) -> None:
    meeting.regions.set(regions)
    meeting.attendances.all().delete()
    for named_as, position, institution, is_chair in attendees:
        Attendance.objects.create(
            meeting=meeting, person=person_for(named_as), named_as=named_as, position=position,
            institution=institution, is_chair=is_chair,
        )  # fmt: skip


def changed_since(batch: uuid.UUID) -> list[str]:
    """Records the import wrote that have been changed since (an undo would lose that work)."""
    moved = []
    for activity in Activity.objects.filter(batch=batch):
        current = _current(activity)
        if current != activity.new:
            moved.append(f"{activity.subject} {activity.summary}")
    return moved


def _current(activity: Activity) -> dict[str, Any] | None:
    if activity.subject == "program":
        program = FundingProgram.objects.filter(pk=activity.subject_id).first()
        return _program_snapshot(program) if program else None
    if activity.subject == "participation":
        taking_part = Participation.objects.filter(pk=activity.subject_id).first()
        return {field: getattr(taking_part, field) for field in PARTICIPATION_FIELDS} if taking_part else None
    meeting = Meeting.objects.filter(pk=activity.subject_id).first()
    return _meeting_snapshot(meeting) if meeting else None


def undo(batch: uuid.UUID, user: AbstractBaseUser | None) -> int:
    """Delete what the import created, put back what it changed, newest first; each step logged."""
    actor = user if user is not None and user.is_authenticated else None
    undone = 0
    models = {"program": FundingProgram, "participation": Participation, "meeting": Meeting}
    for activity in Activity.objects.filter(batch=batch).order_by("-id"):
        model = models[activity.subject]
        record = model.objects.filter(pk=activity.subject_id).first()
        if record is None:
            continue
        if activity.old is None:
            record.delete()
        else:
            old = dict(activity.old)
            regions, attendees = old.pop("regions", None), old.pop("attendees", None)
            for field, value in old.items():
                setattr(record, field, value)
            record.save()
            if isinstance(record, Meeting):
                _set_meeting_people(record, regions or [], attendees or [])
        Activity.objects.create(
            user=actor, action="undo", subject=activity.subject, subject_id=activity.subject_id,
            summary=activity.summary, old=activity.new, new=activity.old,
        )  # fmt: skip
        undone += 1
    return undone
