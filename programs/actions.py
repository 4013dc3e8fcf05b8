"""Every write of a program, its participation, a meeting or a commitment goes through here.

One function per kind of change, each in one transaction: it locks the record it
changes, applies the model's rules (full_clean: lengths, choices, web-only links,
constraints), writes, and records an Activity with who, what, a summary, the values
before and after and, for an import, the import's batch. The meeting form, the
import, the admin and the demo loader call these; nothing else writes those
tables. Whether the user may change the regions concerned is the caller's check.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from programs.models import (
    Activity,
    Attendance,
    Commitment,
    FundingProgram,
    Meeting,
    Participation,
    Person,
    PersonAlias,
)
from regions.actions import Actor
from regions.models import DataVersion, Region

CREATE, UPDATE, DELETE, UNDO, STATUS = "create", "update", "delete", "undo", "status"

# What an Activity keeps of each record, before and after. A meeting's also holds its regions and attendees.
PROGRAM_FIELDS = (
    "name", "year", "funding_source", "funding_region_id", "bpjs_programs", "target_group", "budget_rupiah",
    "workers_funded", "reported_taking_part", "reported_of", "reported_source", "source", "note",
)  # fmt: skip
PARTICIPATION_FIELDS = ("program_id", "region_id", "workers_funded", "budget_rupiah", "source")
MEETING_FIELDS = (
    "kind", "title", "date", "date_precision", "venue", "figures_announced", "source_url", "source_title", "note",
)  # fmt: skip
COMMITMENT_FIELDS = (
    "what", "who_institution", "who_person_id", "due_date", "status", "meeting_id", "region_id", "source", "note",
)  # fmt: skip

Record = TypeVar("Record", bound=models.Model)


@dataclass(frozen=True)
class AttendeeInput:
    named_as: str
    position: str = ""
    institution: str = ""
    is_chair: bool = False
    # A person chosen by hand (in the admin); without one, the person is found by the spelling.
    person_id: int | None = None


@dataclass(frozen=True)
class Written(Generic[Record]):
    record: Record
    # CREATE or UPDATE; None when the record already held these values (nothing written, nothing recorded).
    action: str | None


@dataclass(frozen=True)
class Undone:
    deleted: int = 0
    restored: int = 0

    @property
    def total(self) -> int:
        return self.deleted + self.restored


class ChangedSinceImport(Exception):
    """Records an import wrote were changed since: undoing it would lose that work."""

    def __init__(self, moved: list[str]) -> None:
        super().__init__(", ".join(moved))
        self.moved = moved


# Snapshots: what an Activity keeps, in JSON's own types ---------------------------------------


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def program_snapshot(program: FundingProgram) -> dict[str, Any]:
    return {name: _plain(getattr(program, name)) for name in PROGRAM_FIELDS}


def participation_snapshot(taking_part: Participation) -> dict[str, Any]:
    return {name: _plain(getattr(taking_part, name)) for name in PARTICIPATION_FIELDS}


def meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    return {
        **{name: _plain(getattr(meeting, name)) for name in MEETING_FIELDS},
        "regions": sorted(meeting.regions.values_list("code", flat=True)),
        "attendees": [[a.named_as, a.position, a.institution, a.is_chair] for a in meeting.attendances.all()],
    }


def commitment_snapshot(commitment: Commitment) -> dict[str, Any]:
    return {name: _plain(getattr(commitment, name)) for name in COMMITMENT_FIELDS}


SUBJECTS: dict[str, tuple[type[models.Model], Callable[[Any], dict[str, Any]]]] = {
    "program": (FundingProgram, program_snapshot),
    "participation": (Participation, participation_snapshot),
    "meeting": (Meeting, meeting_snapshot),
    "commitment": (Commitment, commitment_snapshot),
}


# Helpers ----------------------------------------------------------------------------------------


def _actor(user: Actor) -> User | None:
    return user if isinstance(user, User) else None


def _log(
    user: Actor,
    action: str,
    subject: str,
    subject_id: int,
    summary: str,
    *,
    batch: uuid.UUID | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> Activity:
    DataVersion.bump(DataVersion.PROGRAMS)  # cached pages and panels built before this write are now out of date
    return Activity.objects.create(
        user=_actor(user), action=action, subject=subject, subject_id=subject_id, summary=summary, batch=batch,
        old=old, new=new,
    )  # fmt: skip


def _locked(model: type[Record], pk: int | None) -> Record | None:
    """The record, locked until the transaction ends, so that no other write interleaves with ours."""
    if pk is None:
        return None
    return model._default_manager.select_for_update().filter(pk=pk).first()


def _assign(record: models.Model, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(record, name, value)


def _restore(record: models.Model, values: Mapping[str, Any]) -> None:
    """Put back values an Activity kept (JSON: a date as text), as their columns hold them."""
    # Values are kept by field name or column name (funding_region or funding_region_id).
    columns = {key: column for column in record._meta.concrete_fields for key in (column.name, column.attname)}
    for name, value in values.items():
        column = columns[name]
        setattr(record, column.attname, column.to_python(value))


def _write(
    record: Record,
    old: dict[str, Any] | None,
    new: dict[str, Any],
    *,
    user: Actor,
    subject: str,
    batch: uuid.UUID | None,
) -> Written[Record]:
    """Save a cleaned record and record the change; a record that already held these values is left alone."""
    if old == new:
        return Written(record, None)
    record.save()
    action = CREATE if old is None else UPDATE
    _log(user, action, subject, record.pk, str(record), batch=batch, old=old, new=new)
    return Written(record, action)


def person_for(spelling: str) -> Person | None:
    """The person known under this spelling; a new person (with this spelling) if nobody is."""
    spelling = " ".join(spelling.split())
    if not spelling:
        return None
    alias = PersonAlias.objects.select_related("person").filter(alias__iexact=spelling).first()
    if alias:
        return alias.person
    person = Person.objects.create(name=spelling)
    PersonAlias.objects.create(person=person, alias=spelling)
    return person


@transaction.atomic
def add_aliases(person: Person, spellings: Iterable[str]) -> None:
    for spelling in spellings:
        PersonAlias.objects.get_or_create(alias=" ".join(spelling.split()), defaults={"person": person})


# Programs and participation ---------------------------------------------------------------------


def program_named(name: str, year: int, *, lock: bool = False) -> FundingProgram | None:
    """The program called `name` (in any case) in `year`: a program's name and year are how sheets name it."""
    programs = FundingProgram.objects.select_for_update() if lock else FundingProgram.objects.all()
    return programs.filter(name__iexact=name, year=year).order_by("pk").first()


