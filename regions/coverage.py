"""The rules of the arithmetic (see DESIGN.md), as plain functions over plain values.

Nothing here touches the database or HTTP: regions/queries.py gathers the
values, these functions decide what they mean. Percentages are exact
(Fraction for coverage, Decimal for targets) and only rounded for display.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Generic, TypeVar

from regions import codes
from regions.months import add_months, month_key, months_between

V = TypeVar("V")

MIXED_KIND = "campuran"


@dataclass(frozen=True)
class Participants:
    """Active participants, with the segments where every one of them is known."""

    total: int
    pu: int | None = None
    bpu: int | None = None
    jakon: int | None = None
    pmi: int | None = None

    @property
    def has_breakdown(self) -> bool:
        return any(value is not None for value in (self.pu, self.bpu, self.jakon, self.pmi))


@dataclass(frozen=True)
class BaselineValue:
    count: int
    year: int
    kind: str
    carried_forward: bool = False


@dataclass(frozen=True)
class TargetValue:
    percentage: Decimal
    year: int
    set_for: str
    inherited: bool = False
    legal_basis: str = ""


@dataclass(frozen=True)
class Rolled(Generic[V]):
    """A region's value: its own (reported) or the sum of its children's (rolled up)."""

    value: V
    reported: bool
    children_reported: int = 0


def roll_up(own: Mapping[str, V], combine: Callable[[list[V]], V]) -> dict[str, Rolled[V]]:
    """Every region's value from the regions that have one of their own.

    A region with its own value keeps it, whatever its children say. A region
    without one gets `combine` of its children's values, recursively, and
    counts how many children contributed. Regions with nothing below them are
    absent from the result.
    """
    result: dict[str, Rolled[V]] = {code: Rolled(value, reported=True) for code, value in own.items()}
    contributors: dict[str, list[str]] = defaultdict(list)
    depth: dict[str, int] = {}
    for code in own:
        chain = [code]
        while (parent := codes.parent_code(chain[-1])) is not None:
            chain.append(parent)
        for level, (child, parent) in enumerate(pairwise(chain)):
            depth.setdefault(child, len(chain) - 1 - level)
            if child in contributors[parent]:
                break
            contributors[parent].append(child)
        depth.setdefault(chain[-1], 0)
    # Deepest first, so that every child is settled before its parent.
    for parent in sorted(contributors, key=lambda code: depth[code], reverse=True):
        if parent in result:
            continue
        children = contributors[parent]
        result[parent] = Rolled(
            combine([result[child].value for child in children]),
            reported=False,
            children_reported=len(children),
        )
    return result


def sum_participants(values: list[Participants]) -> Participants:
    def segment(name: str) -> int | None:
        parts = [getattr(value, name) for value in values]
        return None if any(part is None for part in parts) else sum(parts)  # type: ignore[arg-type]

    return Participants(
        total=sum(value.total for value in values),
        pu=segment("pu"),
        bpu=segment("bpu"),
        jakon=segment("jakon"),
        pmi=segment("pmi"),
    )


def sum_baselines(values: list[BaselineValue]) -> BaselineValue:
    kinds = {value.kind for value in values}
    return BaselineValue(
        count=sum(value.count for value in values),
        year=max(value.year for value in values),
        kind=kinds.pop() if len(kinds) == 1 else MIXED_KIND,
        carried_forward=any(value.carried_forward for value in values),
    )


def own_baseline(by_year: Mapping[int, tuple[int, str]], year: int) -> BaselineValue | None:
    """A region's own baseline for `year`, or its latest earlier one, marked carried forward."""
    if year in by_year:
        count, kind = by_year[year]
        return BaselineValue(count, year, kind)
    earlier = [known for known in by_year if known < year]
    if not earlier:
        return None
    latest = max(earlier)
    count, kind = by_year[latest]
    return BaselineValue(count, latest, kind, carried_forward=True)


def resolve_target(code: str, year: int, targets: Mapping[str, tuple[Decimal, str]]) -> TargetValue | None:
    """The region's own target for the year, or its nearest ancestor's, marked inherited."""
    for candidate in [code, *codes.ancestor_codes(code)]:
        if candidate in targets:
            percentage, legal_basis = targets[candidate]
            return TargetValue(percentage, year, candidate, inherited=candidate != code, legal_basis=legal_basis)
    return None


def coverage_pct(participants: int, baseline: int) -> Fraction | None:
    if baseline <= 0:
        return None
    return Fraction(participants * 100, baseline)


def workers_at_target(target_pct: Decimal, baseline: int) -> int:
    """How many participants the target means, rounded up to whole workers."""
    return math.ceil(Fraction(target_pct) * baseline / 100)


