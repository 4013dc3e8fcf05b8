"""What the import reads a spreadsheet row into, shared by the figure sheets and the program sheets.

A row is planned new, changed, unchanged or rejected (with every reason); regions are
resolved by code or by an unambiguous name. Both plan.py and program_sheets.py read
rows into these, so neither imports the other's internals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from regions import codes
from regions.actions import plain_value
from regions.models import Region
from regions.validation import FigureError
from ucj.spreadsheets.cells import normalise
from ucj.spreadsheets.workbook import SheetData

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"


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
    # A change the entry grid would ask to confirm: written only when the admin confirms, with a reason.
    needs_confirmation: bool = False
    # The spreadsheet cell of each value, for reasons found after the row was read.
    cells: dict[str, str] = field(default_factory=dict)

    def reject(self, cell: str, message: str) -> None:
        self.status = REJECTED
        self.reasons.append(f"{cell}: {message}" if cell else message)

    def as_json(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet, "row": self.row, "kind": self.kind, "region": self.region_code,
            "name": self.region_name, "period": self.period, "status": self.status,
            "values": {k: plain_value(v) for k, v in self.values.items()}, "old": self.old, "reasons": self.reasons,
            "needs_confirmation": self.needs_confirmation,
        }  # fmt: skip


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

    def add(self, code: str, name: str, kind: str) -> None:
        """A region that the file's own `wilayah` sheet adds: the other sheets may name it."""
        self.by_code[code] = (name, kind)
        for key in self._keys(name, kind):
            if code not in self.by_name[key]:
                self.by_name[key].append(code)

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


def read_cell(
    row: PlannedRow, sheet: SheetData, values: Sequence[Any], column: str, parse: Callable[[Any], Any]
) -> Any:
    try:
        return parse(sheet.value(values, column))
    except FigureError as error:
        row.reject(f"{sheet.letter(column)}{row.row}", str(error))
        return None
