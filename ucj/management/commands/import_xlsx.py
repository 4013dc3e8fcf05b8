from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from regions.actions import FIGURE_TYPES, plain_value, stored_value
from regions.scopes import scope_for
from ucj.jobs import STEP_LABELS
from ucj.spreadsheets.apply import ImportRefused, import_now
from ucj.spreadsheets.plan import ImportPlan, plan_import, previous_import
from ucj.spreadsheets.rows import CHANGED, NEW, REJECTED
from ucj.spreadsheets.workbook import FileRejected


class TerminalProgress:
    """The steps of an import on a tqdm bar: each step restarts the bar with its own name and total."""

    def __init__(self, bar: tqdm[Any]) -> None:
        self.bar = bar

    def step(self, name: str, total: int | None = None) -> None:
        self.bar.reset(total=total)
        self.bar.set_description(str(STEP_LABELS.get(name, name)))

    def advance(self, count: int) -> None:
        self.bar.update(count)


class Command(BaseCommand):
    help = (
        "Import an .xlsx of regions, enrolment, baselines or targets. "
        "Exit 0: written (or would be); 1: rows rejected, nothing written; 2: unreadable file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--user", help="import as this user, within their regions (default: the whole country)")
        parser.add_argument(
            "--confirm-changes",
            metavar="REASON",
            default="",
            help="write rows that change a figure by more than the usual threshold, with this reason",
        )

    def handle(
        self, *args: Any, path: Path, dry_run: bool, user: str | None, confirm_changes: str, **options: Any
    ) -> None:
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(_("No user is called %(user)r.") % {"user": user}, returncode=2)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}, returncode=2
            ) from error
        with tqdm(unit=" rows", file=sys.stderr, disable=None, leave=False) as bar:
            try:
                plan = plan_import(
                    content, path.name, scope_for(importer) if importer else None, progress=TerminalProgress(bar)
                )
            except FileRejected as error:
                raise CommandError(str(error), returncode=2) from error
        self._report(plan, verbose=options["verbosity"] > 1)
        if plan.has_rejections:
            raise CommandError(
                _("%(count)d rows rejected: nothing was written.") % {"count": plan.counts[REJECTED]}, returncode=1
            )
        if not plan.changes_anything:
            earlier = previous_import(plan.sha256)
            message = _("No changes: every row already matches the database.")
            if earlier:
                message += " " + _("This file was imported on %(when)s.") % {
                    "when": f"{earlier.applied_at:%Y-%m-%d %H:%M}"
                }
            self.stdout.write(message)
            return
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        try:
            with tqdm(unit=" rows", file=sys.stderr, disable=None, leave=False) as bar:
                progress = TerminalProgress(bar)
                batch = import_now(plan, path.name, importer, confirmation=confirm_changes, progress=progress)
        except ImportRefused as refused:
            raise CommandError(str(refused), returncode=1) from refused
        if batch is None:  # the rows matched the database after all: nothing was written
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(created)d created, %(updated)d updated (import %(uid)s).")
                % {"created": batch.counts["created"], "updated": batch.counts["updated"], "uid": batch.uid}
            )
        )

    def _report(self, plan: ImportPlan, verbose: bool) -> None:
        for note in plan.notes:
            self.stdout.write(f"! {note}")
        for row in plan.rows:
            where = f"{row.sheet}!{row.row}"
            if row.status == REJECTED:
                self.stdout.write(f"{where} {_('rejected')}: " + "; ".join(row.reasons))
            elif row.status == CHANGED:
                changes = ", ".join(
                    f"{name} {row.old.get(name)} -> {plain_value(value)}"
                    for name, value in row.values.items()
                    if row.old and row.old.get(name) != _as_stored(row.kind, name, value)
                )
                self.stdout.write(f"{where} {_('changed')}: {row.region_code} {row.period} {changes}")
            elif row.status == NEW and verbose:
                self.stdout.write(f"{where} {_('new')}: {row.region_code} {row.period}")
        counts = plan.counts
        self.stdout.write(
            _("%(new)d new, %(changed)d changed, %(unchanged)d unchanged, %(rejected)d rejected.") % counts
        )


def _as_stored(kind: str, name: str, value: Any) -> Any:
    figure_type = FIGURE_TYPES.get(kind)
    return stored_value(figure_type, name, value) if figure_type else plain_value(value)
