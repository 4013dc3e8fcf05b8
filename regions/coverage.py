"""The rules of the arithmetic (docs/RULES.md), as plain functions over plain values.

Nothing here touches the database or HTTP: regions/rollups.py stores what
`month_total` and `region_baselines` decide, regions/queries.py gathers the
stored values a page needs, and `build_report` says what they mean for one
region and month. Percentages are exact (Fraction for coverage, Decimal for
targets) and only rounded for display.

The one rule behind all of it: a ratio's top and bottom always describe the
same regions, the same month and the same basis.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from regions import codes
from regions.months import add_months, month_key, months_between

MIXED_KIND = "campuran"
SEGMENTS = ("pu", "bpu", "jakon", "pmi")
# When a region has several kinds of baseline and none is marked primary: the labour force first.
KIND_PREFERENCE = ("angkatan_kerja", "penduduk_bekerja", "angkatan_kerja_non_asn")
# A published percentage differing from our own by more than this many points is flagged.
PUBLISHED_PCT_TOLERANCE = Fraction(5, 100)
# An own figure differing from its children's complete sum by more than this share is flagged.
OWN_VS_CHILDREN_TOLERANCE = Fraction(1, 100)
ROLLED_UP = "rolled_up"


# Values ----------------------------------------------------------------------------------------


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


def sum_participants(values: Sequence[Participants]) -> Participants:
    def segment(name: str) -> int | None:
        parts = [getattr(value, name) for value in values]
        return None if any(part is None for part in parts) else sum(parts)

    return Participants(sum(value.total for value in values), *(segment(name) for name in SEGMENTS))


@dataclass(frozen=True)
class BaselineValue:
    """Workers a coverage is measured against: a region's own primary baseline, or every child's summed."""

    count: int
    year: int
    kind: str
    carried_forward: bool = False  # in force in a later year than its own
    rolled_up: bool = False  # the sum of children's baselines

    @property
    def basis(self) -> tuple[int, int, str]:
        """What must stay equal for two coverages to be compared without a change of basis."""
        return (self.count, self.year, self.kind)


def sum_baselines(values: Sequence[BaselineValue]) -> BaselineValue:
    kinds = {value.kind for value in values}
    return BaselineValue(
        count=sum(value.count for value in values),
        year=max(value.year for value in values),
        kind=kinds.pop() if len(kinds) == 1 else MIXED_KIND,
        carried_forward=any(value.carried_forward for value in values),
        rolled_up=True,
    )


@dataclass(frozen=True)
class BaselineRow:
    """One stored baseline of a region for a year."""

    kind: str
    count: int
    primary: bool = False
    source: str = ""


def primary_of(rows: Sequence[BaselineRow]) -> BaselineRow | None:
    """The basis in force among a region's baselines for one year: the one marked primary, else the only one,
    else the labour force (then the other kinds in a fixed order, so the answer never depends on row order)."""
    if not rows:
        return None
    marked = [row for row in rows if row.primary]
    if marked:
        return marked[0]
    if len(rows) == 1:
        return rows[0]
    by_kind = {row.kind: row for row in rows}
    for kind in KIND_PREFERENCE:
        if kind in by_kind:
            return by_kind[kind]
    return sorted(rows, key=lambda row: row.kind)[0]


def in_force(by_year: Mapping[int, BaselineValue], year: int) -> BaselineValue | None:
    """The baseline in force in `year`: the latest at or before it, marked carried forward if earlier."""
    earlier = [known for known in by_year if known <= year]
    if not earlier:
        return None
    value = by_year[max(earlier)]
    if max(earlier) < year and not value.carried_forward:
        return BaselineValue(value.count, value.year, value.kind, True, value.rolled_up)
    return value


def region_baselines(
    own: Mapping[int, BaselineValue], children: Sequence[Mapping[int, BaselineValue]], children_total: int
) -> dict[int, BaselineValue]:
    """A region's baseline for each year its data changes: its own primary one, or every child's summed.

    The children's sum counts only when every child has a baseline in force
    that year (a complete roll-up); a partial sum is no region's baseline.
    """
    result = dict(own)
    if children_total == 0 or len(children) < children_total:
        return result
    for year in sorted({year for child in children for year in child} - set(own)):
        values = [in_force(child, year) for child in children]
        if all(value is not None for value in values):
            result[year] = sum_baselines([value for value in values if value is not None])
    return result


# One region in one month -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonthTotal:
    """A region's figure for a month under the rules, as regions/rollups.py stores it.

    `participants` and `baseline` are a matched pair: the own figure and the
    region's baseline in force, or the sums over the matched set of children.
    """

    reported: bool
    participants: Participants
    baseline: BaselineValue | None
    children_total: int = 0
    children_reporting: int = 0
    children_matched: int = 0
    children_participants: Participants | None = None
    children_baseline: BaselineValue | None = None
    matched_set: str = ""

    @property
    def complete(self) -> bool:
        """Every child has a region-wide figure and a baseline: the children's sum is the region's."""
        return self.children_total > 0 and self.children_matched == self.children_total

    @property
    def region_wide(self) -> bool:
        """The figure covers the whole region: its own, or a complete roll-up."""
        return self.reported or self.complete

    @property
    def matched(self) -> bool:
        """The figure can be set against a baseline (over the whole region or the matched set)."""
        return self.baseline is not None and (self.reported or self.children_matched > 0)

    @property
    def coverage_pct(self) -> Fraction | None:
        return coverage_pct(self.participants.total, self.baseline.count) if self.baseline else None


def matched_set_digest(child_codes: Iterable[str]) -> str:
    """A short name for a set of regions: two months with the same digest sum the same children."""
    joined = ",".join(sorted(child_codes))
    return hashlib.sha1(joined.encode(), usedforsecurity=False).hexdigest()[:16] if joined else ""


def month_total(
    own: Participants | None,
    own_baseline: BaselineValue | None,
    children: Mapping[str, MonthTotal],
    children_total: int,
) -> MonthTotal | None:
    """A region's total for a month from its own figure (if any) and its children's totals.

    The matched set is the children with a region-wide figure and a baseline;
    a child's partial roll-up or an older figure never counts. None when the
    region has neither its own figure nor a reporting child.
    """
    reporting = {code: total for code, total in children.items() if total.region_wide}
    matched = {code: total for code, total in reporting.items() if total.baseline is not None}
    matched_participants = sum_participants([t.participants for t in matched.values()]) if matched else None
    matched_baseline = sum_baselines([t.baseline for t in matched.values() if t.baseline]) if matched else None
    if own is not None:
        participants, baseline = own, own_baseline
    elif matched_participants is not None:
        participants, baseline = matched_participants, matched_baseline
    elif reporting:
        # Children reported, but none has a baseline: their count is kept, never set against anything.
        participants, baseline = sum_participants([t.participants for t in reporting.values()]), None
    else:
        return None
    return MonthTotal(
        reported=own is not None,
        participants=participants,
        baseline=baseline,
        children_total=children_total,
        children_reporting=len(reporting),
        children_matched=len(matched),
        children_participants=matched_participants,
        children_baseline=matched_baseline,
        matched_set=matched_set_digest(matched),
    )


def month_totals(
    own: Mapping[str, Participants],
    baselines: Mapping[str, BaselineValue],
    children_count: Mapping[str, int],
) -> dict[str, MonthTotal]:
    """Every region's total for one month, from the raw figures: the reference the stored totals must equal.

    `baselines` holds each region's baseline in force that year (own or
    complete roll-up); `children_count` how many children each region has.
    """
    nodes: set[str] = set()
    for code in own:
        nodes.add(code)
        nodes.update(codes.ancestor_codes(code))
    children: dict[str, list[str]] = {}
    for node in nodes:
        parent = codes.parent_code(node)
        if parent is not None:
            children.setdefault(parent, []).append(node)
    result: dict[str, MonthTotal] = {}
    for node in sorted(nodes, key=codes.level_of, reverse=True):
        below = {child: result[child] for child in children.get(node, []) if child in result}
        total = month_total(own.get(node), baselines.get(node), below, children_count.get(node, 0))
        if total is not None:
            result[node] = total
    return result


# Targets, gaps and pace ------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetValue:
    percentage: Decimal
    year: int
    set_for: str
    inherited: bool = False
    legal_basis: str = ""


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
    """Workers to add each remaining month to close `gap` by December; in December, the whole gap at once."""
    remaining = months_left_in_year(month)
    return gap if remaining == 0 else math.ceil(Fraction(gap, remaining))


def recent_pace(series: Mapping[datetime.date, int], month: datetime.date, span: int) -> Fraction | None:
    """Average monthly change over the last `span` intervals between months with figures, up to `month`."""
    known = sorted(m for m in series if m <= month)[-(span + 1) :]
    if len(known) < 2:
        return None
    first, last = known[0], known[-1]
    return Fraction(series[last] - series[first], months_between(first, last))


def yearly_cost(gap: int, monthly_rate: int) -> int:
    """What enrolling `gap` workers as pekerja rentan costs a year at the lowest JKK + JKM contribution."""
    return gap * monthly_rate * 12


@dataclass(frozen=True)
class Forecast:
    """When the target is reached at the recent pace: `month`, or None with `within_year` False."""

    month: datetime.date | None
    within_year: bool
    already_reached: bool = False


def forecast(gap: int, pace: Fraction | None, from_month: datetime.date, year: int) -> Forecast:
    if gap == 0:
        return Forecast(from_month, True, already_reached=True)
    if pace is None or pace <= 0:
        return Forecast(None, False)
    reached = add_months(from_month, math.ceil(Fraction(gap) / pace))
    return Forecast(reached if reached.year == year else None, reached.year == year)


@functools.lru_cache(maxsize=8192)
def round_pct(value: Fraction | Decimal) -> Decimal:
    """Two decimals, halves rounded up, as people round percentages by hand.

    Remembered: a page rounds the same few hundred coverages a dozen times each (its table, charts,
    sentences), and rounding a Fraction exactly was a tenth of a dashboard's rebuild.
    """
    hundredths = math.floor(Fraction(value) * 100 + Fraction(1, 2))
    return Decimal(hundredths).scaleb(-2)


@dataclass(frozen=True)
class DenominatorChange:
    """How a change of coverage splits into enrolment and a new basis (DESIGN.md, "Changes of basis")."""

    before: BaselineValue
    after: BaselineValue
    participants_before: int
    participants_after: int

    @property
    def points_from_enrolment(self) -> Fraction:
        return Fraction((self.participants_after - self.participants_before) * 100, self.before.count)

    @property
    def points_from_basis(self) -> Fraction:
        return Fraction(self.participants_after * 100, self.after.count) - Fraction(
            self.participants_after * 100, self.before.count
        )

    @property
    def coverage_on_old_basis(self) -> Fraction:
        return Fraction(self.participants_after * 100, self.before.count)

    def as_json(self) -> dict[str, object]:
        return {
            "from_year": self.before.year,
            "from_kind": self.before.kind,
            "from_count": self.before.count,
            "to_year": self.after.year,
            "to_kind": self.after.kind,
            "to_count": self.after.count,
            "points_from_enrolment": float(round_pct(self.points_from_enrolment)),
            "points_from_basis": float(round_pct(self.points_from_basis)),
        }


def denominator_change(previous: MonthTotal | None, current: MonthTotal | None) -> DenominatorChange | None:
    """The split of a coverage change between two region-wide figures whose bases differ; None otherwise."""
    if previous is None or current is None or previous.baseline is None or current.baseline is None:
        return None
    if previous.baseline.basis == current.baseline.basis or previous.baseline.count == 0:
        return None
    return DenominatorChange(
        previous.baseline, current.baseline, previous.participants.total, current.participants.total
    )


# What a page shows of one region ---------------------------------------------------------------


@dataclass(frozen=True)
class FigureMeta:
    """What a stored figure says of itself: where it came from and what its source published."""

    provenance: str
    source: str = ""
    published_pct: Decimal | None = None
    published_uncovered: int | None = None


@dataclass(frozen=True)
class OtherBaseline:
    kind: str
    count: int
    year: int
    coverage_pct: Fraction | None

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "count": self.count,
            "year": self.year,
            "coverage_pct": _float_pct(self.coverage_pct),
        }


@dataclass(frozen=True)
class SeriesPoint:
    """One month of a region's trend: region-wide, or only among the reporting children."""

    month: datetime.date
    total: MonthTotal

    @property
    def region_wide(self) -> bool:
        return self.total.region_wide

    @property
    def coverage_pct(self) -> Fraction | None:
        return self.total.coverage_pct

    @property
    def basis(self) -> tuple[int, int, str] | None:
        return self.total.baseline.basis if self.total.baseline else None


