"""Every write of a figure (enrolment, baseline, target) goes through here.

Each function runs in one transaction and records a FigureChange for every row
it creates, changes or deletes, with who, when, through what and why. Forms,
imports, the admin, the demo loader and reverts all call these; nothing else
writes those tables.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, models, transaction

from regions import rollups
from regions.models import Baseline, Enrolment, FigureChange, Target
from regions.months import month_key, parse_month

Period = datetime.date | int


@dataclass(frozen=True)
class FigureType:
    kind: str
    model: type[models.Model]
    period_field: str
    fields: tuple[str, ...]
    versioned: bool = False

    def period_key(self, period: Period) -> str:
        return month_key(period) if isinstance(period, datetime.date) else str(period)

    def period_from_key(self, key: str) -> Period:
        return parse_month(key) if self.period_field == "month" else int(key)


FIGURE_TYPES = {
    "enrolment": FigureType(
        "enrolment", Enrolment, "month", ("participants", "pu", "bpu", "jakon", "pmi", "note", "source"), True
    ),
    "baseline": FigureType("baseline", Baseline, "year", ("kind", "count", "source")),
    "target": FigureType("target", Target, "year", ("percentage", "legal_basis")),
}


@dataclass(frozen=True)
class FigureInput:
    """What one row should become. `expected_version` is the version the user saw (0: no figure yet)."""

    region_code: str
    values: Mapping[str, Any]
    expected_version: int | None = None


@dataclass(frozen=True)
class Conflict:
    region_code: str
    current: models.Model | None
    last_change: FigureChange | None


@dataclass
class SaveResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[FigureChange] = field(default_factory=list)

    @property
    def written(self) -> int:
        return len(self.created) + len(self.updated)


def plain_value(value: Any) -> Any:
    """A value as it is kept in the history's JSON."""
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(figure_type: FigureType, record: models.Model) -> dict[str, Any]:
    return {name: plain_value(getattr(record, name)) for name in figure_type.fields}


def _same(figure_type: FigureType, record: models.Model, values: Mapping[str, Any]) -> bool:
    current = snapshot(figure_type, record)
    return all(current[name] == plain_value(value) for name, value in values.items())


@transaction.atomic
def save_figures(
    kind: str,
    period: Period,
    rows: Iterable[FigureInput],
    *,
    user: AbstractBaseUser | None,
    channel: str,
    reason: str = "",
    reverts: FigureChange | None = None,
    batch: uuid.UUID | None = None,
) -> SaveResult:
    """Create or update one period's figures for many regions in one transaction.

    A row whose figure moved since the user saw it (its version differs) is
    left alone and reported as a conflict; every other row is written.
    """
    figure_type = FIGURE_TYPES[kind]
    model = figure_type.model
    pending = {row.region_code: row for row in rows}
    update_fields = [*figure_type.fields, *(["version"] if figure_type.versioned else [])]
    for _attempt in range(2):
        result = SaveResult()
        existing = _existing(figure_type, period, pending)
        to_create, to_update, changes = [], [], []
        for code, row in pending.items():
            current = existing.get(code)
            if figure_type.versioned and row.expected_version is not None:
                seen = current.version if current is not None else 0  # type: ignore[attr-defined]
                if seen != row.expected_version:
                    result.conflicts.append(Conflict(code, current, None))
                    continue
            if current is None:
                record = model(region_id=code, **{figure_type.period_field: period}, **row.values)
                to_create.append(record)
                changes.append(_change(figure_type, code, period, FigureChange.Action.CREATE, None, record))
            elif _same(figure_type, current, row.values):
                result.unchanged.append(code)
            else:
                old = snapshot(figure_type, current)
                for name, value in row.values.items():
                    setattr(current, name, value)
                if figure_type.versioned:
                    current.version += 1  # type: ignore[attr-defined]
                to_update.append(current)
                changes.append(_change(figure_type, code, period, FigureChange.Action.UPDATE, old, current))
        try:
            # A savepoint: if another session created one of these rows after
            # our look-up, only this batch is undone, and the look-up repeated
            # now sees that row (a conflict for a form, an update for an import).
            with transaction.atomic():
                model._default_manager.bulk_create(to_create, batch_size=1000)
        except IntegrityError:
            now_present = set(
                model._default_manager.filter(**{figure_type.period_field: period}).values_list("region_id", flat=True)
            )
            created_meanwhile = any(record.region_id in now_present for record in to_create)
            if not created_meanwhile:
                raise  # a rule of the table was broken, not a race: the caller validated too little
            continue
        model._default_manager.bulk_update(to_update, update_fields, batch_size=1000)
        result.created = [record.region_id for record in to_create]
        result.updated = [record.region_id for record in to_update]
        result.changes = _record(changes, user=user, channel=channel, reason=reason, reverts=reverts, batch=batch)
        _refresh_totals(figure_type, period, [*result.created, *result.updated])
        break
    else:
        raise ConcurrentChangeError
    _attach_last_changes(figure_type, period, result.conflicts)
    return result


# Above this many regions, one period's rows are read whole rather than listed in
# an IN (...) that SQLite caps at 32.766 parameters.
LARGE_BATCH = 2000


