"""Writing a planned import, and undoing it: every write through the apps' actions, in one transaction.

Figures go through regions.actions (their rules, their history, the totals),
regions through regions.actions.save_regions, programs and meetings through
programs.actions; an undo puts back what the import replaced and is refused
when anything changed since.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programs import actions as program_actions
from regions.actions import (
    ENTERED,
    FIGURE_TYPES,
    LARGE_BATCH,
    Actor,
    FigureInput,
    delete_figures,
    remove_regions,
    save_figures,
    save_regions,
    snapshot,
)
from regions.models import FigureChange, Provenance
from regions.rollups import lock_totals
from ucj.models import ImportBatch
from ucj.progress import UNDOING, WRITING, Progress, Silent
from ucj.spreadsheets import program_sheets
from ucj.spreadsheets.plan import ImportPlan
from ucj.spreadsheets.rows import CHANGED, NEW, PlannedRow


class ImportRefused(Exception):
    """The import cannot be written as asked; the message says why."""


def write_refusal(*, rejected: bool, to_confirm: int, only_valid: bool, confirmation: str) -> str:
    """Why a previewed import may not be written as asked ("" when it may): the page asks before the worker."""
    if rejected and not only_valid:
        return _("Some rows were rejected: nothing was written. Fix them, or import only the valid rows.")
    if to_confirm and not confirmation.strip():
        return _(
            '%(count)d rows change a figure by more than ±%(limit)d %%: tick "I confirm these changes" and '
            "give a reason. Nothing was written."
        ) % {"count": to_confirm, "limit": settings.UCJ_CHANGE_CONFIRM_PCT}
    return ""


@transaction.atomic
def apply_plan(
    plan: ImportPlan,
    batch: ImportBatch,
    user: Actor,
    *,
    only_valid: bool,
    confirmation: str = "",
    progress: Progress | None = None,
) -> dict[str, int]:
    """Write the plan in one transaction: all rows, or with `only_valid` the valid ones. Records the batch.

    Rows the grid would ask to confirm are written only with a `confirmation`:
    the admin's reason, kept in the history of each of those figures.
    """
    confirmation = confirmation.strip()
    refusal = write_refusal(
        rejected=plan.has_rejections, to_confirm=len(plan.to_confirm), only_valid=only_valid, confirmation=confirmation
    )
    if refusal:
        raise ImportRefused(refusal)
    _one_import_at_a_time()
    progress = progress or Silent()
    progress.step(WRITING, sum(1 for row in plan.rows if row.status in (NEW, CHANGED)))
    reason = _("Import of %(file)s") % {"file": plan.file_name}
    if confirmation:
        reason = f"{reason}: {confirmation}"
    written: Counter[str] = Counter()
    region_rows = [row for row in plan.rows if row.kind == "regions"]
    batch.region_changes = _apply_regions(region_rows, written, user, reason, batch)
    progress.advance(sum(1 for row in region_rows if row.status in (NEW, CHANGED)))
    groups: dict[tuple[str, str], list[PlannedRow]] = defaultdict(list)
    for row in plan.rows:
        if row.kind in FIGURE_TYPES and row.status in (NEW, CHANGED):
            groups[(row.kind, row.period)].append(row)
    # Baselines before figures, months in order: each figure is judged against what the file set before it.
    order = {"baseline": 0, "target": 1, "enrolment": 2}
    for kind, period in sorted(groups, key=lambda key: (order[key[0]], key[1])):
        planned = groups[(kind, period)]
        figure_type = FIGURE_TYPES[kind]
        # A figure the import writes is `imported` from this file unless the file says otherwise; the old
        # source and what it published described the old count.
        on_change = {**ENTERED, "provenance": Provenance.IMPORTED, "source": reason} if kind == "enrolment" else {}
        inputs = [
            FigureInput(row.region_code, dict(row.values), on_change=on_change, confirmed=row.needs_confirmation)
            for row in planned
        ]
        result = save_figures(
            kind, figure_type.period_from_key(period), inputs, user=user, channel=FigureChange.Channel.IMPORT,
            reason=reason, batch=batch.uid, progress=progress.advance,
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
    progress.advance(created + updated)
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
    # Then the totals lock, before any row is written: the order every writer takes them in.
    lock_totals()


def _apply_regions(
    rows: list[PlannedRow], written: Counter[str], user: Actor, reason: str, batch: ImportBatch
) -> list[dict[str, Any]]:
    """Create and rename the file's regions through regions.actions; what an undo needs to put them back."""
    names = {row.region_code: row.values["name"] for row in rows if row.status in (NEW, CHANGED)}
    if not names:
        return []
    result = save_regions(names, user=user, channel=FigureChange.Channel.IMPORT, reason=reason, batch=batch.uid)
    written["created"] += len(result.created)
    written["updated"] += len(result.renamed)
    return [{"code": code, "old_name": None} for code in result.created] + [
        {"code": code, "old_name": old_name} for code, old_name in result.renamed
    ]


