"""generate_synthetic: national-scale synthetic figures, marked as such, with published facts kept."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regions.models import Baseline, Enrolment, RollupTotal, Target
from tests.test_rollups import assert_totals_match_the_raw_rows

pytestmark = pytest.mark.django_db

SMALL_TREE = Path(__file__).parent / "fixtures_data" / "wilayah-kecil.csv"


def test_synthetic_figures_are_marked_and_rolled_up_and_published_facts_stay():
    out = StringIO()

    call_command("generate_synthetic", str(SMALL_TREE), "--months", "3", "--village-months", "2", stdout=out)

    synthetic = Enrolment.objects.filter(source__startswith="SINTETIS")
    assert synthetic.filter(region__kind__in=["kabupaten", "kota"]).values("month").distinct().count() == 3
    assert synthetic.filter(region__kind__in=["nagari", "kelurahan"]).values("month").distinct().count() == 2
    assert Baseline.objects.filter(source__startswith="SINTETIS").exists()
    assert Target.objects.filter(legal_basis__startswith="SINTETIS").exists()
    assert Enrolment.objects.get(region_id="13.02", month="2025-06-01").participants == 31442
    assert RollupTotal.objects.filter(region_id="ID").exists()
    assert "done" in out.getvalue()
    assert_totals_match_the_raw_rows()


def test_every_synthetic_figure_adds_up():
    call_command("generate_synthetic", str(SMALL_TREE), "--months", "2", "--village-months", "1", stdout=StringIO())

    for row in Enrolment.objects.filter(source__startswith="SINTETIS"):
        assert row.pu + row.bpu + row.jakon + row.pmi == row.participants


def test_a_missing_region_list_is_explained():
    with pytest.raises(CommandError, match="No region list") as error:
        call_command("generate_synthetic", "/nonexistent.csv", stdout=StringIO())
    assert error.value.returncode == 2