def _program_to_save(
    name: str, year: int, values: Mapping[str, Any], pk: int | None, *, lock: bool
) -> tuple[FundingProgram, dict[str, Any] | None]:
    if pk is not None:
        program = _locked(FundingProgram, pk) if lock else FundingProgram.objects.filter(pk=pk).first()
        if program is None:
            raise FundingProgram.DoesNotExist(pk)
        program.name, program.year = name, year
    else:
        program = program_named(name, year, lock=lock)
    old = program_snapshot(program) if program is not None else None
    if program is None:
        program = FundingProgram(name=name, year=year)
    _assign(program, values)
    return program, old


def check_program(*, name: str, year: int, values: Mapping[str, Any], pk: int | None = None) -> None:
    """Raise the ValidationError that save_program would, writing nothing (an import's preview).

    The funding region is not looked up: the file may add it in its own `wilayah` sheet.
    """
    program, _old = _program_to_save(name, year, values, pk, lock=False)
    program.full_clean(exclude=["funding_region"])


@transaction.atomic
def save_program(
    *,
    user: Actor,
    name: str,
    year: int,
    values: Mapping[str, Any],
    batch: uuid.UUID | None = None,
    pk: int | None = None,
) -> Written[FundingProgram]:
    """Create or update the program called `name` in `year`; with `pk`, update that program (it may be renamed).

    `values` holds the other fields to set; those it leaves out keep their value (or their default).
    """
    program, old = _program_to_save(name, year, values, pk, lock=True)
    program.full_clean()
    return _write(program, old, program_snapshot(program), user=user, subject="program", batch=batch)


@transaction.atomic
def delete_program(program: FundingProgram, *, user: Actor) -> None:
    """Delete a program and the participation in it, each deletion recorded."""
    locked = _locked(FundingProgram, program.pk)
    if locked is None:
        return
    for taking_part in locked.participations.select_for_update().order_by("pk"):
        _log(user, DELETE, "participation", taking_part.pk, str(taking_part), old=participation_snapshot(taking_part))
    old, summary, pk = program_snapshot(locked), str(locked), locked.pk
    locked.delete()
    _log(user, DELETE, "program", pk, summary, old=old)


