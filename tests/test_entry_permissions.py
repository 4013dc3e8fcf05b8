"""Officers write only for their branch's regions; officials never write."""

import pytest

from regions.models import Baseline, Enrolment, FigureChange, Target
from tests.conftest import grid_data

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Enrolment.objects.values_list()),
        list(Baseline.objects.values_list()),
        list(Target.objects.values_list()),
        FigureChange.objects.count(),
    )


def test_an_officer_posting_a_figure_for_another_branchs_region_gets_403_and_nothing_is_written(
    client_for, officer_binjai, this_month
):
    before = snapshot()
    client = client_for(officer_binjai)
    url = f"/entry/{this_month:%Y-%m}/"

    own_grid = client.post(url, grid_data(this_month, {"13.02": {"participants": 1000}, "12.75": {"participants": 5}}))
    their_grid = client.post(url + "?region=13.02", grid_data(this_month, {"13.02.10": {"participants": 5}}))

    assert own_grid.status_code == 403
    assert their_grid.status_code == 403
    assert snapshot() == before


def test_an_official_may_not_open_or_post_the_entry_grid(client_for, official_kabsolok, this_month):
    before = snapshot()
    client = client_for(official_kabsolok)
    url = f"/entry/{this_month:%Y-%m}/"

    assert client.get("/entry/").status_code == 403
    assert client.get(url).status_code == 403
    assert client.post(url, grid_data(this_month, {"13.02": {"participants": 1000}})).status_code == 403
    assert client.get("/entry/completeness/").status_code == 403
    assert snapshot() == before


def test_an_official_may_not_set_baselines_or_targets_or_revert(client_for, official_kabsolok):
    before = snapshot()
    client = client_for(official_kabsolok)
    change = FigureChange.objects.filter(region_id="13.02").first()

    assert client.post("/regions/13.02/figures/", {"action": "target", "target-year": 2025}).status_code == 403
    assert client.post(f"/history/{change.pk}/revert/", {"reason": "x"}).status_code == 403
    assert snapshot() == before


def test_an_officer_may_not_set_baselines_or_targets(client_for, officer_solok):
    before = snapshot()
    data = {"action": "target", "target-year": "2026", "target-percentage": "30", "target-legal_basis": "x"}

    assert client_for(officer_solok).post("/regions/13.02/figures/", data).status_code == 403
    assert snapshot() == before


def test_anonymous_users_are_sent_to_sign_in_and_write_nothing(client, this_month):
    before = snapshot()

    response = client.post(f"/entry/{this_month:%Y-%m}/", grid_data(this_month, {"13.02": {"participants": 1}}))

    assert response.status_code == 302
    assert snapshot() == before
