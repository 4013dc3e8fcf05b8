"""The monthly entry grid: rows, saving, and each validation rule."""

import re

import pytest
from django.test.utils import override_settings

from regions.models import Enrolment, FigureChange
from regions.months import add_months
from tests.conftest import grid_data

pytestmark = pytest.mark.django_db


def url(month, query: str = "") -> str:
    return f"/entry/{month:%Y-%m}/" + (f"?{query}" if query else "")


def figure(code, month):
    return Enrolment.objects.filter(region_id=code, month=month).first()


def set_previous(code, month, participants):
    from regions.actions import FigureInput, save_figures

    save_figures(
        "enrolment",
        add_months(month, -1),
        [FigureInput(code, {"participants": participants}, confirmed=True)],
        user=None,
        channel="system",
    )


def test_the_grid_lists_the_branchs_regions_with_baseline_and_last_month(client_for, officer_solok, this_month):
    set_previous("13.02", this_month, 31442)

    page = client_for(officer_solok).get(url(this_month)).content.decode()

    for code in ("13.02", "13.11", "13.72"):
        assert f'id="row-{code}"' in page
    assert "226.964" in page  # Kab. Solok's baseline, carried forward
    assert "31.442" in page  # last month


def test_a_link_opens_the_grid_for_a_regions_kecamatan(client_for, officer_solok, this_month):
    page = client_for(officer_solok).get(url(this_month, "region=13.02")).content.decode()

    assert page.count('id="row-13.02.') == 14


def test_one_save_writes_the_whole_grid_and_records_who_entered_it(client_for, officer_solok, this_month):
    data = grid_data(
        this_month,
        {
            "13.02": {"participants": "32.000"},
            "13.11": {"participants": "19000", "pu": 12000, "bpu": 5865, "jakon": 1135, "pmi": 0},
        },
    )

    response = client_for(officer_solok).post(url(this_month), data)

    assert response.status_code == 302
    assert figure("13.02", this_month).participants == 32000
    assert (figure("13.11", this_month).pu, figure("13.11", this_month).pmi) == (12000, 0)
    changes = FigureChange.objects.filter(period=f"{this_month:%Y-%m}", kind="enrolment")
    assert {c.region_id for c in changes} == {"13.02", "13.11"}
    assert {(c.user.username, c.channel, c.action) for c in changes} == {("petugas.solok", "form", "create")}


def test_blank_rows_leave_their_region_alone(client_for, officer_solok, this_month):
    client_for(officer_solok).post(
        url(this_month), grid_data(this_month, {"13.02": {"participants": "100"}, "13.72": {"participants": ""}})
    )

    assert figure("13.72", this_month) is None


def test_segments_that_do_not_add_up_are_refused_next_to_the_field(client_for, officer_solok, this_month):
    data = grid_data(this_month, {"13.11": {"participants": "100", "pu": 10, "bpu": 10, "jakon": 10, "pmi": 10}})

    response = client_for(officer_solok).post(url(this_month), data)

    assert response.status_code == 200
    assert "PU + BPU + Jakon + PMI adalah 40" in response.content.decode()
    assert figure("13.11", this_month) is None


def test_text_and_negative_numbers_are_refused_beside_their_rows_and_the_valid_row_is_saved(
    client_for, officer_solok, this_month
):
    data = grid_data(
        this_month,
        {"13.02": {"participants": "banyak"}, "13.11": {"participants": "-3"}, "13.72": {"participants": "50"}},
    )

    page = re.sub(r"\s+", " ", client_for(officer_solok).post(url(this_month), data).content.decode())

    assert "bukan bilangan bulat" in page
    assert "tidak boleh negatif" in page
    assert list(Enrolment.objects.filter(month=this_month).values_list("region_id", flat=True)) == ["13.72"]
    assert "1 angka disimpan" in page
    assert "2 baris perlu perhatian" in page
    assert 'value="banyak"' in page  # what was typed is kept


def test_participants_above_the_baseline_are_refused(client_for, officer_solok, this_month):
    page = (
        client_for(officer_solok)
        .post(url(this_month), grid_data(this_month, {"13.02": {"participants": "226965"}}))
        .content.decode()
    )

    assert "lebih besar dari basis 226.964" in page
    assert figure("13.02", this_month) is None