def _participation_to_save(
    program: FundingProgram | None, region_code: str, values: Mapping[str, Any], pk: int | None, *, lock: bool
) -> tuple[Participation, dict[str, Any] | None]:
    taking_part: Participation | None = None
    if pk is not None:
        taking_part = _locked(Participation, pk) if lock else Participation.objects.filter(pk=pk).first()
        if taking_part is None:
            raise Participation.DoesNotExist(pk)
    elif program is not None and program.pk is not None:
        found = Participation.objects.select_for_update() if lock else Participation.objects.all()
        taking_part = found.filter(program=program, region_id=region_code).first()
    old = participation_snapshot(taking_part) if taking_part is not None else None
    if taking_part is None:
        taking_part = Participation()
    if program is not None:
        taking_part.program = program
    taking_part.region_id = region_code
    _assign(taking_part, values)
    return taking_part, old


def check_participation(
    *, program: FundingProgram | None, region_code: str, values: Mapping[str, Any], pk: int | None = None
) -> None:
    """Raise the ValidationError that save_participation would, writing nothing (an import's preview).

    `program` is None for a program the same file creates; neither it nor the region is looked up.
    """
    taking_part, _old = _participation_to_save(program, region_code, values, pk, lock=False)
    taking_part.full_clean(exclude=["program", "region"])


@transaction.atomic
def save_participation(
    *,
    user: Actor,
    program: FundingProgram,
    region_code: str,
    values: Mapping[str, Any],
    batch: uuid.UUID | None = None,
    pk: int | None = None,
) -> Written[Participation]:
    """Create or update the participation of a region in a program; with `pk`, update that one."""
    taking_part, old = _participation_to_save(program, region_code, values, pk, lock=True)
    taking_part.full_clean()
    new = participation_snapshot(taking_part)
    return _write(taking_part, old, new, user=user, subject="participation", batch=batch)


@transaction.atomic
def delete_participation(taking_part: Participation, *, user: Actor) -> None:
    locked = _locked(Participation, taking_part.pk)
    if locked is None:
        return
    old, summary, pk = participation_snapshot(locked), str(locked), locked.pk
    locked.delete()
    _log(user, DELETE, "participation", pk, summary, old=old)


# Meetings ---------------------------------------------------------------------------------------


def _chair_first(attendees: Sequence[AttendeeInput]) -> list[AttendeeInput]:
    """Attendees in the order the meeting lists them: the chair first, the others as given."""
    return sorted(attendees, key=lambda attendee: not attendee.is_chair)


def _attendance(attendee: AttendeeInput) -> Attendance:
    return Attendance(
        named_as=attendee.named_as, position=attendee.position, institution=attendee.institution,
        is_chair=attendee.is_chair, person_id=attendee.person_id,
    )  # fmt: skip


def _checked_attendances(attendees: Sequence[AttendeeInput]) -> list[Attendance]:
    """Unsaved attendances, each checked against its columns' lengths."""
    checked = []
    for attendee in _chair_first(attendees):
        attendance = _attendance(attendee)
        attendance.full_clean(exclude=["meeting", "person"])
        checked.append(attendance)
    return checked


