"""Every write of programs, meetings and commitments: one transaction each, with an activity row."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from programs.models import Activity, Attendance, Commitment, Meeting, Person, PersonAlias
from regions.models import Region


@dataclass(frozen=True)
class AttendeeInput:
    named_as: str
    position: str = ""
    institution: str = ""
    is_chair: bool = False


def _log(user: AbstractBaseUser | None, action: str, subject: str, subject_id: int, summary: str) -> None:
    Activity.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        subject=subject,
        subject_id=subject_id,
        summary=summary,
    )


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


@transaction.atomic
def record_meeting(
    *,
    user: AbstractBaseUser | None,
    kind: str,
    title: str,
    date: datetime.date,
    regions: Sequence[Region],
    attendees: Sequence[AttendeeInput] = (),
    commitments: Sequence[dict[str, Any]] = (),
    **fields: Any,
) -> Meeting:
    """A meeting with its regions, attendees and commitments, all at once."""
    meeting = Meeting(
        kind=kind, title=title, date=date, created_by=user if user and user.is_authenticated else None, **fields
    )
    meeting.full_clean(exclude=["regions"])
    meeting.save()
    meeting.regions.set(regions)
    for attendee in attendees:
        Attendance.objects.create(
            meeting=meeting,
            person=person_for(attendee.named_as),
            named_as=attendee.named_as,
            position=attendee.position,
            institution=attendee.institution,
            is_chair=attendee.is_chair,
        )
    for commitment in commitments:
        item = Commitment(meeting=meeting, **commitment)
        item.full_clean()
        item.save()
    _log(user, "create", "meeting", meeting.pk, title)
    return meeting


@transaction.atomic
def set_commitment_status(commitment: Commitment, status: str, user: AbstractBaseUser | None, note: str = "") -> None:
    old = commitment.status
    commitment.status = status
    if note:
        commitment.note = f"{commitment.note}\n{note}".strip()
    commitment.full_clean()
    commitment.save(update_fields=["status", "note"])
    _log(user, "status", "commitment", commitment.pk, f"{old} -> {status}")