def test_a_month_in_the_future_is_refused(client_for, officer_solok, this_month):
    next_month = add_months(this_month, 1)

    get = client_for(officer_solok).get(url(next_month))
    post = client_for(officer_solok).post(url(next_month), grid_data(next_month, {"13.02": {"participants": "1"}}))

    assert get.status_code == post.status_code == 400
    assert figure("13.02", next_month) is None


@pytest.mark.parametrize(("participants", "saved"), [(12000, True), (8000, True), (12001, False), (7999, False)])
def test_a_change_beyond_20_percent_needs_a_confirmation(client_for, officer_solok, this_month, participants, saved):
    set_previous("13.02", this_month, 10000)

    response = client_for(officer_solok).post(
        url(this_month), grid_data(this_month, {"13.02": {"participants": participants}})
    )

    assert (figure("13.02", this_month) is not None) is saved
    if not saved:
        assert "konfirmasi" in response.content.decode()


def test_a_confirmed_large_change_with_a_reason_is_saved_and_the_reason_recorded(client_for, officer_solok, this_month):
    set_previous("13.02", this_month, 10000)
    data = grid_data(
        this_month, {"13.02": {"participants": 15000, "confirm": True, "reason": "pendaftaran massal nagari"}}
    )

    client_for(officer_solok).post(url(this_month), data)

    assert figure("13.02", this_month).participants == 15000
    assert (
        "pendaftaran massal nagari" in FigureChange.objects.get(region_id="13.02", period=f"{this_month:%Y-%m}").reason
    )


def test_a_tick_without_a_reason_is_not_enough(client_for, officer_solok, this_month):
    set_previous("13.02", this_month, 10000)

    client_for(officer_solok).post(
        url(this_month), grid_data(this_month, {"13.02": {"participants": 15000, "confirm": True}})
    )

    assert figure("13.02", this_month) is None


@override_settings(UCJ_CHANGE_CONFIRM_PCT=50)
def test_the_threshold_is_a_setting(client_for, officer_solok, this_month):
    set_previous("13.02", this_month, 10000)

    client_for(officer_solok).post(url(this_month), grid_data(this_month, {"13.02": {"participants": 15000}}))

    assert figure("13.02", this_month).participants == 15000


def test_the_lock_leaves_the_last_three_months_open_and_closes_the_fourth(client_for, officer_solok, this_month):
    client = client_for(officer_solok)
    open_month, locked_month = add_months(this_month, -3), add_months(this_month, -4)

    # Close to Kab. Solok's latest figure (31.442), so no confirmation is needed.
    client.post(url(open_month), grid_data(open_month, {"13.02": {"participants": 31500}}))
    refused = client.post(url(locked_month), grid_data(locked_month, {"13.02": {"participants": 31500}}))
    shown = client.get(url(locked_month)).content.decode()

    assert figure("13.02", open_month).participants == 31500
    assert refused.status_code == 403
    assert figure("13.02", locked_month) is None
    assert "dikunci" in shown
    assert "disabled" in shown


def test_an_admin_changes_a_locked_month_only_with_a_reason_which_is_recorded(client_for, admin_user, this_month):
    locked_month = add_months(this_month, -12)
    client = client_for(admin_user)
    branch = admin_user  # noqa: F841  (the admin's grid defaults to the first branch, Cabang Binjai)
    from regions.models import Branch

    solok = Branch.objects.get(name="Cabang Solok").pk
    without = client.post(
        url(locked_month, f"branch={solok}"), grid_data(locked_month, {"13.02": {"participants": 31500}})
    )
    assert figure("13.02", locked_month) is None
    assert "alasan" in without.content.decode()

    client.post(
        url(locked_month, f"branch={solok}"),
        grid_data(locked_month, {"13.02": {"participants": 31500}}, reason="koreksi laporan cabang"),
    )

    assert figure("13.02", locked_month).participants == 31500
    change = FigureChange.objects.get(region_id="13.02", period=f"{locked_month:%Y-%m}")
    assert (change.user.username, change.reason) == ("admin", "koreksi laporan cabang")


def test_an_admin_picks_any_branch(client_for, admin_user, this_month):
    from regions.models import Branch

    binjai = Branch.objects.get(name="Cabang Binjai").pk
    page = client_for(admin_user).get(url(this_month, f"branch={binjai}")).content.decode()

    assert 'id="row-12.75"' in page
    assert 'id="row-13.02"' not in page
