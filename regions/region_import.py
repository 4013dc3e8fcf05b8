"""Loading the Kemendagri region list (a `kode,nama` CSV) into the region tree.

The whole file is checked before anything is written; then new regions are
created and renamed ones updated in one transaction. Regions missing from the
file are left alone: figures may hang on them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from regions import codes
from regions.actions import Actor, save_regions
from regions.models import FigureChange, Region

HEADERS = {("kode", "nama"), ("code", "name")}
# The whole Kepmendagri list, shipped with the project (data/SOURCE.md): what import_regions loads by default.
NATIONAL_LIST = Path(settings.BASE_DIR) / "data" / "wilayah-kepmendagri-2025.csv"


@dataclass(frozen=True)
class RegionRow:
    line: int
    code: str
    name: str


@dataclass
class RegionImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)


class RegionFileError(Exception):
    """The file cannot be read as a region list at all."""


def read_region_csv(path: Path) -> list[RegionRow]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None or tuple(cell.strip().lower() for cell in header[:2]) not in HEADERS:
                raise RegionFileError(_("The first line must be the header kode,nama."))
            return [
                RegionRow(line, (cells[0] if cells else "").strip(), (cells[1] if len(cells) > 1 else "").strip())
                for line, cells in enumerate(reader, start=2)
                if any(cell.strip() for cell in cells)
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RegionFileError(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}) from error


def check_rows(rows: list[RegionRow], existing_codes: set[str]) -> list[str]:
    """Every problem in the file, each with its line; an empty list when it can be loaded."""
    errors = []
    seen: dict[str, int] = {}
    for row in rows:
        if not codes.is_valid_code(row.code) or row.code == codes.COUNTRY_CODE:
            errors.append(_("line %(line)d: malformed code %(code)r") % {"line": row.line, "code": row.code})
            continue
        if not row.name:
            errors.append(_("line %(line)d: region %(code)s has no name") % {"line": row.line, "code": row.code})
        if row.code in seen:
            errors.append(
                _("line %(line)d: code %(code)s already given on line %(first)d")
                % {"line": row.line, "code": row.code, "first": seen[row.code]}
            )
        seen[row.code] = row.line
    for row in rows:
        parent = codes.parent_code(row.code) if codes.is_valid_code(row.code) else None
        if parent and parent != codes.COUNTRY_CODE and parent not in seen and parent not in existing_codes:
            errors.append(
                _("line %(line)d: code %(code)s has no parent region %(parent)s")
                % {"line": row.line, "code": row.code, "parent": parent}
            )
    return errors


@transaction.atomic
def import_regions(
    rows: list[RegionRow], *, user: Actor = None, channel: str = FigureChange.Channel.IMPORT
) -> RegionImportResult:
    """Check the whole list, then create and rename through regions.actions (recorded, totals kept)."""
    existing = set(Region.objects.values_list("code", flat=True))
    errors = check_rows(rows, existing)
    if errors:
        return RegionImportResult(errors=errors)
    written = save_regions(
        {row.code: row.name for row in rows}, user=user, channel=channel,
        reason=_("Region list import"),
    )  # fmt: skip
    return RegionImportResult(
        created=len(written.created), updated=len(written.renamed), unchanged=len(rows) - written.written
    )