@transaction.atomic
def undo_import(batch: ImportBatch, user: Actor, progress: Progress | None = None) -> int:
    """Put back every value the import replaced and remove what it created; refused if they changed since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.APPLIED:
        raise ImportRefused(_("Only an applied import can be undone."))
    # The totals lock before the figure rows checked below, in the order every writer takes them.
    lock_totals()
    changes = list(FigureChange.objects.filter(batch=batch.uid, kind__in=list(FIGURE_TYPES)).order_by("id"))
    moved = _changed_since(changes) + program_actions.changed_since(batch.uid)
    if moved:
        raise ImportRefused(
            _("These figures changed after the import, so it cannot be undone without losing that work: %(rows)s")
            % {"rows": ", ".join(moved[:20])}
        )
    reason = _("Undo of the import of %(file)s") % {"file": batch.file_name}
    progress = progress or Silent()
    progress.step(UNDOING, len(changes))
    groups: dict[tuple[str, str], list[FigureChange]] = defaultdict(list)
    for change in changes:
        groups[(change.kind, change.period)].append(change)
    undone = 0
    for (kind, key), grouped in groups.items():
        figure_type = FIGURE_TYPES[kind]
        period = figure_type.period_from_key(key)
        created = [FigureInput(c.region_id, c.new or {}) for c in grouped if c.old is None]
        # An undo puts back what was there: no confirmation to ask for.
        updated = [FigureInput(c.region_id, c.old, confirmed=True) for c in grouped if c.old is not None]
        if created:
            deleted = delete_figures(
                kind, period, created, user=user, channel=FigureChange.Channel.REVERT, reason=reason
            )
            undone += len(deleted)
            progress.advance(len(created))
        if updated:
            result = save_figures(
                kind, period, updated, user=user, channel=FigureChange.Channel.REVERT, reason=reason,
                progress=progress.advance,
            )  # fmt: skip
            undone += result.written
    undone += program_actions.undo_batch(batch.uid, user).total
    _undo_regions(batch, user, reason)
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_at"])
    return undone


def _changed_since(changes: list[FigureChange]) -> list[str]:
    """Rows whose current value is no longer what the import wrote.

    The rows are locked as they are read, so a save cannot slip in between
    this check and the undo's own writes (it waits, then finds its row gone or
    changed, and says so).
    """
    moved = []
    by_kind: dict[str, list[FigureChange]] = defaultdict(list)
    for change in changes:
        by_kind[change.kind].append(change)
    for kind, grouped in by_kind.items():
        figure_type = FIGURE_TYPES[kind]
        periods = {figure_type.period_from_key(c.period) for c in grouped}
        region_codes = sorted({c.region_id for c in grouped})
        current: dict[tuple[tuple[str, ...], str], dict[str, Any]] = {}
        for start in range(0, len(region_codes), LARGE_BATCH):
            for record in figure_type.model._default_manager.select_for_update().filter(
                **{f"{figure_type.period_field}__in": periods}, region_id__in=region_codes[start : start + LARGE_BATCH]
            ):
                period = figure_type.period_key(getattr(record, figure_type.period_field))
                current[(figure_type.record_key(record), period)] = snapshot(figure_type, record)
        for change in grouped:
            row_key = figure_type.key(change.region_id, change.new or change.old or {})
            now = current.get((row_key, change.period))
            if now != change.new:
                moved.append(f"{change.region_id} {change.period}")
    return moved


def _undo_regions(batch: ImportBatch, user: Actor, reason: str) -> None:
    """Remove the regions the import created and give renamed ones their old names, through regions.actions."""
    created = [item["code"] for item in batch.region_changes if item["old_name"] is None]
    renamed = {item["code"]: item["old_name"] for item in batch.region_changes if item["old_name"] is not None}
    remove_regions(created, user=user, channel=FigureChange.Channel.REVERT, reason=reason)
    if renamed:
        save_regions(renamed, user=user, channel=FigureChange.Channel.REVERT, reason=reason)


def import_now(
    plan: ImportPlan,
    content_name: str,
    user: Actor,
    *,
    only_valid: bool = False,
    confirmation: str = "",
    progress: Progress | None = None,
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
        apply_plan(plan, batch, user, only_valid=only_valid, confirmation=confirmation, progress=progress)
    return batch
