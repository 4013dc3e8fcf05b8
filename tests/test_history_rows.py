"""Each row of the history names its figure, channel, action and the change it reverts, in the reader's language."""

import re

import pytest

from regions.actions import FigureInput, revert_change, save_figures
from regions.models import FigureChange
from tests.conftest import text_of

pytestmark = pytest.mark.django_db


def test_a_revert_row_names_the_change_it_reverts_and_every_label_is_in_indonesian(client_for, admin_user, this_month):
    for value in (30000, 31000):
        save_figures(
            "enrolment", this_month, [FigureInput("13.02", {"participants": value})], user=None, channel="form"
        )
    changed = FigureChange.objects.filter(region_id="13.02").latest("id")
    revert_change(changed, user=admin_user, reason="salah ketik")

    page = text_of(client_for(admin_user).get("/regions/13.02/history/"))

    assert re.search(rf"diubah \(#{changed.pk}\)", page)
    assert "salah ketik" in page
    assert "sistem" in page  # who saved the first two: nobody signed in
    assert "formulir" in page
    assert "kepesertaan" in page.lower()