@dataclass(frozen=True)
class AmongReporting:
    """The arithmetic over the matched set of a partial roll-up, never stated as the region's."""

    participants: int
    baseline: int
    coverage_pct: Fraction | None
    gap_to_target: int | None
    uncovered: int
    pace_needed: int | None
    recent_pace: Fraction | None

    def as_json(self) -> dict[str, object]:
        return {
            "participants": self.participants,
            "baseline": self.baseline,
            "coverage_pct": _float_pct(self.coverage_pct),
            "gap_to_target": self.gap_to_target,
            "uncovered": self.uncovered,
            "pace_needed": self.pace_needed,
            "recent_pace": float(self.recent_pace) if self.recent_pace is not None else None,
        }


@dataclass(frozen=True)
class RegionCoverage:
    """One region in one month: the figure shown, what it covers, when it is from and where it came from."""

    code: str
    name: str
    kind: str
    month: datetime.date
    # This month's stored total (None: nothing at all this month).
    total: MonthTotal | None
    # The region-wide figure shown: this month's, or the latest earlier one when this month has nothing matched.
    figure: MonthTotal | None
    figure_month: datetime.date | None
    meta: FigureMeta | None  # of the figure shown, when it is the region's own
    previous_figure: MonthTotal | None  # the region-wide figure before the one shown
    previous_figure_month: datetime.date | None
    region_baseline: BaselineValue | None  # the region's own (or complete) baseline in force this year
    other_baselines: tuple[OtherBaseline, ...]
    target: TargetValue | None
    children_total: int
    recent_pace: Fraction | None = None
    partial_recent_pace: Fraction | None = None
    last_month_total: MonthTotal | None = None

    # What the figure is --------------------------------------------------------------------

    @property
    def is_partial(self) -> bool:
        """Some children reported with a baseline this month, but not all, and the region has no figure of its own."""
        total = self.total
        return total is not None and not total.region_wide and total.children_matched > 0

    @property
    def figure_carried_forward(self) -> bool:
        return self.figure_month is not None and self.figure_month != self.month

    @property
    def complete(self) -> bool:
        """The number shown covers the whole region: its own figure or a complete roll-up, perhaps of an earlier
        month."""
        return self.figure is not None

    @property
    def reported(self) -> bool:
        return self.figure is not None and self.figure.reported

    @property
    def shown(self) -> MonthTotal | None:
        """The total whose participants and baseline the page shows: the figure, or the matched set."""
        if self.figure is not None:
            return self.figure
        return self.total if self.is_partial else None

    @property
    def children_reported(self) -> int:
        """How many children the roll-up shown sums (0 for an own figure)."""
        shown = self.shown
        if shown is None or shown.reported:
            return 0
        return shown.children_matched

    @property
    def children_reporting(self) -> int:
        return self.total.children_reporting if self.total else 0

    @property
    def provenance(self) -> str | None:
        if self.figure is not None and self.figure.reported:
            return self.meta.provenance if self.meta else None
        return ROLLED_UP if self.shown is not None else None

    @property
    def source(self) -> str:
        return self.meta.source if self.meta and self.reported else ""

    @property
    def participants(self) -> Participants | None:
        shown = self.shown
        return shown.participants if shown else None

    @property
    def baseline(self) -> BaselineValue | None:
        shown = self.shown
        return shown.baseline if shown else None

    # Coverage -------------------------------------------------------------------------------

    @property
    def coverage_pct(self) -> Fraction | None:
        """The region's coverage: of its own or complete figure, on that figure's own basis. None when partial."""
        return self.figure.coverage_pct if self.figure is not None else None

    @property
    def coverage_among_reporting_pct(self) -> Fraction | None:
        shown = self.shown
        if shown is None or shown.reported or shown.children_matched == 0:
            return None
        return shown.coverage_pct

    @property
    def workers_reported_pct(self) -> Fraction | None:
        """The share of the region's workers that the matched children hold, where the region's baseline is known."""
        shown = self.shown
        if shown is None or shown.reported or shown.baseline is None or self.region_baseline is None:
            return None
        return coverage_pct(shown.baseline.count, self.region_baseline.count)

    @property
    def published_pct(self) -> Decimal | None:
        return self.meta.published_pct if self.meta and self.reported else None

    @property
    def published_pct_matches(self) -> bool | None:
        published, computed = self.published_pct, self.coverage_pct
        if published is None or computed is None:
            return None
        return abs(Fraction(published) - computed) <= PUBLISHED_PCT_TOLERANCE

    @property
    def published_uncovered(self) -> int | None:
        return self.meta.published_uncovered if self.meta and self.reported else None

    @property
    def own_vs_children(self) -> tuple[int, Fraction] | None:
        """(children's complete sum, its difference from the own figure in %) when they disagree by more than 1 %."""
        figure = self.figure
        if figure is None or not figure.reported or not figure.complete or figure.children_participants is None:
            return None
        children = figure.children_participants.total
        own = figure.participants.total
        if own == 0 and children == 0:
            return None
        difference = Fraction(abs(children - own), max(own, 1))
        if difference <= OWN_VS_CHILDREN_TOLERANCE:
            return None
        return children, Fraction((children - own) * 100, max(own, 1))

    @property
    def other_baselines_json(self) -> list[dict[str, object]]:
        return [other.as_json() for other in self.other_baselines]

    # Target and gap -------------------------------------------------------------------------

    @property
    def gap_is_estimate(self) -> bool:
        """A gap from a figure of an earlier year than the target's is an estimate."""
        return self.figure_month is not None and self.figure_month.year != self.month.year

    @property
    def gap_baseline(self) -> BaselineValue | None:
        """The baseline of this year the gap is measured on."""
        if self.figure is None:
            return None
        if not self.gap_is_estimate:
            return self.figure.baseline
        return self.region_baseline or self.figure.baseline

    @property
    def gap_to_target(self) -> int | None:
        """Region-wide only: on the region's own or complete figure (an estimate when it is of an earlier year)."""
        baseline = self.gap_baseline
        if self.figure is None or baseline is None or self.target is None:
            return None
        return gap_to_target(self.target.percentage, baseline.count, self.figure.participants.total)

    @property
    def uncovered(self) -> int | None:
        baseline = self.gap_baseline
        if self.figure is None or baseline is None:
            return None
        return baseline.count - self.figure.participants.total

    @property
    def pace_needed(self) -> int | None:
        gap = self.gap_to_target
        return None if gap is None else pace_needed(gap, self.month)

    @property
    def denominator_change(self) -> DenominatorChange | None:
        return denominator_change(self.previous_figure, self.figure)

    @property
    def target_reached(self) -> bool:
        """Said only on a region-wide figure of the target's year, and never because of a new basis alone."""
        if self.gap_to_target != 0 or self.gap_is_estimate or self.target is None:
            return False
        change = self.denominator_change
        return not (change is not None and change.coverage_on_old_basis < Fraction(self.target.percentage))

    @property
    def reached_by_new_basis_only(self) -> bool:
        change = self.denominator_change
        return (
            self.gap_to_target == 0
            and not self.gap_is_estimate
            and self.target is not None
            and change is not None
            and change.coverage_on_old_basis < Fraction(self.target.percentage)
        )

    @property
    def forecast(self) -> Forecast | None:
        gap = self.gap_to_target
        if gap is None or self.gap_is_estimate or self.figure_month is None:
            return None
        if gap == 0 and not self.target_reached:
            return None
        return forecast(gap, self.recent_pace, self.figure_month, self.month.year)

    @property
    def among_reporting(self) -> AmongReporting | None:
        """The gap, uncovered and pace of the matched set, for a partial month only."""
        if not self.is_partial or self.total is None or self.total.baseline is None:
            return None
        total = self.total
        baseline = total.baseline.count if total.baseline else 0
        gap = gap_to_target(self.target.percentage, baseline, total.participants.total) if self.target else None
        return AmongReporting(
            participants=total.participants.total,
            baseline=baseline,
            coverage_pct=total.coverage_pct,
            gap_to_target=gap,
            uncovered=baseline - total.participants.total,
            pace_needed=pace_needed(gap, self.month) if gap is not None else None,
            recent_pace=self.partial_recent_pace,
        )

    @property
    def change_since_previous_month(self) -> int | None:
        """The change of a region-wide figure against last month's region-wide figure."""
        last = self.last_month_total
        if self.figure_carried_forward or self.figure is None or last is None or not last.region_wide:
            return None
        return self.figure.participants.total - last.participants.total

    def as_json(self) -> dict[str, object]:
        """The shape of `manage.py coverage --json` and the JSON API."""
        participants = self.participants
        baseline = self.baseline
        change = self.denominator_change
        prediction = self.forecast
        own_vs_children = self.own_vs_children
        among = self.among_reporting
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "month": month_key(self.month),
            "participants": participants.total if participants else None,
            "participants_month": month_key(self.figure_month) if self.figure_month else None,
            "pu": participants.pu if participants else None,
            "bpu": participants.bpu if participants else None,
            "jakon": participants.jakon if participants else None,
            "pmi": participants.pmi if participants else None,
            "baseline": baseline.count if baseline else None,
            "baseline_year": baseline.year if baseline else None,
            "baseline_kind": baseline.kind if baseline else None,
            "baseline_carried_forward": bool(baseline and baseline.carried_forward),
            "baseline_rolled_up": bool(baseline and baseline.rolled_up),
            "coverage_pct": _float_pct(self.coverage_pct),
            "coverage_among_reporting_pct": _float_pct(self.coverage_among_reporting_pct),
            "complete": self.complete,
            "workers_reported_pct": _float_pct(self.workers_reported_pct),
            "figure_month": month_key(self.figure_month) if self.figure_month else None,
            "figure_carried_forward": self.figure_carried_forward,
            "provenance": self.provenance,
            "source": self.source,
            "published_pct": float(self.published_pct) if self.published_pct is not None else None,
            "published_pct_matches": self.published_pct_matches,
            "published_uncovered": self.published_uncovered,
            "other_baselines": self.other_baselines_json,
            "target_pct": float(self.target.percentage) if self.target else None,
            "target_inherited": self.target.inherited if self.target else False,
            "gap_to_target": self.gap_to_target,
            "gap_is_estimate": self.gap_is_estimate,
            "uncovered": self.uncovered,
            "pace_needed": self.pace_needed,
            "recent_pace": float(self.recent_pace) if self.recent_pace is not None else None,
            "target_reached": self.target_reached,
            "forecast_month": month_key(prediction.month) if prediction and prediction.month else None,
            "forecast_within_year": prediction.within_year if prediction else None,
            "denominator_change": change.as_json() if change else None,
            "own_vs_children": {
                "children_participants": own_vs_children[0],
                "difference_pct": _float_pct(own_vs_children[1]),
            }
            if own_vs_children
            else None,
            "among_reporting": among.as_json() if among else None,
            "change_since_previous_month": self.change_since_previous_month,
            "reported": self.reported,
            "children_reported": self.children_reported,
            "children_reporting": self.children_reporting,
            "children_total": self.children_total,
        }


