"""Two people edit the same region-month: the second save is refused with the first one's value; nothing is lost."""

import pytest

from regions.models import Enrolment
from tests.conftest import grid_data

pytestmark = pytest.mark.django_db


def test_the_second_save_of_a_row_is_refused_and_shows_who_changed_it(
    client_for, officer_solok, admin_user, this_month
):
    from regions.models import Branch

    url = f"/entry/{this_month:%Y-%m}/"
    solok = Branch.objects.get(name="Cabang Solok").pk
    # Both open the grid while Kab. Solok has no figure: each form carries version 0.
    opened = grid_data(this_month, {"13.02": {"participants": 30000}})
    first = client_for(admin_user).post(f"{url}?branch={solok}", opened)
    assert first.status_code == 302

    second_data = grid_data(
        this_month, {"13.02": {"participants": 35000}, "13.11": {"participants": 19000}}, versions={"13.02": 0}
    )
    second = client_for(officer_solok).post(url, second_data)

    page = second.content.decode()
    assert second.status_code == 200
    assert Enrolment.objects.get(region_id="13.02", month=this_month).participants == 30000
    assert Enrolment.objects.get(region_id="13.11", month=this_month).participants == 19000  # the rest is saved
    assert "Diubah oleh Admin UCJ" in page
    assert "angkanya sekarang 30.000" in page
    assert 'value="35000"' in page  # the officer's entry is still there to re-enter


def test_saving_again_after_seeing_the_conflict_replaces_the_value(client_for, officer_solok, admin_user, this_month):
    from regions.models import Branch

    url = f"/entry/{this_month:%Y-%m}/"
    solok = Branch.objects.get(name="Cabang Solok").pk
    client_for(admin_user).post(f"{url}?branch={solok}", grid_data(this_month, {"13.02": {"participants": 30000}}))
    officer = client_for(officer_solok)
    officer.post(url, grid_data(this_month, {"13.02": {"participants": 35000}}, versions={"13.02": 0}))

    # The re-rendered form now carries the current version: a deliberate second save goes through.
    officer.post(url, grid_data(this_month, {"13.02": {"participants": 35000}}))

    record = Enrolment.objects.get(region_id="13.02", month=this_month)
    assert (record.participants, record.version) == (35000, 2)


def test_an_unchanged_row_is_not_a_conflict_and_writes_no_history(client_for, officer_solok, this_month):
    from regions.models import FigureChange

    url = f"/entry/{this_month:%Y-%m}/"
    client = client_for(officer_solok)
    client.post(url, grid_data(this_month, {"13.02": {"participants": 30000}}))
    changes = FigureChange.objects.count()

    client.post(url, grid_data(this_month, {"13.02": {"participants": "30.000"}}))

    assert FigureChange.objects.count() == changes
