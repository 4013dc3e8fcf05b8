"""Pre-rolled totals: every region's participants per month and baseline per year, kept in step.

The rules are those of regions/coverage.py (own figure first, else the
children's sum; a baseline carried forward from an earlier year); this module
only stores their results, so that a national page reads one row per region
instead of every village below it. regions/actions.py calls `refresh_*` in the
same transaction as each change of a figure; `rebuild` recomputes everything
from the raw rows (for bulk loads, and as the reference the tests compare with).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import transaction

from regions import codes
from regions.coverage import (
    BaselineValue,
    Participants,
    Rolled,
    latest_baseline,
    own_baseline,
    roll_up,
    sum_baselines,
    sum_participants,
)
from regions.models import Baseline, BaselineTotal, Enrolment, RollupTotal

CHUNK = 5000
T = TypeVar("T")

PARTICIPANT_FIELDS = ["participants", "pu", "bpu", "jakon", "pmi", "reported", "children_reported"]
BASELINE_FIELDS = ["count", "kind", "data_year", "carried_forward", "reported", "children_reported"]


def _chunks(items: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _by_level(region_codes: Iterable[str]) -> list[list[str]]:
    """The codes and all their ancestors, grouped by level, deepest level first."""
    levels: dict[int, set[str]] = defaultdict(set)
    for code in region_codes:
        for node in [code, *codes.ancestor_codes(code)]:
            levels[codes.level_of(node)].add(node)
    return [sorted(levels[level]) for level in sorted(levels, reverse=True)]


def _children_of(nodes: list[str], rows: Iterable[tuple[Any, ...]]) -> dict[str, list[tuple[Any, ...]]]:
    """Rows (code first) grouped under their parent, for the parents in `nodes`."""
    wanted = set(nodes)
    grouped: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        parent = codes.parent_code(row[0])
        if parent in wanted:
            grouped[parent].append(row)
    return grouped


def _child_codes(nodes: list[str]) -> list[str]:
    from regions.models import Region

    found: list[str] = []
    for chunk in _chunks(nodes):
        found.extend(Region.objects.filter(parent_id__in=chunk).values_list("code", flat=True))
    return found


# Participants per month ------------------------------------------------------------------------


def refresh_enrolment(month: datetime.date, region_codes: Iterable[str]) -> None:
    """Recompute the month's totals of these regions and every region above them, bottom up."""
    for nodes in _by_level(region_codes):
        own = {}
        for chunk in _chunks(nodes):
            for code, *values in Enrolment.objects.filter(month=month, region_id__in=chunk).values_list(
                "region_id", "participants", "pu", "bpu", "jakon", "pmi"
            ):
                own[code] = Participants(*values)
        children = _child_codes(nodes)
        child_rows = []
        for chunk in _chunks(children):
            child_rows.extend(
                RollupTotal.objects.filter(month=month, region_id__in=chunk).values_list(
                    "region_id", "participants", "pu", "bpu", "jakon", "pmi"
                )
            )
        grouped = _children_of(nodes, child_rows)
        rolled: dict[str, Rolled[Participants]] = {}
        for node in nodes:
            if node in own:
                rolled[node] = Rolled(own[node], reported=True)
            elif grouped.get(node):
                values = [Participants(*row[1:]) for row in grouped[node]]
                rolled[node] = Rolled(sum_participants(values), reported=False, children_reported=len(values))
        _write_month(month, nodes, rolled)


def _write_month(month: datetime.date, nodes: list[str], rolled: dict[str, Rolled[Participants]]) -> None:
    gone = [node for node in nodes if node not in rolled]
    for chunk in _chunks(gone):
        RollupTotal.objects.filter(month=month, region_id__in=chunk).delete()
    RollupTotal.objects.bulk_create(
        [_total(code, month, value) for code, value in rolled.items()],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["region", "month"],
        update_fields=PARTICIPANT_FIELDS,
    )


def _total(code: str, month: datetime.date, value: Rolled[Participants]) -> RollupTotal:
    figure = value.value
    return RollupTotal(
        region_id=code, month=month, participants=figure.total, pu=figure.pu, bpu=figure.bpu, jakon=figure.jakon,
        pmi=figure.pmi, reported=value.reported, children_reported=value.children_reported,
    )  # fmt: skip


# Baselines per year ----------------------------------------------------------------------------