def _float_pct(value: Fraction | Decimal | None) -> float | None:
    """A percentage for JSON, exact to the two decimals people read (13.85, not 13.853...)."""
    return float(round_pct(value)) if value is not None else None


# Putting a report together ---------------------------------------------------------------------


@dataclass(frozen=True)
class RegionInputs:
    """What the arithmetic needs for one region and its children, read from the stored totals."""

    code: str
    month: datetime.date
    names: Mapping[str, tuple[str, str]]  # code -> (name, kind), for the region and its children
    children: Sequence[str]
    # code -> month -> total: every month up to `month` for the region, this month and last for the children.
    totals: Mapping[str, Mapping[datetime.date, MonthTotal]]
    metas: Mapping[tuple[str, datetime.date], FigureMeta]  # own figures' provenance, by (code, month)
    baselines: Mapping[str, Mapping[int, BaselineValue]]  # code -> year -> own or complete baseline
    own_baselines: Mapping[int, Sequence[BaselineRow]]  # the region's own baselines by year, every kind
    targets: Mapping[str, tuple[Decimal, str]]  # code -> (percentage, legal basis) for the month's year
    pace_span: int = 3
    # A headline that is no region (a branch's regions side by side): its totals are its children's roll-up.
    headline_is_group: bool = False


@dataclass(frozen=True)
class CoverageReport:
    region: RegionCoverage
    children: list[RegionCoverage]
    series: list[SeriesPoint] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {**self.region.as_json(), "children": [child.as_json() for child in self.children]}


