"""The monthly entry grid, without HTTP: its rows, their forms, and saving them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from regions import rollups
from regions.actions import ENTERED, Conflict, FigureInput, FigureRulesBroken, enrolment_contexts, save_figures
from regions.models import Branch, Enrolment, FigureChange, Region
from regions.validation import FigureContext
from ucj.entry.forms import EntryRowForm


@dataclass
class GridRow:
    region: Region
    context: FigureContext
    children: int
    current: Enrolment | None
    form: EntryRowForm
    conflict: Conflict | None = None

    @property
    def baseline(self) -> int | None:
        """The region's baseline in force this year: no figure may exceed it."""
        return self.context.baseline

    @property
    def previous(self) -> int | None:
        """The latest figure before this month, that a change is measured against."""
        return self.context.previous

    @property
    def previous_month(self) -> datetime.date | None:
        return self.context.previous_month

    @property
    def has_children(self) -> bool:
        return self.children > 0


@dataclass
class Grid:
    month: datetime.date
    rows: list[GridRow]
    label: str
    errors: list[str] = field(default_factory=list)

    @property
    def invalid_rows(self) -> list[GridRow]:
        return [row for row in self.rows if not row.form.is_valid()]

    def inputs(self) -> list[FigureInput]:
        """The valid rows with a figure in them: what a save writes."""
        return [
            FigureInput(
                row.region.code,
                row.form.figure_values(),
                expected_version=row.form.cleaned_data["version"],
                on_change=ENTERED,
                confirmed=row.form.confirmed,
            )
            for row in self.rows
            if row.form.is_valid() and row.form.has_entry
        ]

    def reasons(self) -> str:
        """Every reason given in the grid, for the history of the save."""
        return "; ".join(
            f"{row.region.code}: {row.form.cleaned_data['reason'].strip()}"
            for row in self.rows
            if row.form.is_valid() and row.form.has_entry and (row.form.cleaned_data.get("reason") or "").strip()
        )


def grid_regions(parent: Region | None, branch: Branch | None) -> tuple[str, list[Region]]:
    """The regions a grid lists: a region's children, or the regions a branch (and its offices) serves."""
    if parent is not None:
        return parent.display_name, list(Region.objects.filter(parent=parent).order_by("code"))
    if branch is None:
        return "", []
    return branch.name, list(branch.served_regions())


def build_grid(
    label: str, regions: list[Region], month: datetime.date, data: Any = None, read_only: bool = False
) -> Grid:
    """The grid for `month`: each region with its baseline, its latest earlier figure and this month's form."""
    region_codes = [region.code for region in regions]
    contexts = enrolment_contexts(month, region_codes)
    children = rollups.children_counts(region_codes)
    current = {record.region_id: record for record in Enrolment.objects.filter(month=month, region_id__in=region_codes)}
    rows = []
    for region in regions:
        record = current.get(region.code)
        initial: dict[str, Any] = {"version": record.version if record else 0}
        if record:
            initial.update(
                participants=record.participants, pu=record.pu, bpu=record.bpu, jakon=record.jakon, pmi=record.pmi,
                note=record.note,
            )  # fmt: skip
        form = EntryRowForm(data, prefix=region.code, initial=initial, context=contexts[region.code])
        if read_only:
            for bound in form.fields.values():
                bound.disabled = True
        rows.append(GridRow(region, contexts[region.code], children.get(region.code, 0), record, form))
    return Grid(month, rows, label)


@dataclass
class GridSave:
    """What a save of the grid did: how many rows were written, which need attention."""

    written: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    refused: int = 0


def save_grid(grid: Grid, user: Any, reason: str) -> GridSave:
    """Write every valid filled-in row in one transaction; the others stay on the page with their reasons.

    Rows that moved meanwhile come back as conflicts; rows the write refuses
    (its rules judged on what is in the database now) get that reason beside
    their fields, and the rest is written without them.
    """
    inputs = grid.inputs()
    outcome = GridSave()
    by_code = {row.region.code: row for row in grid.rows}
    for _attempt in range(2):
        try:
            result = save_figures(
                "enrolment", grid.month, inputs, user=user, channel=FigureChange.Channel.FORM, reason=reason
            )
        except FigureRulesBroken as broken:
            for code, problems in broken.problems.items():
                for problem in problems:
                    by_code[code].form.add_error(problem.field, problem.message)
            outcome.refused += len(broken.problems)
            inputs = [row for row in inputs if row.region_code not in broken.problems]
            continue
        outcome.written = result.written
        outcome.conflicts = result.conflicts
        break
    for conflict in outcome.conflicts:
        row = by_code[conflict.region_code]
        row.conflict = conflict
        # The next save overwrites on purpose: the officer has now seen the current value.
        data = dict(row.form.data.items())
        data[f"{row.region.code}-version"] = str(getattr(conflict.current, "version", 0))
        row.form = EntryRowForm(data, prefix=row.region.code, context=row.context)
    return outcome


def rebuild_after_save(grid: Grid) -> Grid:
    """The grid to show again after a save that left rows needing attention.

    Those rows keep what was typed and their reasons; the rows just saved are
    bound to their new versions, so saving again does not see them as conflicts.
    """
    saved = [row for row in grid.rows if row.conflict is None and row.form.is_valid()]
    versions = dict(
        Enrolment.objects.filter(month=grid.month, region_id__in=[row.region.code for row in saved]).values_list(
            "region_id", "version"
        )
    )
    for row in saved:
        data = dict(row.form.data.items())
        data[f"{row.region.code}-version"] = str(versions.get(row.region.code, 0))
        row.form = EntryRowForm(data, prefix=row.region.code, context=row.context)
    return grid
