"""The rules of the arithmetic, on plain values (no database)."""

import datetime
from decimal import Decimal
from fractions import Fraction

from regions.coverage import (
    BaselineRow,
    BaselineValue,
    MonthTotal,
    Participants,
    denominator_change,
    forecast,
    gap_to_target,
    in_force,
    month_total,
    month_totals,
    pace_needed,
    primary_of,
    recent_pace,
    region_baselines,
    resolve_target,
    round_pct,
    sum_baselines,
    sum_participants,
)

AK = "angkatan_kerja"


def own(count: int, baseline: int, year: int = 2025) -> MonthTotal:
    return MonthTotal(True, Participants(count), BaselineValue(baseline, year, AK))


def test_a_region_without_its_own_figure_sums_the_children_that_have_a_figure_and_a_baseline():
    children = {"13.02.04": own(10, 100), "13.02.05": own(5, 50)}

    total = month_total(None, None, children, children_total=2)

    assert (total.participants.total, total.baseline.count) == (15, 150)
    assert total.complete
    assert total.region_wide
    assert not total.reported
    assert total.children_matched == 2


def test_a_roll_up_of_some_children_is_partial_and_sums_top_and_bottom_over_the_same_children():
    no_baseline = MonthTotal(True, Participants(7), None)
    children = {"13.02.04": own(10, 100), "13.02.05": no_baseline}

    total = month_total(None, None, children, children_total=14)

    assert (total.participants.total, total.baseline.count) == (10, 100)
    assert not total.complete
    assert not total.region_wide
    assert (total.children_reporting, total.children_matched, total.children_total) == (2, 1, 14)


def test_a_childs_partial_roll_up_is_never_carried_into_its_parent():
    partial_kecamatan = month_total(None, None, {"13.02.04.2001": own(7, 70)}, children_total=5)
    children = {"13.02.04": partial_kecamatan, "13.02.05": own(5, 50)}

    total = month_total(None, None, children, children_total=2)

    assert total.participants.total == 5
    assert total.children_matched == 1
    assert not total.complete


def test_rolling_up_is_recursive_through_complete_levels_only():
    totals = month_totals(
        {"13.02.04.2001": Participants(7), "13.02.04.2002": Participants(3), "13.02.05.2001": Participants(4)},
        {code: BaselineValue(100, 2025, AK) for code in ["13.02.04.2001", "13.02.04.2002", "13.02.05.2001"]},
        {"13.02.04": 2, "13.02.05": 3, "13.02": 2, "13": 19, "ID": 38},
    )

    assert totals["13.02.04"].complete
    assert totals["13.02.04"].participants.total == 10
    assert not totals["13.02.05"].complete
    assert totals["13.02"].children_matched == 1
    assert totals["13.02"].participants.total == 10
    assert not totals["13.02"].complete
    assert "13" not in totals  # no child of the province has a region-wide figure


def test_a_region_with_its_own_figure_keeps_it_and_keeps_its_childrens_sum_beside_it():
    total = month_total(
        Participants(1000), BaselineValue(5000, 2025, AK), {"13.02": own(40, 400), "13.11": own(50, 500)}, 2
    )

    assert total.reported
    assert total.participants.total == 1000
    assert total.baseline.count == 5000
    assert total.children_participants.total == 90


def test_segments_roll_up_only_when_every_child_has_them():
    both = sum_participants([Participants(10, pu=6, bpu=4), Participants(5, pu=5, bpu=0)])
    one = sum_participants([Participants(10, pu=6, bpu=4), Participants(5)])

    assert (both.pu, both.bpu) == (11, 4)
    assert (one.pu, one.bpu) == (None, None)


def test_a_baseline_from_an_earlier_year_is_carried_forward_and_flagged():
    by_year = {2023: BaselineValue(900, 2023, AK), 2024: BaselineValue(1000, 2024, AK)}

    assert in_force(by_year, 2024) == BaselineValue(1000, 2024, AK)
    assert in_force(by_year, 2026) == BaselineValue(1000, 2024, AK, carried_forward=True)
    assert in_force(by_year, 2022) is None


def test_summed_baselines_of_different_kinds_are_marked_mixed():
    mixed = sum_baselines([BaselineValue(10, 2024, AK), BaselineValue(5, 2024, "penduduk_bekerja")])

    assert mixed.count == 15
    assert mixed.kind == "campuran"
    assert mixed.rolled_up


