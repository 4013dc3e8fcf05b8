"""Every write of a figure (enrolment, baseline, target) goes through here.

Each function runs in one transaction and records a FigureChange for every row
it creates, changes or deletes, with who, when, through what and why. Forms,
imports, the admin, the demo loader and reverts all call these; nothing else
writes those tables.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, models, transaction
from django.db.models import OuterRef, ProtectedError, RestrictedError, Subquery

from regions import codes as codes_module
from regions import rollups
from regions.coverage import SEGMENTS, in_force
from regions.models import (
    Baseline,
    BaselineTotal,
    DataVersion,
    Enrolment,
    FigureChange,
    Provenance,
    Region,
    RollupTotal,
    Target,
)
from regions.months import month_key, parse_month
from regions.statistics import BULK_ROWS, refresh_statistics
from regions.validation import FigureContext, FigureProblem, figure_problems

Period = datetime.date | int
# Who makes a change: a signed-in user, or nobody (the system, a command line run without --user).
Actor = User | AnonymousUser | None


RowKey = tuple[str, ...]


@dataclass(frozen=True)
class FigureType:
    kind: str
    model: type[models.Model]
    period_field: str
    fields: tuple[str, ...]
    versioned: bool = False
    # Fields that, with the region and the period, identify a row (a baseline's kind).
    identity: tuple[str, ...] = ()

    def period_key(self, period: Period) -> str:
        return month_key(period) if isinstance(period, datetime.date) else str(period)

    def period_from_key(self, key: str) -> Period:
        return parse_month(key) if self.period_field == "month" else int(key)

    def key(self, region_code: str, values: Mapping[str, Any]) -> RowKey:
        return (region_code, *(str(values[name]) for name in self.identity))

    def record_key(self, record: models.Model) -> RowKey:
        region_code = str(getattr(record, "region_id"))  # noqa: B009  (every figure model has it; Model does not say)
        return (region_code, *(str(getattr(record, name)) for name in self.identity))


ENROLMENT_FIELDS = (
    "participants", "pu", "bpu", "jakon", "pmi", "note", "provenance", "source", "published_pct", "published_uncovered",
)  # fmt: skip
FIGURE_TYPES = {
    "enrolment": FigureType("enrolment", Enrolment, "month", ENROLMENT_FIELDS, versioned=True),
    "baseline": FigureType("baseline", Baseline, "year", ("kind", "count", "source", "primary"), identity=("kind",)),
    "target": FigureType("target", Target, "year", ("percentage", "legal_basis")),
}

# What a figure becomes when a channel changes its count without saying where the new count came from:
# the old source and what it published described the old count, not this one.
ENTERED = {"provenance": Provenance.ENTERED, "source": "", "published_pct": None, "published_uncovered": None}


@dataclass(frozen=True)
class FigureInput:
    """What one row should become. `expected_version` is the version the user saw (0: no figure yet).

    `on_change` holds values written only when the row is new or `values` change it (a figure's
    provenance: a grid save of an unchanged published figure leaves it published).
    """

    region_code: str
    values: Mapping[str, Any]
    expected_version: int | None = None
    on_change: Mapping[str, Any] = field(default_factory=dict)
    # The user saw that this change is beyond the usual and confirmed it, with the save's reason.
    confirmed: bool = False


class FigureRulesBroken(Exception):
    """Some rows break a rule every channel shares; nothing was written. `problems` holds each row's reasons."""

    def __init__(self, problems: dict[str, list[FigureProblem]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{code}: {p.message}" for code, found in problems.items() for p in found))

    @property
    def only_confirmations(self) -> bool:
        return all(p.needs_confirmation for found in self.problems.values() for p in found)


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


def stored_value(figure_type: FigureType, name: str, value: Any) -> Any:
    """A value as its column stores it, for the history's JSON: 28.3 typed is the 28.30 stored."""
    column = figure_type.model._meta.get_field(name)
    if isinstance(column, models.DecimalField) and value is not None:
        return str(Decimal(value).quantize(Decimal(1).scaleb(-column.decimal_places)))
    return plain_value(value)


def snapshot(figure_type: FigureType, record: models.Model) -> dict[str, Any]:
    return {name: stored_value(figure_type, name, getattr(record, name)) for name in figure_type.fields}


def _same(figure_type: FigureType, record: models.Model, values: Mapping[str, Any]) -> bool:
    current = snapshot(figure_type, record)
    return all(current[name] == stored_value(figure_type, name, value) for name, value in values.items())


@transaction.atomic
def save_figures(
    kind: str,
    period: Period,
    rows: Iterable[FigureInput],
    *,
    user: Actor,
    channel: str,
    reason: str = "",
    reverts: FigureChange | None = None,
    batch: uuid.UUID | None = None,
    progress: Callable[[int], object] | None = None,
) -> SaveResult:
    """Create or update one period's figures for many regions in one transaction.

    A row whose figure moved since the user saw it (its version differs) is
    left alone and reported as a conflict; every other row is written.
    `progress` is told of every thousand rows written (an import's page shows them).
    """
    figure_type = FIGURE_TYPES[kind]
    model = figure_type.model
    # The totals lock before any figure row: every writer takes them in this order, so none deadlocks.
    rollups.lock_totals()
    pending = {figure_type.key(row.region_code, row.values): row for row in rows}
    update_fields = [*figure_type.fields, *(["version"] if figure_type.versioned else [])]
    for _attempt in range(2):
        result = SaveResult()
        existing = _existing(figure_type, period, pending)
        # Records of whichever figure model: typed Any, as the model is chosen at run time.
        to_create: list[Any] = []
        to_update: list[Any] = []
        changes: list[FigureChange] = []
        for key, row in pending.items():
            code = row.region_code
            current = existing.get(key)
            if figure_type.versioned and row.expected_version is not None:
                seen = current.version if current is not None else 0
                if seen != row.expected_version:
                    result.conflicts.append(Conflict(code, current, None))
                    continue
            if current is None:
                record = model(region_id=code, **{figure_type.period_field: period}, **{**row.on_change, **row.values})
                to_create.append(record)
                changes.append(_change(figure_type, code, period, FigureChange.Action.CREATE, None, record))
            elif _same(figure_type, current, row.values):
                result.unchanged.append(code)
            else:
                old = snapshot(figure_type, current)
                for name, value in {
                    **_segments_follow_the_total(kind, current, row),
                    **row.on_change,
                    **row.values,
                }.items():
                    setattr(current, name, value)
                if figure_type.versioned:
                    current.version += 1
                to_update.append(current)
                changes.append(_change(figure_type, code, period, FigureChange.Action.UPDATE, old, current))
        if isinstance(period, datetime.date):  # a month: enrolment
            _check_enrolment_rules(period, [*to_create, *to_update], pending)
        try:
            # A savepoint: if another session created one of these rows after
            # our look-up, only this batch is undone, and the look-up repeated
            # now sees that row (a conflict for a form, an update for an import).
            with transaction.atomic():
                if kind == "baseline" and isinstance(period, int):
                    # Unmarked first: the database holds one primary per region and year at every moment.
                    primaries = [r for r in [*to_create, *to_update] if r.primary]
                    changes += _demote_other_primaries(period, primaries)
                for chunk in _chunks(to_create):
                    model._default_manager.bulk_create(chunk)
                    if progress:
                        progress(len(chunk))
        except IntegrityError:
            now_present = {
                figure_type.record_key(record)
                for record in model._default_manager.filter(**{figure_type.period_field: period})
            }
            created_meanwhile = any(figure_type.record_key(record) in now_present for record in to_create)
            if not created_meanwhile:
                raise  # a rule of the table was broken, not a race: the caller validated too little
            continue
        for chunk in _chunks(to_update):
            model._default_manager.bulk_update(chunk, update_fields)
            if progress:
                progress(len(chunk))
        result.created = [record.region_id for record in to_create]
        result.updated = [record.region_id for record in to_update]
        result.changes = _record(changes, user=user, channel=channel, reason=reason, reverts=reverts, batch=batch)
        _refresh_totals(figure_type, period, [*result.created, *result.updated])
        if len(changes) >= BULK_ROWS:
            refresh_statistics(model, FigureChange, RollupTotal, BaselineTotal)
        break
    else:
        raise ConcurrentChangeError
    _attach_last_changes(figure_type, period, result.conflicts)
    return result


def _chunks(records: list[Any], size: int = 1000) -> Iterator[list[Any]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


def _segments_follow_the_total(kind: str, current: Any, row: FigureInput) -> dict[str, Any]:
    """A new total without segments clears the old ones: they added up to the old total, not to this one."""
    if kind != "enrolment" or "participants" not in row.values or any(name in row.values for name in SEGMENTS):
        return {}
    if row.values["participants"] == current.participants:
        return {}
    return dict.fromkeys(SEGMENTS)


def enrolment_contexts(month: datetime.date, region_codes: Iterable[str]) -> dict[str, FigureContext]:
    """For each region: its baseline in force in the month's year and its latest figure before the month.

    Two queries per few thousand regions; the grid, the import's preview, the
    admin and the writes themselves all ask here, so they judge alike.
    """
    codes_list = sorted(set(region_codes))
    baselines = rollups.stored_baselines(codes_list, month.year)
    latest = Enrolment.objects.filter(region_id=OuterRef("region_id"), month__lt=month).order_by("-month")
    previous: dict[str, tuple[int, datetime.date]] = {}
    for start in range(0, len(codes_list), LARGE_BATCH):
        chunk = codes_list[start : start + LARGE_BATCH]
        for code, earlier_month, participants in Enrolment.objects.filter(
            region_id__in=chunk, month=Subquery(latest.values("month")[:1])
        ).values_list("region_id", "month", "participants"):
            previous[code] = (participants, earlier_month)
    contexts = {}
    for code in codes_list:
        baseline = in_force(baselines.get(code, {}), month.year)
        earlier = previous.get(code)
        contexts[code] = FigureContext(
            baseline=baseline.count if baseline else None,
            previous=earlier[0] if earlier else None,
            previous_month=earlier[1] if earlier else None,
        )
    return contexts


def _check_enrolment_rules(
    month: datetime.date, records: list[Enrolment], pending: Mapping[RowKey, FigureInput]
) -> None:
    """Refuse the whole save when any row breaks a rule: the same rules, the same words, on every channel."""
    if not records:
        return
    contexts = enrolment_contexts(month, [record.region_id for record in records])
    threshold = settings.UCJ_CHANGE_CONFIRM_PCT
    problems = {}
    for record in records:
        row = pending[(record.region_id,)]
        found = figure_problems(
            record.participants,
            {name: getattr(record, name) for name in SEGMENTS},
            contexts[record.region_id],
            confirmed=row.confirmed,
            threshold_pct=threshold,
        )
        if found:
            problems[record.region_id] = found
    if problems:
        raise FigureRulesBroken(problems)


def _demote_other_primaries(year: int, primaries: list[Baseline]) -> list[FigureChange]:
    """A region has one primary baseline a year: marking one primary unmarks the others, each change recorded."""
    figure_type = FIGURE_TYPES["baseline"]
    changes = []
    for primary in primaries:
        others = list(
            Baseline.objects.select_for_update()
            .filter(region_id=primary.region_id, year=year, primary=True)
            .exclude(kind=primary.kind)
        )
        for other in others:
            old = snapshot(figure_type, other)
            other.primary = False
            changes.append(_change(figure_type, other.region_id, year, FigureChange.Action.UPDATE, old, other))
        Baseline.objects.filter(pk__in=[other.pk for other in others]).update(primary=False)
    return changes


# Above this many regions, one period's rows are read whole rather than listed in
# an IN (...) that SQLite caps at 32.766 parameters.
LARGE_BATCH = 2000


def _existing(figure_type: FigureType, period: Period, pending: Mapping[RowKey, Any]) -> dict[RowKey, Any]:
    """The current rows of `period` for the pending keys, locked until the transaction ends."""
    rows = figure_type.model._default_manager.select_for_update().filter(**{figure_type.period_field: period})
    if len(pending) <= LARGE_BATCH:
        rows = rows.filter(region_id__in=sorted({key[0] for key in pending}))
    found = {figure_type.record_key(record): record for record in rows}
    return {key: record for key, record in found.items() if key in pending}


class ConcurrentChangeError(Exception):
    """Another session kept creating the same rows; nothing was written."""


@transaction.atomic
def delete_figure(
    kind: str,
    region_code: str,
    period: Period,
    *,
    user: Actor,
    channel: str,
    reason: str = "",
    reverts: FigureChange | None = None,
    batch: uuid.UUID | None = None,
    identity: Mapping[str, Any] | None = None,
) -> FigureChange | None:
    """Delete one figure, recorded; `identity` names a baseline's kind."""
    changes = delete_figures(
        kind, period, [FigureInput(region_code, identity or {})], user=user, channel=channel, reason=reason,
        reverts=reverts, batch=batch,
    )  # fmt: skip
    return changes[0] if changes else None


@transaction.atomic
def delete_figures(
    kind: str,
    period: Period,
    rows: Iterable[FigureInput],
    *,
    user: Actor,
    channel: str,
    reason: str = "",
    reverts: FigureChange | None = None,
    batch: uuid.UUID | None = None,
) -> list[FigureChange]:
    """Delete one period's figures for many regions at once, each deletion recorded.

    Each row names its region and, for a baseline, its kind in `values`.
    """
    figure_type = FIGURE_TYPES[kind]
    rollups.lock_totals()  # before the rows, as in save_figures
    pending = {figure_type.key(row.region_code, row.values): row for row in rows}
    existing = _existing(figure_type, period, pending)
    changes = [
        _change(figure_type, record.region_id, period, FigureChange.Action.DELETE, snapshot(figure_type, record), None)
        for record in existing.values()
    ]
    keys = [record.pk for record in existing.values()]
    for start in range(0, len(keys), 1000):
        figure_type.model._default_manager.filter(pk__in=keys[start : start + 1000]).delete()
    _refresh_totals(figure_type, period, sorted({record.region_id for record in existing.values()}))
    return _record(changes, user=user, channel=channel, reason=reason, reverts=reverts, batch=batch)


class RevertRefused(Exception):
    """The figure changed again after the change to revert: reverting it would throw that later work away."""

    def __init__(self, change: FigureChange, later: list[FigureChange]) -> None:
        self.change = change
        self.later = later
        super().__init__(f"{change.region_id} {change.period}: {len(later)} later change(s)")


@transaction.atomic
def revert_change(change: FigureChange, *, user: Actor, reason: str) -> FigureChange | None:
    """Put the figure back as it was before `change`; the revert is recorded as a change of its own.

    Refused when the figure is no longer what `change` made it: a later change
    would be lost without a word. The row is locked while this is checked.
    """
    figure_type = FIGURE_TYPES[change.kind]
    period = figure_type.period_from_key(change.period)
    rollups.lock_totals()  # before the row, as in save_figures
    identity = {name: (change.new or change.old or {}).get(name) for name in figure_type.identity}
    current = (
        figure_type.model._default_manager.select_for_update()
        .filter(region_id=change.region_id, **{figure_type.period_field: period}, **identity)
        .first()
    )
    if (snapshot(figure_type, current) if current is not None else None) != change.new:
        later = [
            later_change
            for later_change in FigureChange.objects.select_related("user")
            .filter(kind=change.kind, region_id=change.region_id, period=change.period, id__gt=change.id)
            .order_by("id")
            if all((later_change.new or later_change.old or {}).get(name) == value for name, value in identity.items())
        ]
        raise RevertRefused(change, later)
    if change.old is None:
        return delete_figure(
            change.kind, change.region_id, period, user=user, channel=FigureChange.Channel.REVERT, reason=reason,
            reverts=change, identity=identity,
        )  # fmt: skip
    columns = {
        key: column for column in figure_type.model._meta.concrete_fields for key in (column.name, column.attname)
    }
    values = {name: columns[name].to_python(change.old[name]) for name in figure_type.fields if name in change.old}
    # A revert puts back a value that was there before, with a reason: it needs no further confirmation.
    result = save_figures(
        change.kind,
        period,
        [FigureInput(change.region_id, values, confirmed=True)],
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
    if isinstance(period, datetime.date):  # a month: enrolment
        rollups.refresh_months([period], region_codes)
    elif figure_type.kind == "baseline":
        rollups.refresh_baselines(region_codes, period)


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
    user: Actor,
    channel: str,
    reason: str,
    reverts: FigureChange | None,
    batch: uuid.UUID | None = None,
) -> list[FigureChange]:
    for change in changes:
        change.batch = batch
        change.user = user if isinstance(user, User) else None
        change.channel = channel
        change.reason = reason
        change.reverts = reverts
    if changes:
        # Cached pages built before this write are now out of date; a region's name shows in the
        # programme panels too.
        renamed = any(change.kind == FigureChange.Kind.REGION for change in changes)
        DataVersion.bump(DataVersion.FIGURES, *([DataVersion.PROGRAMS] if renamed else []))
    return FigureChange.objects.bulk_create(changes, batch_size=1000)


def _attach_last_changes(figure_type: FigureType, period: Period, conflicts: list[Conflict]) -> None:
    """Fill in who last changed each conflicting row, and when, in one query."""
    if not conflicts:
        return
    key = figure_type.period_key(period)
    latest: dict[str, FigureChange] = {}
    for change in (
        FigureChange.objects.select_related("user")
        .order_by("-at", "-id")
        .filter(kind=figure_type.kind, period=key, region_id__in=[c.region_code for c in conflicts])
    ):
        latest.setdefault(change.region_id, change)
    conflicts[:] = [Conflict(c.region_code, c.current, latest.get(c.region_code)) for c in conflicts]


# The region tree ----------------------------------------------------------------------------------


@dataclass
class RegionsWritten:
    created: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (code, old name)

    @property
    def written(self) -> int:
        return len(self.created) + len(self.renamed)


def _region_change(code: str, action: str, old: str | None, new: str | None) -> FigureChange:
    return FigureChange(
        kind=FigureChange.Kind.REGION,
        action=action,
        region_id=code,
        period="",
        old={"name": old} if old is not None else None,
        new={"name": new} if new is not None else None,
    )


@transaction.atomic
def save_regions(
    names: Mapping[str, str],
    *,
    user: Actor,
    channel: str,
    reason: str = "",
    batch: uuid.UUID | None = None,
) -> RegionsWritten:
    """Create or rename regions by code, each recorded in the history, in one transaction.

    The caller has checked the codes (every parent exists or comes along);
    the kind follows from code and name. A new child can make its parent's
    complete roll-ups partial, so the parents' totals are redone.
    """
    result = RegionsWritten()
    if codes_module.COUNTRY_CODE not in names and not Region.objects.filter(code=codes_module.COUNTRY_CODE).exists():
        Region.objects.create(code=codes_module.COUNTRY_CODE, name=codes_module.COUNTRY_NAME, kind=Region.Kind.NEGARA)
    wanted = sorted(names)
    existing: dict[str, tuple[str, str]] = {}
    for start in range(0, len(wanted), LARGE_BATCH):
        for code, name, kind in Region.objects.filter(code__in=wanted[start : start + LARGE_BATCH]).values_list(
            "code", "name", "kind"
        ):
            existing[code] = (name, kind)
    to_create, to_update, changes = [], [], []
    for code in wanted:
        name = names[code]
        kind = codes_module.kind_of(code, name)
        region = Region(code=code, name=name, kind=kind, parent_id=codes_module.parent_code(code))
        if code not in existing:
            to_create.append(region)
            result.created.append(code)
            changes.append(_region_change(code, FigureChange.Action.CREATE, None, name))
        elif existing[code] != (name, kind):
            to_update.append(region)
            result.renamed.append((code, existing[code][0]))
            changes.append(_region_change(code, FigureChange.Action.UPDATE, existing[code][0], name))
    Region.objects.bulk_create(to_create, batch_size=2000)
    Region.objects.bulk_update(to_update, ["name", "kind"], batch_size=2000)
    _record(changes, user=user, channel=channel, reason=reason, reverts=None, batch=batch)
    rollups.refresh_tree(region.parent_id for region in to_create if region.parent_id)
    if len(changes) >= BULK_ROWS:
        refresh_statistics(Region, FigureChange, RollupTotal, BaselineTotal)
    return result


def region_in_use(code: str) -> bool:
    """Whether anything hangs on a region: children, figures, a branch. (Programs and meetings protect it too.)"""
    return (
        Region.objects.filter(parent_id=code).exists()
        or Enrolment.objects.filter(region_id=code).exists()
        or Baseline.objects.filter(region_id=code).exists()
        or Target.objects.filter(region_id=code).exists()
        or Region.branches.through.objects.filter(region_id=code).exists()
    )


@transaction.atomic
def remove_regions(
    region_codes: Iterable[str],
    *,
    user: Actor,
    channel: str,
    reason: str = "",
    batch: uuid.UUID | None = None,
) -> list[str]:
    """Remove regions nothing hangs on, deepest first, each recorded; answers the codes removed.

    A region still in use (a figure entered since, a child, a branch, a program
    or meeting naming it) stays, so nothing is lost.
    """
    removed, changes = [], []
    for code in sorted(set(region_codes), key=lambda code: (-codes_module.level_of(code), code)):
        region = Region.objects.select_for_update().filter(code=code).first()
        if region is None or region_in_use(code):
            continue
        try:
            with transaction.atomic():
                region.delete()
        except (ProtectedError, RestrictedError, IntegrityError):
            continue
        removed.append(code)
        changes.append(_region_change(code, FigureChange.Action.DELETE, region.name, None))
    _record(changes, user=user, channel=channel, reason=reason, reverts=None, batch=batch)
    rollups.refresh_tree(parent for code in removed if (parent := codes_module.parent_code(code)))
    return removed
