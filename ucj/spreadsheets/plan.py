"""From a workbook to a plan: every row new, changed, unchanged or rejected, with every reason.

The plan is what the preview shows and what a confirmation writes; applying it
and undoing it go through regions.actions, so each change is in the history.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import codes
from regions.actions import (
    FIGURE_TYPES,
    LARGE_BATCH,
    FigureInput,
    delete_figures,
    plain_value,
    save_figures,
    snapshot,
)
from regions.models import Baseline, Enrolment, FigureChange, Region, Target
from regions.validation import (
    FigureError,
    check_month_not_in_future,
    check_segments_add_up,
    parse_count,
    parse_percentage,
)
from ucj.exports import undefused
from ucj.models import ImportBatch
from ucj.scopes import Scope
from ucj.spreadsheets import program_sheets
from ucj.spreadsheets.cells import normalise, parse_kind_cell, parse_month_cell, parse_year_cell, text_cell
from ucj.spreadsheets.workbook import SheetData, WorkbookData, read_workbook

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"
SEGMENTS = ("pu", "bpu", "jakon", "pmi")
SEGMENT_COLUMNS = {"pu": "pu", "bpu": "bpu", "jakon": "jakon", "pmi": "pmi"}


class ImportRefused(Exception):
    """The import cannot be written as asked; the message says why."""


@dataclass
class PlannedRow:
    sheet: str
    row: int
    kind: str
    region_code: str
    region_name: str
    period: str
    status: str = NEW
    values: dict[str, Any] = field(default_factory=dict)
    old: dict[str, Any] | None = None
    reasons: list[str] = field(default_factory=list)
    # What makes two rows "the same" when it is more than region and period (a program's name).
    key: tuple[Any, ...] | None = None

    def reject(self, cell: str, message: str) -> None:
        self.status = REJECTED
        self.reasons.append(f"{cell}: {message}" if cell else message)

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet, "row": self.row, "kind": self.kind, "region": self.region_code,
            "name": self.region_name, "period": self.period, "status": self.status,
            "values": {k: plain_value(v) for k, v in self.values.items()}, "old": self.old, "reasons": self.reasons,
        }  # fmt: skip


@dataclass
class ImportPlan:
    file_name: str
    sha256: str
    rows: list[PlannedRow]
    notes: list[str]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.status for row in self.rows)
        return {status: counted.get(status, 0) for status in (NEW, CHANGED, UNCHANGED, REJECTED)}

    @property
    def has_rejections(self) -> bool:
        return any(row.status == REJECTED for row in self.rows)

    @property
    def changes_anything(self) -> bool:
        return any(row.status in (NEW, CHANGED) for row in self.rows)

    def report(self) -> dict[str, Any]:
        return {"notes": self.notes, "rows": [row.as_json() for row in self.rows]}


class RegionIndex:
    """Every region by code and by the names people write for it: "Kabupaten Solok", "Solok", "Nagari Koto Baru"."""

    PREFIXES = ("provinsi", "kabupaten", "kab", "kota", "kecamatan", "kec", "kelurahan", "kel", "desa", "nagari")

    def __init__(self) -> None:
        self.by_code: dict[str, tuple[str, str]] = {}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for code, name, kind in Region.objects.exclude(code=codes.COUNTRY_CODE).values_list("code", "name", "kind"):
            self.by_code[code] = (name, kind)
            for key in self._keys(name, kind):
                if code not in self.by_name[key]:
                    self.by_name[key].append(code)

    def _keys(self, name: str, kind: str) -> set[str]:
        bare = normalise(name)
        for prefix in self.PREFIXES:
            if bare.startswith(prefix) and len(bare) > len(prefix):
                bare = bare[len(prefix) :]
                break
        keys = {normalise(name), bare, normalise(f"{kind} {name}")}
        if kind == "kabupaten":
            keys.add("kab" + bare)
        return keys

    def describe(self, code: str) -> str:
        name, kind = self.by_code[code]
        shown = name if normalise(name).startswith(normalise(kind)) else f"{kind.capitalize()} {name}"
        return f"{shown} ({code})"

    def resolve(self, code: str, name: str) -> tuple[str | None, str | None]:
        """(code, None) when the region is known, (None, why not) otherwise."""
        if code:
            if code not in self.by_code:
                return None, _("unknown region code %(code)r") % {"code": code}
            if name and code not in self.by_name.get(normalise(name), []):
                return None, _("code %(code)s is %(region)s, not %(name)r") % {
                    "code": code, "region": self.describe(code), "name": name,
                }  # fmt: skip
            return code, None
        if not name:
            return None, _("no region code or name")
        found = self.by_name.get(normalise(name), [])
        if len(found) == 1:
            return found[0], None
        if not found:
            return None, _("no region is called %(name)r") % {"name": name}
        return None, _("%(name)r is ambiguous: %(candidates)s; give the code") % {
            "name": name, "candidates": ", ".join(self.describe(c) for c in sorted(found)),
        }  # fmt: skip


def plan_import(
    content: bytes,
    file_name: str,
    scope: Scope | None,
    *,
    today: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportPlan:
    """Read and check the whole file against the database; writes nothing."""
    workbook = read_workbook(content, progress)
    today = today or timezone.localdate()
    index = RegionIndex()
    rows: list[PlannedRow] = []
    for sheet in workbook.sheets:
        if sheet.kind == "regions":
            rows.extend(_region_rows(sheet, index, workbook))
            continue
        figure_reader = {"enrolment": _enrolment_row, "baseline": _baseline_row, "target": _target_row}.get(sheet.kind)
        for number, values in sheet.rows:
            if sheet.kind == "meeting":
                # A meeting may name several regions; its reader resolves them.
                row = PlannedRow(sheet.title, number, sheet.kind, "", "", "")
            else:
                row = _locate(sheet, number, values, index, scope)
            if figure_reader:
                figure_reader(sheet, values, row, today)
            else:
                program_sheets.read_row(sheet, number, values, index, scope, row)
            rows.append(row)
    _reject_duplicates(rows)
    _compare_with_database(rows)
    program_sheets.compare(rows, REJECTED, (NEW, CHANGED, UNCHANGED))
    return ImportPlan(file_name, hashlib.sha256(content).hexdigest(), rows, workbook.notes)


def _locate(
    sheet: SheetData, number: int, values: tuple[Any, ...], index: RegionIndex, scope: Scope | None
) -> PlannedRow:
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


def read_cell(
    row: PlannedRow, sheet: SheetData, values: tuple[Any, ...], column: str, parse: Callable[[Any], Any]
) -> Any:
    try:
        return parse(sheet.value(values, column))
    except FigureError as error:
        row.reject(_cell(sheet, column, row), str(error))
        return None


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


def _enrolment_row(sheet: SheetData, values: tuple[Any, ...], row: PlannedRow, today: datetime.date) -> None:
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
    if participants is not None and len(segments) == len(SEGMENTS):
        try:
            check_segments_add_up(participants, segments)
        except FigureError as error:
            row.reject(f"{sheet.letter('pu')}{row.row}", str(error))


def _baseline_row(sheet: SheetData, values: tuple[Any, ...], row: PlannedRow, today: datetime.date) -> None:
    year = read_cell(row, sheet, values, "tahun", parse_year_cell)
    row.period = str(year) if year else ""
    row.values["kind"] = read_cell(row, sheet, values, "jenis", parse_kind_cell)
    count = read_cell(row, sheet, values, "jumlah", _count)
    _required(row, sheet, "jumlah", count, _("the count is empty"))
    row.values["count"] = count
    source = undefused(text_cell(sheet.value(values, "sumber")))
    if source:
        row.values["source"] = source


def _target_row(sheet: SheetData, values: tuple[Any, ...], row: PlannedRow, today: datetime.date) -> None:
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


def _region_rows(sheet: SheetData, index: RegionIndex, workbook: WorkbookData) -> list[PlannedRow]:
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
        if row.status != REJECTED and code in index.by_code:
            old_name = index.by_code[code][0]
            row.old = {"name": old_name}
            row.status = UNCHANGED if old_name == name else CHANGED
        planned.append(row)
    return planned


def _reject_duplicates(rows: list[PlannedRow]) -> None:
    """Two rows for the same region and period: both are rejected, each naming the other."""
    seen: dict[tuple[Any, ...], list[PlannedRow]] = defaultdict(list)
    for row in rows:
        if row.key:
            seen[row.key].append(row)
        elif row.region_code and (row.period or row.kind == "regions"):
            seen[(row.kind, row.region_code, row.period)].append(row)
    for same in seen.values():
        if len(same) < 2:
            continue
        for row in same:
            others = ", ".join(f"{other.sheet}!{other.row}" for other in same if other is not row)
            row.reject("", _("the same region and period also appear in row %(rows)s") % {"rows": others})


def _compare_with_database(rows: list[PlannedRow]) -> None:
    """Mark every valid row new, changed (keeping the old values) or unchanged."""
    by_kind: dict[str, list[PlannedRow]] = defaultdict(list)
    for row in rows:
        if row.status != REJECTED and row.kind in FIGURE_TYPES:
            by_kind[row.kind].append(row)
    for kind, planned in by_kind.items():
        figure_type = FIGURE_TYPES[kind]
        periods = {row.period for row in planned}
        current: dict[tuple[str, str], dict[str, Any]] = {}
        keys = [figure_type.period_from_key(period) for period in periods]
        records = figure_type.model._default_manager.filter(**{f"{figure_type.period_field}__in": keys})
        if len(planned) <= LARGE_BATCH:
            records = records.filter(region_id__in={row.region_code for row in planned})
        for record in records:
            key = (record.region_id, figure_type.period_key(getattr(record, figure_type.period_field)))
            current[key] = snapshot(figure_type, record)
        for row in planned:
            old = current.get((row.region_code, row.period))
            if old is None:
                row.status = NEW
                continue
            row.old = old
            differs = any(old.get(name) != plain_value(value) for name, value in row.values.items())
            row.status = CHANGED if differs else UNCHANGED


# Writing and undoing ---------------------------------------------------------------------------


MODELS = {"enrolment": Enrolment, "baseline": Baseline, "target": Target}


@transaction.atomic
def apply_plan(
    plan: ImportPlan, batch: ImportBatch, user: AbstractBaseUser | None, *, only_valid: bool
) -> dict[str, int]:
    """Write the plan in one transaction: all rows, or with `only_valid` the valid ones. Records the batch."""
    if plan.has_rejections and not only_valid:
        raise ImportRefused(_("Some rows were rejected: nothing was written. Fix them, or import only the valid rows."))
    _one_import_at_a_time()
    reason = _("Import of %(file)s") % {"file": plan.file_name}
    written: Counter[str] = Counter()
    batch.region_changes = _apply_regions([row for row in plan.rows if row.kind == "regions"], written)
    groups: dict[tuple[str, str], list[PlannedRow]] = defaultdict(list)
    for row in plan.rows:
        if row.kind in FIGURE_TYPES and row.status in (NEW, CHANGED):
            groups[(row.kind, row.period)].append(row)
    for (kind, period), planned in groups.items():
        figure_type = FIGURE_TYPES[kind]
        inputs = []
        for row in planned:
            values = dict(row.values)
            if row.status == NEW and kind == "enrolment":
                values.setdefault("source", reason)
            inputs.append(FigureInput(row.region_code, values))
        result = save_figures(
            kind, figure_type.period_from_key(period), inputs, user=user, channel=FigureChange.Channel.IMPORT,
            reason=reason, batch=batch.uid,
        )  # fmt: skip
        written["created"] += len(result.created)
        written["updated"] += len(result.updated)
    created, updated = program_sheets.apply(
        [
            row
            for row in plan.rows
            if row.kind not in FIGURE_TYPES and row.kind != "regions" and row.status in (NEW, CHANGED)
        ],
        batch.uid,
        user,
    )
    written["created"] += created
    written["updated"] += updated
    counts = {**plan.counts, "created": written["created"], "updated": written["updated"]}
    batch.status = ImportBatch.Status.APPLIED
    batch.only_valid_rows = only_valid
    batch.applied_at = timezone.now()
    batch.counts = counts
    batch.content = None
    batch.save()
    return counts


# Any number fits: it names the lock that imports take so that two never interleave.
IMPORT_LOCK = 4_201_2025


def _one_import_at_a_time() -> None:
    """On PostgreSQL, imports queue for one lock until their transaction ends (SQLite serialises all writes)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def _apply_regions(rows: list[PlannedRow], written: Counter[str]) -> list[dict[str, Any]]:
    changes = []
    to_create = [row for row in sorted(rows, key=lambda r: r.region_code) if row.status == NEW]
    to_rename = [row for row in rows if row.status == CHANGED]
    Region.objects.bulk_create(
        [
            Region(
                code=row.region_code,
                name=row.values["name"],
                kind=codes.kind_of(row.region_code, row.values["name"]),
                parent_id=codes.parent_code(row.region_code),
            )
            for row in to_create
        ],
        batch_size=1000,
    )
    for row in to_rename:
        Region.objects.filter(code=row.region_code).update(
            name=row.values["name"], kind=codes.kind_of(row.region_code, row.values["name"])
        )
    changes = [{"code": row.region_code, "old_name": None} for row in to_create]
    changes += [{"code": row.region_code, "old_name": row.old["name"]} for row in to_rename if row.old]
    written["created"] += len(to_create)
    written["updated"] += len(to_rename)
    return changes


