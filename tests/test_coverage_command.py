"""`manage.py coverage CODE [--month YYYY-MM] [--json]`."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

REGION_KEYS = {
    "code", "name", "kind", "month", "participants", "baseline", "baseline_year", "baseline_kind",
    "baseline_carried_forward", "coverage_pct", "target_pct", "target_inherited", "gap_to_target",
    "uncovered", "reported", "children_reported", "children_total",
}  # fmt: skip


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("coverage", *args, stdout=out)
    return out.getvalue()


def test_json_gives_the_region_and_its_children_in_the_documented_shape():
    data = json.loads(run("13.02", "--month", "2025-06", "--json"))

    assert set(data) >= REGION_KEYS
    assert data["participants"] == 31442
    assert data["baseline"] == 226964
    assert data["baseline_year"] == 2025
    assert data["coverage_pct"] == 13.85  # rounded half up to two decimals, as every channel shows it
    assert data["month"] == "2025-06"
    assert data["children_total"] == len(data["children"]) == 14
    for child in data["children"]:
        assert set(child) >= REGION_KEYS
        assert "children" not in child


def test_json_marks_a_carried_figure_on_its_own_years_baseline_and_inherited_targets():
    data = json.loads(run("13.11", "--month", "2025-03", "--json"))

    assert (data["figure_month"], data["figure_carried_forward"]) == ("2024-09", True)
    assert (data["baseline_year"], data["baseline_carried_forward"]) == (2024, False)
    assert data["coverage_pct"] == 16.97
    assert data["gap_is_estimate"] is True
    assert data["target_pct"] == 28.3
    assert data["target_inherited"] is False
    assert all(child["target_inherited"] for child in data["children"])


def test_json_rolls_up_the_province_with_n_of_m_reported():
    data = json.loads(run("13", "--month", "2025-06", "--json"))

    assert data["reported"] is False
    assert (data["children_reported"], data["children_total"]) == (1, 19)


def test_text_shows_indonesian_numbers_and_the_month_name():
    text = run("13.02", "--month", "2025-06")

    assert "Juni 2025" in text
    assert "31.442" in text
    assert "13,85 %" in text


def test_without_a_month_the_latest_month_with_figures_is_used():
    assert json.loads(run("12.75", "--json"))["month"] == "2024-10"


def test_an_unknown_code_exits_with_code_2_and_a_message():
    with pytest.raises(CommandError, match=r"99\.99") as error:
        run("99.99")
    assert error.value.returncode == 2


@pytest.mark.parametrize("month", ["2025-13", "June 2025", "2025/06", "25-06"])
def test_a_malformed_month_exits_with_code_2_and_a_message(month):
    with pytest.raises(CommandError, match="TTTT-BB") as error:
        run("13.02", "--month", month)
    assert error.value.returncode == 2


def test_a_region_without_any_figures_needs_a_month():
    with pytest.raises(CommandError, match="--month") as error:
        run("13.72")
    assert error.value.returncode == 2
