"""Pre-rolled totals: every region's figure per month and baseline per year, kept in step with the raw rows.

The rules are regions/coverage.py's (`month_total`, `region_baselines`); this
module only stores their results, so that a national page reads one row per
region instead of every village below it. regions/actions.py calls
`refresh_months` and `refresh_baselines` in the same transaction as each change
of a figure or a baseline. `expected_*` recompute everything from the raw rows
with the arithmetic's own functions: `rebuild` stores them after a bulk load,
and the tests compare the stored totals with them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Count

from regions import codes
from regions.coverage import (
    BaselineRow,
    BaselineValue,
    MonthTotal,
    Participants,
    in_force,
    month_total,
    month_totals,
    primary_of,
    region_baselines,
)
from regions.models import Baseline, BaselineTotal, DataVersion, Enrolment, Region, RollupTotal
from regions.statistics import refresh_statistics_now

CHUNK = 5000
T = TypeVar("T")

TOTAL_FIELDS = [
    "reported", "participants", "pu", "bpu", "jakon", "pmi", "baseline", "baseline_year", "baseline_kind",
    "baseline_carried_forward", "baseline_rolled_up", "children_total", "children_reporting", "children_matched",
    "children_participants", "children_baseline", "matched_set",
]  # fmt: skip
# Any number fits: it names the lock under which totals are recomputed, so two never interleave.
TOTALS_LOCK = 4_201_2026


def _chunks(items: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def lock_totals() -> None:
    """Recompute totals one transaction at a time.

    Every refresh ends at the country, so two transactions that each recompute
    a parent from what they saw would leave it missing the other's child. On
    PostgreSQL a transaction-level advisory lock queues them (held until
    commit, so the next one reads the first one's committed totals); SQLite
    runs each transaction with BEGIN IMMEDIATE (settings), one writer at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TOTALS_LOCK])


def _by_level(region_codes: Iterable[str]) -> list[list[str]]:
    """The codes and all their ancestors, grouped by level, deepest level first."""
    levels: dict[int, set[str]] = defaultdict(set)
    for code in region_codes:
        for node in [code, *codes.ancestor_codes(code)]:
            levels[codes.level_of(node)].add(node)
    return [sorted(levels[level]) for level in sorted(levels, reverse=True)]


def children_counts(nodes: list[str]) -> dict[str, int]:
    """How many children each region has (from the region tree, whether or not they have figures)."""
    counts: dict[str, int] = {}
    for chunk in _chunks(nodes):
        counts.update(
            Region.objects.filter(parent_id__in=chunk)
            .values("parent_id")
            .annotate(total=Count("code"))
            .values_list("parent_id", "total")
        )
    return counts


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
    found: list[str] = []
    for chunk in _chunks(nodes):
        found.extend(Region.objects.filter(parent_id__in=chunk).values_list("code", flat=True))
    return found


# Stored rows <-> the arithmetic's values -----------------------------------------------------


def total_from_row(row: RollupTotal) -> MonthTotal:
    baseline = None
    if row.baseline is not None and row.baseline_year is not None:
        baseline = BaselineValue(
            row.baseline,
            row.baseline_year,
            row.baseline_kind,
            carried_forward=row.baseline_carried_forward,
            rolled_up=row.baseline_rolled_up,
        )
    children_baseline = None
    if row.children_baseline is not None:
        children_baseline = BaselineValue(row.children_baseline, row.baseline_year or 0, row.baseline_kind)
    return MonthTotal(
        reported=row.reported,
        participants=Participants(row.participants, row.pu, row.bpu, row.jakon, row.pmi),
        baseline=baseline,
        children_total=row.children_total,
        children_reporting=row.children_reporting,
        children_matched=row.children_matched,
        children_participants=Participants(row.children_participants)
        if row.children_participants is not None
        else None,
        children_baseline=children_baseline,
        matched_set=row.matched_set,
    )


def row_from_total(code: str, month: datetime.date, total: MonthTotal) -> RollupTotal:
    figure, baseline = total.participants, total.baseline
    return RollupTotal(
        region_id=code,
        month=month,
        reported=total.reported,
        participants=figure.total,
        pu=figure.pu,
        bpu=figure.bpu,
        jakon=figure.jakon,
        pmi=figure.pmi,
        baseline=baseline.count if baseline else None,
        baseline_year=baseline.year if baseline else None,
        baseline_kind=baseline.kind if baseline else "",
        baseline_carried_forward=bool(baseline and baseline.carried_forward),
        baseline_rolled_up=bool(baseline and baseline.rolled_up),
        children_total=total.children_total,
        children_reporting=total.children_reporting,
        children_matched=total.children_matched,
        children_participants=total.children_participants.total if total.children_participants else None,
        children_baseline=total.children_baseline.count if total.children_baseline else None,
        matched_set=total.matched_set,
    )