def test_a_regions_baseline_is_the_sum_of_its_childrens_only_when_every_child_has_one():
    child = {2025: BaselineValue(100, 2025, AK)}

    assert region_baselines({}, [child, child], children_total=2)[2025].count == 200
    assert region_baselines({}, [child], children_total=2) == {}
    assert region_baselines({2025: BaselineValue(999, 2025, AK)}, [child, child], 2)[2025].count == 999


def test_the_primary_baseline_is_the_marked_one_else_the_only_one_else_the_labour_force():
    labour = BaselineRow(AK, 226964)
    non_asn = BaselineRow("angkatan_kerja_non_asn", 200000)
    working = BaselineRow("penduduk_bekerja", 210000)

    assert primary_of([non_asn]) == non_asn
    assert primary_of([non_asn, labour, working]) == labour
    assert primary_of([labour, BaselineRow("angkatan_kerja_non_asn", 200000, primary=True)]).kind == (
        "angkatan_kerja_non_asn"
    )
    assert primary_of([]) is None


def test_a_change_of_basis_splits_into_points_from_enrolment_and_from_the_new_basis():
    september_2024 = MonthTotal(True, Participants(18092), BaselineValue(106590, 2024, AK))
    october_2025 = MonthTotal(True, Participants(18788), BaselineValue(61794, 2025, AK))

    change = denominator_change(september_2024, october_2025)

    assert round_pct(change.points_from_enrolment) == Decimal("0.65")
    assert round_pct(change.points_from_basis) == Decimal("12.78")
    assert denominator_change(september_2024, september_2024) is None


def test_the_forecast_is_the_month_the_gap_closes_at_the_recent_pace_or_none_this_year():
    june = datetime.date(2025, 6, 1)

    assert forecast(1000, Fraction(250), june, 2025).month == datetime.date(2025, 10, 1)
    assert forecast(1000, Fraction(100), june, 2025).month is None
    assert not forecast(1000, Fraction(100), june, 2025).within_year
    assert not forecast(1000, None, june, 2025).within_year
    assert forecast(0, None, june, 2025).already_reached


def test_a_target_is_inherited_from_the_nearest_ancestor_that_has_one():
    targets = {"13": (Decimal("20.00"), "province"), "13.02": (Decimal("25.00"), "kabupaten")}

    own = resolve_target("13.02", 2025, targets)
    from_kabupaten = resolve_target("13.02.04", 2025, targets)
    from_province = resolve_target("13.11.01", 2025, targets)

    assert (own.percentage, own.inherited) == (Decimal("25.00"), False)
    assert (from_kabupaten.percentage, from_kabupaten.inherited, from_kabupaten.set_for) == (
        Decimal("25.00"),
        True,
        "13.02",
    )
    assert (from_province.percentage, from_province.set_for) == (Decimal("20.00"), "13")
    assert resolve_target("12.75", 2025, targets) is None


def test_the_gap_rounds_the_target_up_to_whole_workers_and_never_goes_below_zero():
    # 28,30 % of 106.590 is 30.164,97: the target needs 30.165 workers.
    assert gap_to_target(Decimal("28.30"), 106590, 18092) == 30165 - 18092
    assert gap_to_target(Decimal("10.00"), 1000, 150) == 0


def test_pace_needed_spreads_the_gap_over_the_months_left_until_december():
    assert pace_needed(600, datetime.date(2025, 6, 1)) == 100
    assert pace_needed(601, datetime.date(2025, 6, 1)) == 101
    assert pace_needed(600, datetime.date(2025, 12, 1)) == 600


def test_recent_pace_averages_the_change_over_the_last_months_with_figures():
    series = {
        datetime.date(2025, 1, 1): 100,
        datetime.date(2025, 3, 1): 130,
        datetime.date(2025, 4, 1): 160,
        datetime.date(2025, 5, 1): 190,
        datetime.date(2025, 7, 1): 999,
    }

    assert recent_pace(series, datetime.date(2025, 5, 1), span=3) == Fraction(90, 4)
    assert recent_pace(series, datetime.date(2025, 5, 1), span=2) == Fraction(30)
    assert recent_pace({datetime.date(2025, 5, 1): 190}, datetime.date(2025, 5, 1), span=3) is None


def test_percentages_are_rounded_half_up_to_two_decimals_only_for_display():
    assert round_pct(Fraction(31442 * 100, 226964)) == Decimal("13.85")
    assert round_pct(Fraction(18092 * 100, 106590)) == Decimal("16.97")
    assert round_pct(Fraction(12345, 1000)) == Decimal("12.35")
