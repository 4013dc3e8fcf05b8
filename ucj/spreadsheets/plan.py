"""From a workbook to a plan: every row new, changed, unchanged or rejected, with every reason.

The plan is what the preview shows and what a confirmation writes (apply.py).
Its checks are the rules the writes themselves apply, so the preview says
first what the write would refuse.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import codes
from regions.actions import (
    FIGURE_TYPES,
    LARGE_BATCH,
    enrolment_contexts,
    snapshot,
    stored_value,
)
from regions.coverage import SEGMENTS, BaselineRow, primary_of
from regions.months import parse_month
from regions.scopes import Scope
from regions.validation import (
    figure_problems,
)
from ucj.models import ImportBatch, ImportRow
from ucj.progress import CHECKING, SAVING, Progress, Silent
from ucj.spreadsheets import figure_sheets, program_sheets
from ucj.spreadsheets.rows import CHANGED, NEW, REJECTED, UNCHANGED, PlannedRow, RegionIndex
from ucj.spreadsheets.workbook import read_workbook

# Preview rows are stored this many at a time.
PREVIEW_CHUNK = 5000


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
    def to_confirm(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.needs_confirmation and row.status in (NEW, CHANGED)]

    @property
    def has_rejections(self) -> bool:
        return any(row.status == REJECTED for row in self.rows)

    @property
    def changes_anything(self) -> bool:
        return any(row.status in (NEW, CHANGED) for row in self.rows)

    def report(self) -> dict[str, Any]:
        """What the upload's record keeps besides its rows (ImportRow)."""
        return {"notes": self.notes, "to_confirm": len(self.to_confirm)}

    def preview_order(self) -> list[PlannedRow]:
        """Rejected rows first (what the admin has to act on), then by sheet and row."""
        return sorted(self.rows, key=lambda row: (row.status != REJECTED, row.sheet, row.row))


@transaction.atomic
def save_preview(batch: ImportBatch, plan: ImportPlan, progress: Progress | None = None) -> None:
    """Keep the checked rows for the preview (replacing those of an earlier reading) and the counts."""
    progress = progress or Silent()
    progress.step(SAVING, len(plan.rows))
    batch.rows.all().delete()
    ordered = plan.preview_order()
    ranks: Counter[str] = Counter()
    for start in range(0, len(ordered), PREVIEW_CHUNK):
        chunk = ordered[start : start + PREVIEW_CHUNK]
        records = []
        for offset, row in enumerate(chunk):
            records.append(
                ImportRow(
                    batch=batch, position=start + offset, status=row.status, rank=ranks[row.status], data=row.as_json()
                )
            )
            ranks[row.status] += 1
        ImportRow.objects.bulk_create(records)
        progress.advance(len(chunk))
    batch.sha256, batch.counts, batch.report = plan.sha256, plan.counts, plan.report()
    batch.save(update_fields=["sha256", "counts", "report"])