def figure_months(
    by_month: Mapping[datetime.date, MonthTotal], month: datetime.date, carry_forward: bool = True
) -> tuple[datetime.date | None, datetime.date | None]:
    """(the month of the figure shown for `month`, the month of the region-wide figure before it).

    The figure shown is this month's when it is region-wide; when this month
    has nothing matched, the latest earlier region-wide figure; when this
    month is a partial roll-up, none (the matched set is shown instead).
    """
    now = by_month.get(month)
    earlier = sorted((m for m, total in by_month.items() if m < month and total.region_wide), reverse=True)
    if now is not None and now.region_wide:
        return month, earlier[0] if earlier else None
    if now is not None and now.children_matched > 0:
        return None, earlier[0] if earlier else None
    if not carry_forward:
        return None, earlier[0] if earlier else None
    if not earlier:
        return None, None
    return earlier[0], earlier[1] if len(earlier) > 1 else None


def group_totals(
    children: Sequence[str], totals: Mapping[str, Mapping[datetime.date, MonthTotal]]
) -> dict[datetime.date, MonthTotal]:
    """The month-by-month roll-up of several regions side by side, by the same rule as any region's."""
    months = {month for code in children for month in totals.get(code, {})}
    result = {}
    for month in months:
        below = {code: totals[code][month] for code in children if month in totals.get(code, {})}
        total = month_total(None, None, below, len(children))
        if total is not None:
            result[month] = total
    return result