def gap_to_target(target_pct: Decimal, baseline: int, participants: int) -> int:
    return max(0, workers_at_target(target_pct, baseline) - participants)


def months_left_in_year(month: datetime.date) -> int:
    """Months after `month` up to and including December."""
    return 12 - month.month


def pace_needed(gap: int, month: datetime.date) -> int:
    """Workers to add each remaining month to close `gap` by December.

    In December no month is left: the whole gap is needed at once.
    """
    remaining = months_left_in_year(month)
    return gap if remaining == 0 else math.ceil(Fraction(gap, remaining))


def recent_pace(series: Mapping[datetime.date, int], month: datetime.date, span: int) -> Fraction | None:
    """Average monthly change over the last `span` months that have figures, up to `month`."""
    known = sorted(m for m in series if m <= month)[-(span + 1) :]
    if len(known) < 2:
        return None
    first, last = known[0], known[-1]
    return Fraction(series[last] - series[first], months_between(first, last))


def round_pct(value: Fraction | Decimal) -> Decimal:
    """Two decimals, halves rounded up, as people round percentages by hand."""
    hundredths = math.floor(Fraction(value) * 100 + Fraction(1, 2))
    return Decimal(hundredths).scaleb(-2)


@dataclass(frozen=True)
class RegionCoverage:
    """One region in one month: what it has, what it is measured against and what it lacks."""

    code: str
    name: str
    kind: str
    month: datetime.date
    participants: Rolled[Participants] | None
    participants_month: datetime.date | None
    baseline: Rolled[BaselineValue] | None
    target: TargetValue | None
    children_total: int
    previous_participants: int | None = None
    recent_pace: Fraction | None = None

    @property
    def participants_carried_forward(self) -> bool:
        return self.participants_month is not None and self.participants_month != self.month

    @property
    def coverage_pct(self) -> Fraction | None:
        if self.participants is None or self.baseline is None:
            return None
        return coverage_pct(self.participants.value.total, self.baseline.value.count)

    @property
    def gap_to_target(self) -> int | None:
        if self.participants is None or self.baseline is None or self.target is None:
            return None
        return gap_to_target(self.target.percentage, self.baseline.value.count, self.participants.value.total)

    @property
    def uncovered(self) -> int | None:
        if self.participants is None or self.baseline is None:
            return None
        return self.baseline.value.count - self.participants.value.total

    @property
    def pace_needed(self) -> int | None:
        gap = self.gap_to_target
        return None if gap is None else pace_needed(gap, self.month)

    @property
    def change_since_previous_month(self) -> int | None:
        if self.participants is None or self.previous_participants is None or self.participants_carried_forward:
            return None
        return self.participants.value.total - self.previous_participants

    @property
    def reported(self) -> bool:
        return self.participants is not None and self.participants.reported

    @property
    def children_reported(self) -> int:
        if self.participants is None or self.participants.reported:
            return 0
        return self.participants.children_reported

    def as_json(self) -> dict[str, object]:
        """The shape of `manage.py coverage --json` and the JSON API."""
        participants = self.participants.value if self.participants else None
        baseline = self.baseline.value if self.baseline else None
        coverage = self.coverage_pct
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "month": month_key(self.month),
            "participants": participants.total if participants else None,
            "participants_month": month_key(self.participants_month) if self.participants_month else None,
            "pu": participants.pu if participants else None,
            "bpu": participants.bpu if participants else None,
            "jakon": participants.jakon if participants else None,
            "pmi": participants.pmi if participants else None,
            "baseline": baseline.count if baseline else None,
            "baseline_year": baseline.year if baseline else None,
            "baseline_kind": baseline.kind if baseline else None,
            "baseline_carried_forward": baseline.carried_forward if baseline else False,
            "baseline_rolled_up": bool(self.baseline and not self.baseline.reported),
            "coverage_pct": float(coverage) if coverage is not None else None,
            "target_pct": float(self.target.percentage) if self.target else None,
            "target_inherited": self.target.inherited if self.target else False,
            "gap_to_target": self.gap_to_target,
            "uncovered": self.uncovered,
            "pace_needed": self.pace_needed,
            "recent_pace": float(self.recent_pace) if self.recent_pace is not None else None,
            "change_since_previous_month": self.change_since_previous_month,
            "reported": self.reported,
            "children_reported": self.children_reported,
            "children_total": self.children_total,
        }


@dataclass(frozen=True)
class RegionInputs:
    """Everything the arithmetic needs for one region and its children, already rolled up per region."""

    code: str
    month: datetime.date
    names: Mapping[str, tuple[str, str]]  # code -> (name, kind), for the region and its children
    children: list[str]
    children_totals: Mapping[str, int]  # code -> how many children it has
    participants: Mapping[datetime.date, Mapping[str, Rolled[Participants]]]  # month -> code -> figure
    baselines: Mapping[str, list[tuple[int, Rolled[BaselineValue]]]]  # code -> [(from year, baseline)]
    targets: Mapping[str, tuple[Decimal, str]]  # code -> (percentage, legal basis) for month's year
    pace_span: int = 3
    # A headline that is no region (a branch's regions side by side) sums its children and has no target.
    headline_is_group: bool = False


