"""Admins set baselines and targets with the same rules and the same history."""

from decimal import Decimal

import pytest

from regions.models import Baseline, FigureChange, Target

pytestmark = pytest.mark.django_db


def post(client, **fields):
    return client.post("/regions/13.02/figures/", fields)


def test_an_admin_sets_a_target_written_the_indonesian_way(client_for, admin_user):
    response = post(
        client_for(admin_user), action="target", **{"target-year": "2026", "target-percentage": "25,50 %",
        "target-legal_basis": "Perbup Solok 2026", "target-reason": "target baru"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Target.objects.get(region_id="13.02", year=2026).percentage == Decimal("25.50")
    change = FigureChange.objects.get(kind="target", region_id="13.02")
    assert (change.action, change.channel, change.reason) == ("create", "form", "target baru")


def test_a_target_above_100_percent_is_refused_with_a_message(client_for, admin_user):
    response = post(
        client_for(admin_user), action="target", **{"target-year": "2026", "target-percentage": "120",
        "target-legal_basis": "x"},
    )  # fmt: skip

    assert response.status_code == 200
    assert "antara 0 dan 100" in response.content.decode()
    assert not Target.objects.filter(region_id="13.02", year=2026).exists()


def test_an_admin_changes_a_baseline_and_the_old_value_is_kept(client_for, admin_user):
    fields = {
        "baseline-year": "2025",
        "baseline-kind": "angkatan_kerja",
        "baseline-count": "227.000",
        "baseline-source": "BPS Sakernas Agustus 2025",
        "baseline-reason": "data BPS baru",
    }
    post(client_for(admin_user), action="baseline", **fields)

    assert Baseline.objects.get(region_id="13.02", year=2025).count == 227000
    change = FigureChange.objects.get(kind="baseline", region_id="13.02", action="update")
    assert (change.old["count"], change.new["count"]) == (226964, 227000)


def test_a_baseline_that_is_not_a_whole_number_is_refused(client_for, admin_user):
    response = post(
        client_for(admin_user), action="baseline", **{"baseline-year": "2026", "baseline-kind": "angkatan_kerja",
        "baseline-count": "12,5", "baseline-source": "x"},
    )  # fmt: skip

    assert "bukan bilangan bulat" in response.content.decode()
    assert not Baseline.objects.filter(region_id="13.02", year=2026).exists()


def test_deleting_a_target_needs_a_reason_and_is_recorded(client_for, admin_user):
    client = client_for(admin_user)

    client.post("/regions/13.11/figures/", {"action": "delete-target", "year": "2025", "reason": ""})
    assert Target.objects.filter(region_id="13.11", year=2025).exists()

    client.post("/regions/13.11/figures/", {"action": "delete-target", "year": "2025", "reason": "target dicabut"})
    assert not Target.objects.filter(region_id="13.11", year=2025).exists()
    assert FigureChange.objects.get(kind="target", action="delete").old["percentage"] == "28.30"