@transaction.atomic
def undo_import(batch: ImportBatch, user: AbstractBaseUser | None) -> int:
    """Put back every value the import replaced and remove what it created; refused if they changed since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.APPLIED:
        raise ImportRefused(_("Only an applied import can be undone."))
    changes = list(FigureChange.objects.filter(batch=batch.uid).order_by("id"))
    moved = _changed_since(changes) + program_sheets.changed_since(batch.uid)
    if moved:
        raise ImportRefused(
            _("These figures changed after the import, so it cannot be undone without losing that work: %(rows)s")
            % {"rows": ", ".join(moved[:20])}
        )
    reason = _("Undo of the import of %(file)s") % {"file": batch.file_name}
    groups: dict[tuple[str, str], list[FigureChange]] = defaultdict(list)
    for change in changes:
        groups[(change.kind, change.period)].append(change)
    undone = 0
    for (kind, key), grouped in groups.items():
        figure_type = FIGURE_TYPES[kind]
        period = figure_type.period_from_key(key)
        created = [c.region_id for c in grouped if c.old is None]
        updated = [FigureInput(c.region_id, c.old) for c in grouped if c.old is not None]
        if created:
            deleted = delete_figures(
                kind, period, created, user=user, channel=FigureChange.Channel.REVERT, reason=reason
            )
            undone += len(deleted)
        if updated:
            result = save_figures(kind, period, updated, user=user, channel=FigureChange.Channel.REVERT, reason=reason)
            undone += result.written
    undone += program_sheets.undo(batch.uid, user)
    _undo_regions(batch)
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_at"])
    return undone


def _changed_since(changes: list[FigureChange]) -> list[str]:
    """Rows whose current value is no longer what the import wrote."""
    moved = []
    by_kind: dict[str, list[FigureChange]] = defaultdict(list)
    for change in changes:
        by_kind[change.kind].append(change)
    for kind, grouped in by_kind.items():
        figure_type = FIGURE_TYPES[kind]
        periods = {figure_type.period_from_key(c.period) for c in grouped}
        current = {
            (record.region_id, figure_type.period_key(getattr(record, figure_type.period_field))): snapshot(
                figure_type, record
            )
            for record in figure_type.model._default_manager.filter(**{f"{figure_type.period_field}__in": periods})
        }
        for change in grouped:
            now = current.get((change.region_id, change.period))
            if now != change.new:
                moved.append(f"{change.region_id} {change.period}")
    return moved


def _undo_regions(batch: ImportBatch) -> None:
    for item in reversed(batch.region_changes):
        if item["old_name"] is None:
            region = Region.objects.filter(code=item["code"]).first()
            if region is None:
                continue
            in_use = (
                Region.objects.filter(parent=region).exists()
                or Enrolment.objects.filter(region=region).exists()
                or Baseline.objects.filter(region=region).exists()
                or Target.objects.filter(region=region).exists()
                or FigureChange.objects.filter(region=region).exists()
            )
            if not in_use:
                region.delete()
        else:
            Region.objects.filter(code=item["code"]).update(
                name=item["old_name"], kind=codes.kind_of(item["code"], item["old_name"])
            )


def previous_import(sha256: str) -> ImportBatch | None:
    """The last applied import of the very same file, if any."""
    return (
        ImportBatch.objects.filter(sha256=sha256, status=ImportBatch.Status.APPLIED)
        .select_related("user")
        .order_by("-applied_at")
        .first()
    )


def import_now(
    plan: ImportPlan, content_name: str, user: AbstractBaseUser | None, *, only_valid: bool = False
) -> ImportBatch | None:
    """Record and apply a plan in one go (the command line's path); None when it would change nothing."""
    if not plan.changes_anything:
        return None
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            user=user if user is not None and user.is_authenticated else None,
            file_name=content_name,
            sha256=plan.sha256,
            report={"notes": plan.notes},
        )
        apply_plan(plan, batch, user, only_valid=only_valid)
    return batch