def build_report(inputs: RegionInputs) -> CoverageReport:
    """The region and each child for the month, and the region's series of months."""
    totals: dict[str, Mapping[datetime.date, MonthTotal]] = dict(inputs.totals)
    if inputs.headline_is_group:
        totals[inputs.code] = group_totals(inputs.children, inputs.totals)

    def region_coverage(code: str, carry_forward: bool) -> RegionCoverage:
        by_month = totals.get(code, {})
        shown_month, previous_month = figure_months(by_month, inputs.month, carry_forward)
        figure = by_month.get(shown_month) if shown_month else None
        name, kind = inputs.names[code]
        is_group = code == inputs.code and inputs.headline_is_group
        region_baseline = in_force(inputs.baselines.get(code, {}), inputs.month.year)
        return RegionCoverage(
            code=code,
            name=name,
            kind=kind,
            month=inputs.month,
            total=by_month.get(inputs.month),
            figure=figure,
            figure_month=shown_month,
            meta=inputs.metas.get((code, shown_month)) if shown_month else None,
            previous_figure=by_month.get(previous_month) if previous_month else None,
            previous_figure_month=previous_month,
            region_baseline=region_baseline,
            other_baselines=_other_baselines(inputs, figure, shown_month) if code == inputs.code else (),
            target=None if is_group else resolve_target(code, inputs.month.year, inputs.targets),
            children_total=len(inputs.children) if code == inputs.code else _children_total(by_month),
            recent_pace=_recent_pace(by_month, figure, shown_month, inputs.pace_span),
            partial_recent_pace=_partial_recent_pace(by_month, inputs.month, inputs.pace_span),
            last_month_total=by_month.get(add_months(inputs.month, -1)),
        )

    region = region_coverage(inputs.code, carry_forward=True)
    # A child's row shows this month only: an older figure of one child beside this month's of another
    # would rank regions by different months.
    children = [region_coverage(child, carry_forward=False) for child in inputs.children]
    series = [
        SeriesPoint(month, total)
        for month, total in sorted(totals.get(inputs.code, {}).items())
        if month <= inputs.month and total.matched
    ]
    return CoverageReport(region, children, series)