def _baseline_from_row(row: BaselineTotal) -> BaselineValue:
    return BaselineValue(row.count, row.data_year, row.kind, row.carried_forward, rolled_up=not row.reported)


def _baseline_row(code: str, year: int, value: BaselineValue) -> BaselineTotal:
    return BaselineTotal(
        region_id=code, year=year, count=value.count, kind=value.kind, data_year=value.year,
        carried_forward=value.carried_forward, reported=not value.rolled_up, children_reported=0,
    )  # fmt: skip


def _own_baselines(nodes: list[str]) -> dict[str, dict[int, BaselineValue]]:
    """Each region's own primary baseline per year."""
    rows: dict[tuple[str, int], list[BaselineRow]] = defaultdict(list)
    for chunk in _chunks(nodes):
        for code, year, kind, count, primary in Baseline.objects.filter(region_id__in=chunk).values_list(
            "region_id", "year", "kind", "count", "primary"
        ):
            rows[(code, year)].append(BaselineRow(kind, count, primary))
    own: dict[str, dict[int, BaselineValue]] = defaultdict(dict)
    for (code, year), found in rows.items():
        chosen = primary_of(found)
        if chosen is not None:
            own[code][year] = BaselineValue(chosen.count, year, chosen.kind)
    return own


def stored_baselines(nodes: list[str], up_to_year: int | None = None) -> dict[str, dict[int, BaselineValue]]:
    """The stored baseline totals of these regions, by year."""
    result: dict[str, dict[int, BaselineValue]] = defaultdict(dict)
    for chunk in _chunks(nodes):
        rows = BaselineTotal.objects.filter(region_id__in=chunk)
        if up_to_year is not None:
            rows = rows.filter(year__lte=up_to_year)
        for row in rows:
            result[row.region_id][row.year] = _baseline_from_row(row)
    return result


def _locked_tree(region_codes: list[str]) -> tuple[list[list[str]], list[str], dict[str, int]]:
    """Take the totals lock; then the regions and their ancestors by level (deepest first), and their children."""
    lock_totals()
    levels = _by_level(region_codes)
    nodes = [node for level in levels for node in level]
    return levels, nodes, children_counts(nodes)


# Participants per month ------------------------------------------------------------------------


def refresh_months(months: Iterable[datetime.date], region_codes: Iterable[str]) -> None:
    """Recompute these regions' totals and every region's above them, for each month, bottom up."""
    region_codes = list(region_codes)
    if not region_codes:
        return
    levels, nodes, counts = _locked_tree(region_codes)
    for month in sorted(set(months)):
        baselines = stored_baselines(nodes, month.year)
        for level in levels:
            _refresh_level(month, level, counts, baselines)


def _refresh_level(
    month: datetime.date,
    nodes: list[str],
    counts: dict[str, int],
    baselines: dict[str, dict[int, BaselineValue]],
) -> None:
    own: dict[str, Participants] = {}
    for chunk in _chunks(nodes):
        for code, total, pu, bpu, jakon, pmi in Enrolment.objects.filter(month=month, region_id__in=chunk).values_list(
            "region_id", "participants", "pu", "bpu", "jakon", "pmi"
        ):
            own[code] = Participants(total, pu, bpu, jakon, pmi)
    child_totals: dict[str, dict[str, MonthTotal]] = defaultdict(dict)
    for chunk in _chunks(_child_codes(nodes)):
        for row in RollupTotal.objects.filter(month=month, region_id__in=chunk):
            parent = codes.parent_code(row.region_id)
            if parent is not None:
                child_totals[parent][row.region_id] = total_from_row(row)
    totals: dict[str, MonthTotal] = {}
    for node in nodes:
        found = month_total(
            own.get(node), in_force(baselines.get(node, {}), month.year), child_totals[node], counts.get(node, 0)
        )
        if found is not None:
            totals[node] = found
    _write_month(month, nodes, totals)


def _write_month(month: datetime.date, nodes: list[str], totals: dict[str, MonthTotal]) -> None:
    gone = [node for node in nodes if node not in totals]
    for chunk in _chunks(gone):
        RollupTotal.objects.filter(month=month, region_id__in=chunk).delete()
    RollupTotal.objects.bulk_create(
        [row_from_total(code, month, total) for code, total in totals.items()],
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["region", "month"],
        update_fields=TOTAL_FIELDS,
    )


# Baselines per year ----------------------------------------------------------------------------