def _existing(figure_type: FigureType, period: Period, pending: Mapping[str, FigureInput]) -> dict[str, Any]:
    """The current rows of `period` for the pending regions, locked until the transaction ends."""
    rows = figure_type.model._default_manager.select_for_update().filter(**{figure_type.period_field: period})
    if len(pending) <= LARGE_BATCH:
        rows = rows.filter(region_id__in=list(pending))
    return {record.region_id: record for record in rows if record.region_id in pending}


class ConcurrentChangeError(Exception):
    """Another session kept creating the same rows; nothing was written."""


@transaction.atomic
def delete_figure(
    kind: str,
    region_code: str,
    period: Period,
    *,
    user: AbstractBaseUser | None,
    channel: str,
    reason: str = "",
    reverts: FigureChange | None = None,
    batch: uuid.UUID | None = None,
) -> FigureChange | None:
    figure_type = FIGURE_TYPES[kind]
    record = (
        figure_type.model._default_manager.select_for_update()
        .filter(region_id=region_code, **{figure_type.period_field: period})
        .first()
    )
    if record is None:
        return None
    change = _change(figure_type, region_code, period, FigureChange.Action.DELETE, snapshot(figure_type, record), None)
    record.delete()
    _refresh_totals(figure_type, period, [region_code])
    return _record([change], user=user, channel=channel, reason=reason, reverts=reverts, batch=batch)[0]


@transaction.atomic
def delete_figures(
    kind: str,
    period: Period,
    region_codes: Iterable[str],
    *,
    user: AbstractBaseUser | None,
    channel: str,
    reason: str = "",
    batch: uuid.UUID | None = None,
) -> list[FigureChange]:
    """Delete one period's figures for many regions at once, each deletion recorded."""
    figure_type = FIGURE_TYPES[kind]
    pending = {code: FigureInput(code, {}) for code in region_codes}
    existing = _existing(figure_type, period, pending)
    changes = [
        _change(figure_type, code, period, FigureChange.Action.DELETE, snapshot(figure_type, record), None)
        for code, record in existing.items()
    ]
    keys = [record.pk for record in existing.values()]
    for start in range(0, len(keys), 1000):
        figure_type.model._default_manager.filter(pk__in=keys[start : start + 1000]).delete()
    _refresh_totals(figure_type, period, list(existing))
    return _record(changes, user=user, channel=channel, reason=reason, reverts=None, batch=batch)


@transaction.atomic
def revert_change(change: FigureChange, *, user: AbstractBaseUser | None, reason: str) -> FigureChange | None:
    """Put the figure back as it was before `change`; the revert is recorded as a change of its own."""
    figure_type = FIGURE_TYPES[change.kind]
    period = figure_type.period_from_key(change.period)
    if change.old is None:
        return delete_figure(
            change.kind, change.region_id, period, user=user, channel=FigureChange.Channel.REVERT, reason=reason,
            reverts=change,
        )  # fmt: skip
    values = {name: change.old.get(name) for name in figure_type.fields}
    result = save_figures(
        change.kind,
        period,
        [FigureInput(change.region_id, values)],
        user=user,
        channel=FigureChange.Channel.REVERT,
        reason=reason,
        reverts=change,
    )
    return result.changes[0] if result.changes else None


def _refresh_totals(figure_type: FigureType, period: Period, region_codes: list[str]) -> None:
    """Keep the pre-rolled totals equal to the figures, in the same transaction."""
    if not region_codes:
        return
    if figure_type.kind == "enrolment":
        rollups.refresh_enrolment(period, region_codes)  # type: ignore[arg-type]
    elif figure_type.kind == "baseline":
        rollups.refresh_baselines(region_codes)


def _change(
    figure_type: FigureType,
    region_code: str,
    period: Period,
    action: str,
    old: dict[str, Any] | None,
    record: models.Model | None,
) -> FigureChange:
    return FigureChange(
        kind=figure_type.kind,
        action=action,
        region_id=region_code,
        period=figure_type.period_key(period),
        old=old,
        new=snapshot(figure_type, record) if record is not None else None,
    )


def _record(
    changes: list[FigureChange],
    *,
    user: AbstractBaseUser | None,
    channel: str,
    reason: str,
    reverts: FigureChange | None,
    batch: uuid.UUID | None = None,
) -> list[FigureChange]:
    for change in changes:
        change.batch = batch
        change.user = user if user is not None and user.is_authenticated else None
        change.channel = channel
        change.reason = reason
        change.reverts = reverts
    return FigureChange.objects.bulk_create(changes, batch_size=1000)


def _attach_last_changes(figure_type: FigureType, period: Period, conflicts: list[Conflict]) -> None:
    """Fill in who last changed each conflicting row, and when, in one query."""
    if not conflicts:
        return
    key = figure_type.period_key(period)
    latest: dict[str, FigureChange] = {}
    for change in FigureChange.objects.select_related("user").filter(
        kind=figure_type.kind, period=key, region_id__in=[c.region_code for c in conflicts]
    ):
        latest.setdefault(change.region_id, change)
    conflicts[:] = [Conflict(c.region_code, c.current, latest.get(c.region_code)) for c in conflicts]
