"""How many of a region's villages take part in a program, overall and per kecamatan: plain values in and out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from programs.models import Participation
from regions.models import Region

VILLAGE_KINDS = ("desa", "nagari", "kelurahan", "desa_adat")


@dataclass(frozen=True)
class Rate:
    code: str
    name: str
    taking_part: int
    total: int

    @property
    def pct(self) -> Fraction | None:
        return Fraction(self.taking_part * 100, self.total) if self.total else None


def rates(
    villages: Iterable[tuple[str, str]], kecamatan_names: dict[str, str], taking_part: set[str], code: str, name: str
) -> tuple[Rate, list[Rate]]:
    """(overall, per kecamatan) from (village code, kecamatan code) pairs and the villages taking part."""
    per_kecamatan: dict[str, list[str]] = defaultdict(list)
    for village, kecamatan in villages:
        per_kecamatan[kecamatan].append(village)
    rows = [
        Rate(kecamatan, kecamatan_names.get(kecamatan, kecamatan), sum(v in taking_part for v in members), len(members))
        for kecamatan, members in sorted(per_kecamatan.items())
    ]
    overall = Rate(code, name, sum(row.taking_part for row in rows), sum(row.total for row in rows))
    return overall, rows


def village_tree(region: Region, within: Iterable[str] | None = None) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The villages below `region` as (village, kecamatan) pairs, and the kecamatan names: two queries.

    With `within` (region codes), only the villages and kecamatan inside those regions' subtrees.
    """
    below = Region.objects.within(region.code)
    if within is not None:
        below = below.within(*within)
    villages = list(below.filter(kind__in=VILLAGE_KINDS).values_list("code", "parent_id"))
    kecamatan = dict(below.filter(kind="kecamatan").values_list("code", "name"))
    return villages, kecamatan


def participation_rates(
    program_id: int, region: Region, within: Iterable[str] | None = None
) -> tuple[Rate, list[Rate]]:
    """The computed participation of `region`'s villages in a program, from the participation rows present.

    With `within` (the reader's scope), only villages inside it are counted, taking part or not.
    """
    villages, kecamatan = village_tree(region, within)
    present = Participation.objects.filter(program_id=program_id).within(region.code)
    if within is not None:
        present = present.within(*within)
    taking_part = set(present.values_list("region_id", flat=True))
    return rates(villages, kecamatan, taking_part, region.code, region.name)