def refresh_baselines(region_codes: Iterable[str], from_year: int) -> None:
    """Recompute these regions' baselines and every region's above them, then the months they measure."""
    region_codes = list(region_codes)
    if not region_codes:
        return
    levels, nodes, counts = _locked_tree(region_codes)
    for level in levels:
        own = _own_baselines(level)
        children = _children_of(
            level, [(code, by_year) for code, by_year in stored_baselines(_child_codes(level)).items()]
        )
        rows = []
        for node in level:
            child_maps = [by_year for _code, by_year in children.get(node, []) if by_year]
            for year, value in region_baselines(own.get(node, {}), child_maps, counts.get(node, 0)).items():
                rows.append(_baseline_row(node, year, value))
        for chunk in _chunks(level):
            BaselineTotal.objects.filter(region_id__in=chunk).delete()
        BaselineTotal.objects.bulk_create(rows, batch_size=2000)
    # A baseline of year Y measures every month from January of Y on, wherever it is in force.
    affected: set[datetime.date] = set()
    for chunk in _chunks(nodes):
        affected.update(
            RollupTotal.objects.filter(region_id__in=chunk, month__gte=datetime.date(from_year, 1, 1))
            .values_list("month", flat=True)
            .distinct()
        )
    refresh_months(affected, region_codes)


# The region tree --------------------------------------------------------------------------------


def refresh_tree(parent_codes: Iterable[str]) -> None:
    """After regions were added under these parents or removed from them: how many children a parent has
    decides whether its children's sums are complete, so its baselines and every month's total are redone."""
    parents = sorted(set(parent_codes))
    if parents:
        refresh_baselines(parents, from_year=1900)


# From scratch ----------------------------------------------------------------------------------


def expected_baseline_totals() -> dict[tuple[str, int], BaselineValue]:
    """Every region's baseline for every year its data changes, recomputed from the raw rows."""
    codes_with_rows = list(Baseline.objects.values_list("region_id", flat=True).distinct())
    own = _own_baselines(codes_with_rows)
    levels = _by_level(codes_with_rows)
    counts = children_counts([node for level in levels for node in level])
    computed: dict[str, dict[int, BaselineValue]] = {}
    below: dict[str, list[dict[int, BaselineValue]]] = defaultdict(list)
    for level in levels:
        for node in level:
            by_year = region_baselines(own.get(node, {}), below[node], counts.get(node, 0))
            if by_year:
                computed[node] = by_year
                parent = codes.parent_code(node)
                if parent is not None:
                    below[parent].append(by_year)
    return {(code, year): value for code, by_year in computed.items() for year, value in by_year.items()}


def expected_month_totals(
    month: datetime.date, baselines: dict[tuple[str, int], BaselineValue] | None = None
) -> dict[str, MonthTotal]:
    """The month's totals recomputed from the raw enrolment and baseline rows with the arithmetic's own rule."""
    own = {
        code: Participants(total, pu, bpu, jakon, pmi)
        for code, total, pu, bpu, jakon, pmi in Enrolment.objects.filter(month=month).values_list(
            "region_id", "participants", "pu", "bpu", "jakon", "pmi"
        )
    }
    if baselines is None:
        baselines = expected_baseline_totals()
    by_region: dict[str, dict[int, BaselineValue]] = defaultdict(dict)
    for (code, year), value in baselines.items():
        by_region[code][year] = value
    nodes = {node for code in own for node in [code, *codes.ancestor_codes(code)]}
    in_force_now: dict[str, BaselineValue] = {}
    for code in nodes:
        found = in_force(by_region.get(code, {}), month.year)
        if found is not None:
            in_force_now[code] = found
    return month_totals(own, in_force_now, children_counts(sorted(nodes)))


@transaction.atomic
def rebuild(progress: Callable[[str], None] | None = None) -> None:
    """Recompute all totals from the raw rows: after a bulk load that bypassed regions.actions."""
    lock_totals()
    BaselineTotal.objects.all().delete()
    baselines = expected_baseline_totals()
    BaselineTotal.objects.bulk_create(
        [_baseline_row(code, year, value) for (code, year), value in baselines.items()], batch_size=5000
    )
    if progress:
        progress(f"baselines: {len(baselines)} totals")
    RollupTotal.objects.all().delete()
    months = list(Enrolment.objects.order_by("month").values_list("month", flat=True).distinct())
    for index, month in enumerate(months, start=1):
        totals = expected_month_totals(month, baselines)
        RollupTotal.objects.bulk_create(
            [row_from_total(code, month, total) for code, total in totals.items()], batch_size=5000
        )
        if progress:
            progress(f"participants {month:%Y-%m} ({index}/{len(months)}): {len(totals)} totals")
    refresh_statistics_now(RollupTotal, BaselineTotal)
    DataVersion.bump(DataVersion.FIGURES, DataVersion.PROGRAMS)