@dataclass(frozen=True)
class CoverageReport:
    region: RegionCoverage
    children: list[RegionCoverage]
    series: list[SeriesPoint] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {**self.region.as_json(), "children": [child.as_json() for child in self.children]}


@dataclass(frozen=True)
class SeriesPoint:
    month: datetime.date
    participants: int
    reported: bool
    baseline: int | None
    baseline_year: int | None
    coverage_pct: Fraction | None


def latest_baseline(rows: list[tuple[int, BaselineValue]], year: int) -> BaselineValue | None:
    """The baseline in force in `year`: the latest row at or before it, marked carried forward if earlier."""
    earlier = [(row_year, value) for row_year, value in rows if row_year <= year]
    if not earlier:
        return None
    row_year, value = max(earlier, key=lambda item: item[0])
    if row_year < year and not value.carried_forward:
        return BaselineValue(value.count, value.year, value.kind, carried_forward=True)
    return value


def baseline_in_force(rows: list[tuple[int, Rolled[BaselineValue]]], year: int) -> Rolled[BaselineValue] | None:
    """latest_baseline for stored totals, keeping whether each was reported or rolled up."""
    latest = max(
        ((row_year, rolled) for row_year, rolled in rows if row_year <= year), default=None, key=lambda r: r[0]
    )
    if latest is None:
        return None
    rolled = latest[1]
    value = latest_baseline([(latest[0], rolled.value)], year)
    return Rolled(value, rolled.reported, rolled.children_reported) if value is not None else None


def build_report(inputs: RegionInputs) -> CoverageReport:
    """The region and each child for the month, plus the region's monthly series."""
    year = inputs.month.year
    per_month: dict[datetime.date, dict[str, Rolled[Participants]]] = {
        month: dict(figures) for month, figures in inputs.participants.items()
    }
    if inputs.headline_is_group:
        for figures in per_month.values():
            values = [figures[child].value for child in inputs.children if child in figures]
            if values:
                figures[inputs.code] = Rolled(sum_participants(values), reported=False, children_reported=len(values))

    def baseline_of(code: str, year: int) -> Rolled[BaselineValue] | None:
        if code == inputs.code and inputs.headline_is_group:
            values = [v.value for child in inputs.children if (v := baseline_of(child, year)) is not None]
            return Rolled(sum_baselines(values), False, len(values)) if values else None
        return baseline_in_force(inputs.baselines.get(code, []), year)

    previous_month = add_months(inputs.month, -1)

    def region_coverage(code: str, carry_forward: bool) -> RegionCoverage:
        rolled_now = per_month.get(inputs.month, {}).get(code)
        participants_month = inputs.month if rolled_now else None
        if rolled_now is None and carry_forward:
            earlier = sorted((m for m in per_month if m < inputs.month and code in per_month[m]), reverse=True)
            if earlier:
                participants_month = earlier[0]
                rolled_now = per_month[participants_month][code]
        previous = per_month.get(previous_month, {}).get(code)
        series = {m: rolled[code].value.total for m, rolled in per_month.items() if code in rolled}
        name, kind = inputs.names[code]
        has_target = not (code == inputs.code and inputs.headline_is_group)
        return RegionCoverage(
            code=code,
            name=name,
            kind=kind,
            month=inputs.month,
            participants=rolled_now,
            participants_month=participants_month,
            baseline=baseline_of(code, year),
            target=resolve_target(code, year, inputs.targets) if has_target else None,
            children_total=inputs.children_totals.get(code, 0),
            previous_participants=previous.value.total if previous else None,
            recent_pace=recent_pace(series, inputs.month, inputs.pace_span),
        )

    region = region_coverage(inputs.code, carry_forward=True)
    children = [region_coverage(child, carry_forward=False) for child in inputs.children]
    series = []
    for month in sorted(per_month):
        rolled = per_month[month].get(inputs.code)
        if rolled is None or month > inputs.month:
            continue
        baseline = baseline_of(inputs.code, month.year)
        count = baseline.value.count if baseline else None
        series.append(
            SeriesPoint(
                month=month,
                participants=rolled.value.total,
                reported=rolled.reported,
                baseline=count,
                baseline_year=baseline.value.year if baseline else None,
                coverage_pct=coverage_pct(rolled.value.total, count) if count else None,
            )
        )
    return CoverageReport(region, children, series=series)
