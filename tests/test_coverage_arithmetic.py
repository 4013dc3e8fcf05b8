"""The rules of the arithmetic, on plain values (no database)."""

import datetime
from decimal import Decimal
from fractions import Fraction

from regions.coverage import (
    BaselineValue,
    Participants,
    gap_to_target,
    own_baseline,
    pace_needed,
    recent_pace,
    resolve_target,
    roll_up,
    round_pct,
    sum_baselines,
    sum_participants,
)


def test_a_region_without_its_own_figure_sums_its_children_and_counts_them():
    rolled = roll_up({"13.02.04": Participants(10), "13.02.05": Participants(5)}, sum_participants)

    assert rolled["13.02"].value.total == 15
    assert not rolled["13.02"].reported
    assert rolled["13.02"].children_reported == 2


def test_rolling_up_is_recursive_through_levels_without_figures():
    rolled = roll_up({"13.02.04.2001": Participants(7), "13.02.05.2001": Participants(3)}, sum_participants)

    assert rolled["13.02.04"].value.total == 7
    assert rolled["13.02"].value.total == 10
    assert rolled["13.02"].children_reported == 2
    assert rolled["13"].value.total == 10
    assert rolled["13"].children_reported == 1


def test_a_region_with_its_own_figure_keeps_it_even_when_children_reported():
    rolled = roll_up({"13": Participants(1000), "13.02": Participants(40), "13.11": Participants(50)}, sum_participants)

    assert rolled["13"].value.total == 1000
    assert rolled["13"].reported


def test_segments_roll_up_only_when_every_child_has_them():
    both = sum_participants([Participants(10, pu=6, bpu=4), Participants(5, pu=5, bpu=0)])
    one = sum_participants([Participants(10, pu=6, bpu=4), Participants(5)])

    assert (both.pu, both.bpu) == (11, 4)
    assert (one.pu, one.bpu) == (None, None)


def test_a_baseline_from_an_earlier_year_is_carried_forward_and_flagged():
    by_year = {2023: (900, "angkatan_kerja"), 2024: (1000, "angkatan_kerja")}

    assert own_baseline(by_year, 2024) == BaselineValue(1000, 2024, "angkatan_kerja", carried_forward=False)
    assert own_baseline(by_year, 2026) == BaselineValue(1000, 2024, "angkatan_kerja", carried_forward=True)
    assert own_baseline(by_year, 2022) is None


def test_rolled_up_baselines_of_different_kinds_are_marked_mixed():
    mixed = sum_baselines([BaselineValue(10, 2024, "angkatan_kerja"), BaselineValue(5, 2024, "penduduk_bekerja")])

    assert mixed.count == 15
    assert mixed.kind == "campuran"


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


def test_the_baseline_in_force_is_the_latest_at_or_before_the_year_and_says_when_it_is_older():
    from regions.coverage import latest_baseline

    rows = [(2023, BaselineValue(900, 2023, "angkatan_kerja")), (2025, BaselineValue(1000, 2025, "angkatan_kerja"))]

    assert latest_baseline(rows, 2025) == BaselineValue(1000, 2025, "angkatan_kerja")
    assert latest_baseline(rows, 2024) == BaselineValue(900, 2023, "angkatan_kerja", carried_forward=True)
    assert latest_baseline(rows, 2022) is None