def plan_import(
    content: bytes,
    file_name: str,
    scope: Scope | None,
    *,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read and check the whole file against the database; writes nothing."""
    progress = progress or Silent()
    workbook = read_workbook(content, progress)
    progress.step(CHECKING, sum(len(sheet.rows) for sheet in workbook.sheets))
    today = today or timezone.localdate()
    index = RegionIndex()
    rows: list[PlannedRow] = []
    # Regions first, whatever the order of the sheets: the figures of a region the file adds import with it.
    for sheet in workbook.sheets:
        if sheet.kind == "regions":
            added = figure_sheets.region_rows(sheet, index, workbook)
            rows.extend(added)
            progress.advance(len(added))
            for row in added:
                if row.status == NEW:
                    index.add(row.region_code, row.values["name"], codes.kind_of(row.region_code, row.values["name"]))
    for sheet in workbook.sheets:
        if sheet.kind == "regions":
            continue
        figure_reader = figure_sheets.READERS.get(sheet.kind)
        for position, (number, values) in enumerate(sheet.rows, start=1):
            if sheet.kind == "meeting":
                # A meeting may name several regions; its reader resolves them.
                row = PlannedRow(sheet.title, number, sheet.kind, "", "", "")
            else:
                row = figure_sheets.locate(sheet, number, values, index, scope)
            if figure_reader:
                figure_reader(sheet, values, row, today)
            else:
                program_sheets.read_row(sheet, number, values, index, scope, row)
            rows.append(row)
            if position % 1000 == 0:
                progress.advance(1000)
        progress.advance(len(sheet.rows) % 1000)
    _reject_duplicates(rows)
    _compare_with_database(rows)
    _check_figure_rules(rows)
    program_sheets.compare(rows)
    return ImportPlan(file_name, hashlib.sha256(content).hexdigest(), rows, workbook.notes)


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
        current: dict[tuple[tuple[str, ...], str], dict[str, Any]] = {}
        keys = [figure_type.period_from_key(period) for period in periods]
        records = figure_type.model._default_manager.filter(**{f"{figure_type.period_field}__in": keys})
        if len(planned) <= LARGE_BATCH:
            records = records.filter(region_id__in={row.region_code for row in planned})
        for record in records:
            key = (figure_type.record_key(record), figure_type.period_key(getattr(record, figure_type.period_field)))
            current[key] = snapshot(figure_type, record)
        for row in planned:
            old = current.get((figure_type.key(row.region_code, row.values), row.period))
            if old is None:
                row.status = NEW
                continue
            row.old = old
            differs = any(old.get(name) != stored_value(figure_type, name, value) for name, value in row.values.items())
            row.status = CHANGED if differs else UNCHANGED


def _check_figure_rules(rows: list[PlannedRow]) -> None:
    """Judge every new or changed figure by the rules the write itself applies, so the preview says it first.

    The rules see the figure as it will be stored (a blank segment cell keeps
    the stored one, unless the total changes) and, besides the database, the
    file's own baselines and earlier months.
    """
    baselines_in_file = _baselines_in_file(rows)
    figures = sorted(
        (row for row in rows if row.kind == "enrolment" and row.status in (NEW, CHANGED)),
        key=lambda row: row.period,
    )
    by_month: dict[str, list[PlannedRow]] = defaultdict(list)
    for row in figures:
        by_month[row.period].append(row)
    earlier_in_file: dict[str, tuple[int, datetime.date]] = {}
    threshold = settings.UCJ_CHANGE_CONFIRM_PCT
    for period, planned in by_month.items():
        month = parse_month(period)
        contexts = enrolment_contexts(month, [row.region_code for row in planned])
        for row in planned:
            context = contexts[row.region_code]
            if (row.region_code, month.year) in baselines_in_file:
                context = replace(context, baseline=baselines_in_file[(row.region_code, month.year)])
            if row.region_code in earlier_in_file:
                participants, earlier = earlier_in_file[row.region_code]
                context = replace(context, previous=participants, previous_month=earlier)
            stored = _as_stored(row)
            for problem in figure_problems(
                stored["participants"], {name: stored.get(name) for name in SEGMENTS}, context,
                confirmed=False, threshold_pct=threshold,
            ):  # fmt: skip
                if problem.needs_confirmation:
                    row.needs_confirmation = True
                    row.reasons.append(problem.message)
                else:
                    row.reject(row.cells.get(problem.field, ""), problem.message)
        for row in planned:
            if row.status != REJECTED:
                earlier_in_file[row.region_code] = (row.values["participants"], month)


def _as_stored(row: PlannedRow) -> dict[str, Any]:
    """The figure as the write will store it: the file's values over the stored ones."""
    stored = dict(row.old or {})
    total_changes = row.old and row.values.get("participants") != row.old.get("participants")
    if total_changes and not any(name in row.values for name in SEGMENTS):
        stored.update(dict.fromkeys(SEGMENTS))  # segments follow the total they came with
    stored.update(row.values)
    return stored


def _baselines_in_file(rows: list[PlannedRow]) -> dict[tuple[str, int], int]:
    """The primary baseline each region gets from the file itself, by year (what the write will store first)."""
    found: dict[tuple[str, int], list[BaselineRow]] = defaultdict(list)
    for row in rows:
        if row.kind == "baseline" and row.status in (NEW, CHANGED, UNCHANGED) and row.values.get("count") is not None:
            found[(row.region_code, int(row.period))].append(
                BaselineRow(row.values["kind"], row.values["count"], bool(row.values.get("primary")))
            )
    return {key: chosen.count for key, candidates in found.items() if (chosen := primary_of(candidates))}


def previous_import(sha256: str) -> ImportBatch | None:
    """The last applied import of the very same file, if any."""
    return (
        ImportBatch.objects.filter(sha256=sha256, status=ImportBatch.Status.APPLIED)
        .select_related("user")
        .order_by("-applied_at")
        .first()
    )