def _checked_regions(codes: Iterable[str], *, look_up: bool) -> list[str]:
    found = sorted(set(codes))
    if not found:
        raise ValidationError({"regions": _("A meeting is about at least one region.")})
    if look_up:
        known = set(Region.objects.filter(code__in=found).values_list("code", flat=True))
        unknown = [code for code in found if code not in known]
        if unknown:
            raise ValidationError({"regions": _("Unknown region codes: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return found


def _meeting_to_save(
    title: str,
    date: datetime.date,
    values: Mapping[str, Any],
    pk: int | None,
    user: Actor,
    *,
    lock: bool,
) -> tuple[Meeting, dict[str, Any] | None]:
    meeting: Meeting | None = None
    if pk is not None:
        meeting = _locked(Meeting, pk) if lock else Meeting.objects.filter(pk=pk).first()
        if meeting is None:
            raise Meeting.DoesNotExist(pk)
    old = meeting_snapshot(meeting) if meeting is not None else None
    if meeting is None:
        meeting = Meeting(created_by=_actor(user))
    meeting.title, meeting.date = title, date
    _assign(meeting, values)
    return meeting, old


def check_meeting(
    *,
    title: str,
    date: datetime.date,
    values: Mapping[str, Any],
    regions: Sequence[str],
    attendees: Sequence[AttendeeInput],
    pk: int | None = None,
) -> None:
    """Raise the ValidationError that save_meeting would, writing nothing (an import's preview).

    The regions are not looked up: the file may add them in its own `wilayah` sheet.
    """
    meeting, _old = _meeting_to_save(title, date, values, pk, None, lock=False)
    meeting.full_clean(exclude=["regions"])
    _checked_regions(regions, look_up=False)
    _checked_attendances(attendees)


def _as_listed(attendance: Attendance) -> tuple[str, str, str, bool]:
    return (attendance.named_as, attendance.position, attendance.institution, attendance.is_chair)


def _attendees_differ(meeting: Meeting, wanted: list[Attendance]) -> bool:
    """Whether the meeting's attendance differs from `wanted`, including a person chosen by hand."""
    current = list(meeting.attendances.all())
    if len(current) != len(wanted):
        return True
    return any(
        _as_listed(now) != _as_listed(new) or (new.person_id is not None and new.person_id != now.person_id)
        for now, new in zip(current, wanted, strict=True)
    )


def _set_attendances(meeting: Meeting, attendances: list[Attendance]) -> None:
    meeting.attendances.all().delete()
    for attendance in attendances:
        attendance.meeting = meeting
        if attendance.person_id is None:
            attendance.person = person_for(attendance.named_as)
        attendance.save()


@transaction.atomic
def save_meeting(
    *,
    user: Actor,
    title: str,
    date: datetime.date,
    values: Mapping[str, Any],
    regions: Sequence[str],
    attendees: Sequence[AttendeeInput],
    batch: uuid.UUID | None = None,
    pk: int | None = None,
) -> Written[Meeting]:
    """Create a meeting, or with `pk` change that one: its fields, the regions it is about and who attended.

    The regions and attendees given replace the meeting's; a person is found by the spelling of
    their name unless one is chosen.
    """
    meeting, old = _meeting_to_save(title, date, values, pk, user, lock=True)
    meeting.full_clean(exclude=["regions"])
    codes = _checked_regions(regions, look_up=True)
    attendances = _checked_attendances(attendees)
    new = {
        **{name: _plain(getattr(meeting, name)) for name in MEETING_FIELDS},
        "regions": codes,
        "attendees": [[a.named_as, a.position, a.institution, a.is_chair] for a in attendances],
    }
    people_differ = old is None or _attendees_differ(meeting, attendances)
    if old == new and not people_differ:
        return Written(meeting, None)
    meeting.save()
    if old is None or old["regions"] != codes:
        meeting.regions.set(Region.objects.filter(code__in=codes))
    if people_differ:
        _set_attendances(meeting, attendances)
    action = CREATE if old is None else UPDATE
    _log(user, action, "meeting", meeting.pk, str(meeting), batch=batch, old=old, new=new)
    return Written(meeting, action)


@transaction.atomic
def record_meeting(
    *,
    user: Actor,
    kind: str,
    title: str,
    date: datetime.date,
    regions: Sequence[Region],
    attendees: Sequence[AttendeeInput] = (),
    commitments: Sequence[Mapping[str, Any]] = (),
    **fields: Any,
) -> Meeting:
    """A new meeting with its regions, attendees and the commitments made there, all at once."""
    meeting = save_meeting(
        user=user, title=title, date=date, values={"kind": kind, **fields}, regions=[r.code for r in regions],
        attendees=attendees,
    ).record  # fmt: skip
    for commitment in commitments:
        save_commitment(user=user, values={**commitment, "meeting": meeting})
    return meeting


@transaction.atomic
def delete_meeting(meeting: Meeting, *, user: Actor) -> None:
    """Delete a meeting with its attendance; the commitments made there stay, without their meeting."""
    locked = _locked(Meeting, meeting.pk)
    if locked is None:
        return
    for commitment in locked.commitments.select_for_update().order_by("pk"):
        old = commitment_snapshot(commitment)
        _log(user, UPDATE, "commitment", commitment.pk, str(commitment), old=old, new={**old, "meeting_id": None})
    old, summary, pk = meeting_snapshot(locked), str(locked), locked.pk
    locked.delete()
    _log(user, DELETE, "meeting", pk, summary, old=old)


# Commitments ------------------------------------------------------------------------------------


@transaction.atomic
def save_commitment(*, user: Actor, values: Mapping[str, Any], pk: int | None = None) -> Written[Commitment]:
    """Create a commitment, or with `pk` change that one."""
    commitment = _locked(Commitment, pk) if pk is not None else Commitment()
    if commitment is None:
        raise Commitment.DoesNotExist(pk)
    old = commitment_snapshot(commitment) if pk is not None else None
    _assign(commitment, values)
    commitment.full_clean()
    return _write(commitment, old, commitment_snapshot(commitment), user=user, subject="commitment", batch=None)


@transaction.atomic
def set_commitment_status(commitment: Commitment, status: str, user: Actor, note: str = "") -> None:
    """Mark a commitment open, done or dropped, adding `note` to its notes; `commitment` shows the result."""
    locked = _locked(Commitment, commitment.pk)
    if locked is None:
        raise Commitment.DoesNotExist(commitment.pk)
    old = commitment_snapshot(locked)
    locked.status = status
    if note:
        locked.note = f"{locked.note}\n{note}".strip()
    locked.full_clean()
    locked.save(update_fields=["status", "note"])
    commitment.status, commitment.note = locked.status, locked.note
    _log(
        user, STATUS, "commitment", locked.pk, f"{old['status']} -> {status}", old=old, new=commitment_snapshot(locked)
    )


@transaction.atomic
def delete_commitment(commitment: Commitment, *, user: Actor) -> None:
    locked = _locked(Commitment, commitment.pk)
    if locked is None:
        return
    old, summary, pk = commitment_snapshot(locked), str(locked), locked.pk
    locked.delete()
    _log(user, DELETE, "commitment", pk, summary, old=old)


# An import's undo -------------------------------------------------------------------------------


def _matches(now: dict[str, Any] | None, recorded: dict[str, Any] | None) -> bool:
    """Whether a record still holds what an Activity recorded; older Activities kept fewer fields."""
    if now is None or recorded is None:
        return now is recorded
    return all(now.get(name) == value for name, value in recorded.items())


def changed_since(batch: uuid.UUID) -> list[str]:
    """What the import `batch` wrote that has changed since, so that undoing it would lose work.

    Call it inside the undo's transaction: the records it compares stay locked until that
    transaction ends, so nothing can change them between this check and the undo. Records
    added since to a program or meeting the import created count too: the undo would delete
    or detach them.
    """
    activities = list(Activity.objects.filter(batch=batch).order_by("id"))
    wanted: dict[str, set[int]] = defaultdict(set)
    for activity in activities:
        wanted[activity.subject].add(activity.subject_id)
    current: dict[tuple[str, int], models.Model] = {}
    for subject, (model, _snapshot) in SUBJECTS.items():
        if wanted[subject]:
            for record in model._default_manager.select_for_update().filter(pk__in=wanted[subject]).order_by("pk"):
                current[(subject, record.pk)] = record
    written = {(activity.subject, activity.subject_id) for activity in activities}
    moved = []
    for activity in activities:
        found = current.get((activity.subject, activity.subject_id))
        now = SUBJECTS[activity.subject][1](found) if found is not None else None
        if not _matches(now, activity.new):
            moved.append(f"{activity.subject} {activity.summary}")
        elif activity.old is None and isinstance(record, FundingProgram):
            moved += [
                f"participation {taking_part}"
                for taking_part in record.participations.order_by("pk")
                if ("participation", taking_part.pk) not in written
            ]
        elif activity.old is None and isinstance(record, Meeting):
            moved += [f"commitment {commitment}" for commitment in record.commitments.order_by("pk")]
    return moved


@transaction.atomic
def undo_batch(batch: uuid.UUID, user: Actor) -> Undone:
    """Delete what the import created and put back what it changed, newest first, each step recorded.

    Refused with ChangedSinceImport when anything it wrote changed since.
    """
    moved = changed_since(batch)
    if moved:
        raise ChangedSinceImport(moved)
    deleted = restored = 0
    for activity in Activity.objects.filter(batch=batch).order_by("-id"):
        model, _snapshot = SUBJECTS[activity.subject]
        record = _locked(model, activity.subject_id)
        if record is None:
            continue
        if activity.old is None:
            record.delete()
            deleted += 1
        else:
            old = dict(activity.old)
            regions, attendees = old.pop("regions", None), old.pop("attendees", None)
            # Put back as it was, without today's checks: these values were the record's before the import.
            _restore(record, old)
            record.save()
            if isinstance(record, Meeting):
                record.regions.set(regions or [])
                listed = [AttendeeInput(*attendee) for attendee in attendees or []]
                _set_attendances(record, [_attendance(attendee) for attendee in listed])
            restored += 1
        _log(user, UNDO, activity.subject, activity.subject_id, activity.summary, old=activity.new, new=activity.old)
    return Undone(deleted=deleted, restored=restored)