def refresh_baselines(region_codes: Iterable[str]) -> None:
    """Recompute every year's baseline of these regions and every region above them, bottom up."""
    for nodes in _by_level(region_codes):
        own: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
        for chunk in _chunks(nodes):
            for code, year, count, kind in Baseline.objects.filter(region_id__in=chunk).values_list(
                "region_id", "year", "count", "kind"
            ):
                own[code][year] = (count, kind)
        child_rows = []
        for chunk in _chunks(_child_codes(nodes)):
            child_rows.extend(
                BaselineTotal.objects.filter(region_id__in=chunk).values_list(
                    "region_id", "year", "count", "kind", "data_year", "carried_forward"
                )
            )
        grouped = _children_of(nodes, child_rows)
        rows = []
        for node in nodes:
            rows.extend(_baseline_rows(node, own.get(node, {}), grouped.get(node, [])))
        for chunk in _chunks(nodes):
            BaselineTotal.objects.filter(region_id__in=chunk).delete()
        BaselineTotal.objects.bulk_create(rows, batch_size=2000)


def _baseline_rows(
    node: str, own: dict[int, tuple[int, str]], child_rows: list[tuple[Any, ...]]
) -> list[BaselineTotal]:
    """One row per year at which the node's own or its children's data changes."""
    per_child: dict[str, list[tuple[int, BaselineValue]]] = defaultdict(list)
    for code, year, count, kind, data_year, carried in child_rows:
        per_child[code].append((year, BaselineValue(count, data_year, kind, carried)))
    years = sorted(set(own) | {year for rows in per_child.values() for year, _ in rows})
    result = []
    for year in years:
        mine = own_baseline(own, year)
        if mine is not None:
            result.append(_baseline_total(node, year, Rolled(mine, reported=True)))
            continue
        values = [value for rows in per_child.values() if (value := latest_baseline(rows, year)) is not None]
        if values:
            result.append(_baseline_total(node, year, Rolled(sum_baselines(values), False, len(values))))
    return result


def _baseline_total(code: str, year: int, value: Rolled[BaselineValue]) -> BaselineTotal:
    baseline = value.value
    return BaselineTotal(
        region_id=code, year=year, count=baseline.count, kind=baseline.kind, data_year=baseline.year,
        carried_forward=baseline.carried_forward, reported=value.reported, children_reported=value.children_reported,
    )  # fmt: skip


# From scratch ----------------------------------------------------------------------------------


def expected_month_totals(month: datetime.date) -> dict[str, Rolled[Participants]]:
    """The month's totals recomputed from the raw enrolment rows with the arithmetic's own roll_up."""
    own = {
        code: Participants(*values)
        for code, *values in Enrolment.objects.filter(month=month).values_list(
            "region_id", "participants", "pu", "bpu", "jakon", "pmi"
        )
    }
    return roll_up(own, sum_participants)


def expected_baseline_totals() -> dict[tuple[str, int], Rolled[BaselineValue]]:
    """Every region's baseline for every year with data, recomputed from the raw rows."""
    own: dict[str, dict[int, tuple[int, str]]] = defaultdict(dict)
    for code, year, count, kind in Baseline.objects.values_list("region_id", "year", "count", "kind"):
        own[code][year] = (count, kind)
    data_years: dict[str, set[int]] = defaultdict(set)
    for code, years in own.items():
        for node in [code, *codes.ancestor_codes(code)]:
            data_years[node] |= set(years)
    result = {}
    for year in sorted({year for years in data_years.values() for year in years}):
        resolved = {code: value for code, years in own.items() if (value := own_baseline(years, year)) is not None}
        for code, value in roll_up(resolved, sum_baselines).items():
            if year in data_years[code]:
                result[(code, year)] = value
    return result


@transaction.atomic
def rebuild(progress: Callable[[str], None] | None = None) -> None:
    """Recompute all totals from the raw rows: after a bulk load that bypassed regions.actions."""
    RollupTotal.objects.all().delete()
    months = list(Enrolment.objects.order_by("month").values_list("month", flat=True).distinct())
    for index, month in enumerate(months, start=1):
        rolled = expected_month_totals(month)
        RollupTotal.objects.bulk_create([_total(code, month, value) for code, value in rolled.items()], batch_size=5000)
        if progress:
            progress(f"participants {month:%Y-%m} ({index}/{len(months)}): {len(rolled)} totals")
    BaselineTotal.objects.all().delete()
    baselines = expected_baseline_totals()
    BaselineTotal.objects.bulk_create(
        [_baseline_total(code, year, value) for (code, year), value in baselines.items()], batch_size=5000
    )
    if progress:
        progress(f"baselines: {len(baselines)} totals")