def _children_total(by_month: Mapping[datetime.date, MonthTotal]) -> int:
    return max((total.children_total for total in by_month.values()), default=0)


def _other_baselines(
    inputs: RegionInputs, figure: MonthTotal | None, shown_month: datetime.date | None
) -> tuple[OtherBaseline, ...]:
    """The region's baselines of the figure's year that are not its basis, each with the coverage it would give."""
    if figure is None or shown_month is None or not figure.reported or figure.baseline is None:
        return ()
    basis = figure.baseline
    rows = inputs.own_baselines.get(basis.year, ())
    return tuple(
        OtherBaseline(row.kind, row.count, basis.year, coverage_pct(figure.participants.total, row.count))
        for row in rows
        if row.kind != basis.kind
    )


def _recent_pace(
    by_month: Mapping[datetime.date, MonthTotal],
    figure: MonthTotal | None,
    shown_month: datetime.date | None,
    span: int,
) -> Fraction | None:
    """The recent monthly change of region-wide figures on the same basis as the figure shown."""
    if figure is None or shown_month is None or figure.baseline is None:
        return None
    same_basis = {
        month: total.participants.total
        for month, total in by_month.items()
        if total.region_wide and total.baseline is not None and total.baseline.basis == figure.baseline.basis
    }
    return recent_pace(same_basis, shown_month, span)


