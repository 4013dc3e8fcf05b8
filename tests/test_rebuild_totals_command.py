"""`manage.py rebuild_totals` refills the pre-rolled totals from the raw rows (after an upgrade's migration)."""

from io import StringIO

import pytest
from django.core.management import call_command

from regions.models import BaselineTotal, RollupTotal
from tests.test_rollups import assert_totals_match_the_raw_rows

pytestmark = pytest.mark.django_db


def test_emptied_totals_are_rebuilt_equal_to_a_recomputation():
    RollupTotal.objects.all().delete()
    BaselineTotal.objects.all().delete()

    call_command("rebuild_totals", stdout=StringIO())

    assert RollupTotal.objects.filter(region_id="13.02").exists()
    assert_totals_match_the_raw_rows()
