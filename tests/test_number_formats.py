"""Counts and percentages are written exactly as Django's own number format writes them, in each language."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import formats, translation

from regions.coverage import round_pct
from regions.display import format_count, format_pct


@pytest.mark.parametrize("language", ["id", "en"])
def test_counts_match_djangos_number_format(language):
    with translation.override(language):
        for value in (0, 7, 999, 1000, 31442, 226964, 1234567, -9876, 10**12):
            assert format_count(value) == formats.number_format(
                value, decimal_pos=0, use_l10n=True, force_grouping=True
            )


@pytest.mark.parametrize("language", ["id", "en"])
def test_percentages_match_djangos_number_format_with_two_decimals(language):
    with translation.override(language):
        for value in (Fraction(1385, 100), Fraction(1, 3), Decimal("0"), Decimal("1234.565"), Fraction(-5, 3), 100.0):
            expected = formats.number_format(
                round_pct(Fraction(value)), decimal_pos=2, use_l10n=True, force_grouping=True
            )
            assert format_pct(value) == f"{expected} %"


def test_the_published_facts_read_as_an_official_reads_them():
    with translation.override("id"):
        assert (format_count(31442), format_pct(Fraction(31442, 226964) * 100)) == ("31.442", "13,85 %")
    with translation.override("en"):
        assert (format_count(31442), format_pct(Fraction(31442, 226964) * 100)) == ("31,442", "13.85 %")