def _partial_recent_pace(
    by_month: Mapping[datetime.date, MonthTotal], month: datetime.date, span: int
) -> Fraction | None:
    """Among reporting regions: only months that sum the very same children on the same bases."""
    now = by_month.get(month)
    if now is None or now.region_wide or now.children_matched == 0 or now.baseline is None:
        return None
    same_set = {
        m: total.participants.total
        for m, total in by_month.items()
        if not total.region_wide
        and total.matched_set == now.matched_set
        and total.baseline is not None
        and total.baseline.basis == now.baseline.basis
    }
    return recent_pace(same_set, month, span)


@dataclass(frozen=True)
class WhatIf:
    """The region's figure as it would be with `added` more participants, on the same basis."""

    added: int
    participants: int
    baseline: int
    coverage_pct: Fraction | None
    gap_to_target: int | None

    def yearly_cost(self, monthly_rate: int) -> int | None:
        return None if self.gap_to_target is None else yearly_cost(self.gap_to_target, monthly_rate)


def what_if(item: RegionCoverage, added: int) -> WhatIf | None:
    """`added` more participants on the region's own or complete figure; None when there is no such figure."""
    if item.figure is None or item.figure.baseline is None:
        return None
    participants = item.figure.participants.total + added
    gap_baseline = item.gap_baseline
    gap = None
    if item.target is not None and gap_baseline is not None:
        gap = gap_to_target(item.target.percentage, gap_baseline.count, participants)
    baseline = item.figure.baseline.count
    return WhatIf(added, participants, baseline, coverage_pct(participants, baseline), gap)


def points_of_coverage(workers: int, baseline: int) -> Fraction | None:
    """How many percentage points of a region's coverage `workers` make: a program's share of it."""
    return coverage_pct(workers, baseline)
