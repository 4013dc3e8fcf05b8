"""Reverting an old change is refused when the figure changed again since: that later work is named, not lost."""

import pytest

from regions.actions import FigureInput, RevertRefused, revert_change, save_figures
from regions.models import Enrolment, FigureChange
from tests.conftest import text_of

pytestmark = pytest.mark.django_db


def save(this_month, participants, user):
    save_figures(
        "enrolment", this_month, [FigureInput("13.72", {"participants": participants}, confirmed=True)], user=user,
        channel="form",
    )  # fmt: skip


def test_reverting_the_creation_of_a_figure_changed_since_is_refused(admin_user, officer_solok, this_month):
    save(this_month, 500, officer_solok)
    creation = FigureChange.objects.get(region_id="13.72", kind="enrolment", action="create")
    save(this_month, 520, officer_solok)

    with pytest.raises(RevertRefused) as refused:
        revert_change(creation, user=admin_user, reason="salah wilayah")

    assert [change.new["participants"] for change in refused.value.later] == [520]
    assert Enrolment.objects.get(region_id="13.72", month=this_month).participants == 520


def test_the_latest_change_can_be_reverted_and_then_the_one_before(admin_user, officer_solok, this_month):
    save(this_month, 500, officer_solok)
    save(this_month, 520, officer_solok)
    latest = FigureChange.objects.filter(region_id="13.72", kind="enrolment").latest("id")

    revert_change(latest, user=admin_user, reason="salah ketik")
    creation = FigureChange.objects.get(region_id="13.72", kind="enrolment", action="create")
    revert_change(creation, user=admin_user, reason="salah wilayah")

    assert not Enrolment.objects.filter(region_id="13.72", month=this_month).exists()


def test_the_history_page_says_why_and_names_the_later_change(client_for, admin_user, officer_solok, this_month):
    save(this_month, 500, officer_solok)
    creation = FigureChange.objects.get(region_id="13.72", kind="enrolment", action="create")
    save(this_month, 520, officer_solok)

    response = client_for(admin_user).post(f"/history/{creation.pk}/revert/", {"reason": "salah"}, follow=True)

    page = text_of(response)
    assert "Tidak dibatalkan" in page
    assert "Petugas Cabang Solok" in page
    assert Enrolment.objects.get(region_id="13.72", month=this_month).participants == 520
