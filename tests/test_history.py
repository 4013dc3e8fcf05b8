"""Every change is recorded, shown per region, and an admin can revert one; the revert is recorded too."""

import pytest

from regions.actions import FigureInput, save_figures
from regions.models import Enrolment, FigureChange
from tests.conftest import grid_data

pytestmark = pytest.mark.django_db


def test_history_shows_old_and_new_values_and_the_user(client_for, officer_solok, official_kabsolok, this_month):
    url = f"/entry/{this_month:%Y-%m}/"
    officer = client_for(officer_solok)
    officer.post(url, grid_data(this_month, {"13.02": {"participants": 30000}}))
    officer.post(url, grid_data(this_month, {"13.02": {"participants": 31000, "note": "laporan revisi"}}))

    page = client_for(official_kabsolok).get("/regions/13.02/history/").content.decode()

    assert "Petugas Cabang Solok" in page
    assert "participants: 30.000" in page
    assert "participants: 31.000" in page
    assert "diubah" in page
    assert f"{this_month:%Y-%m}" in page


def test_a_revert_restores_the_old_value_and_adds_its_own_history_row(client_for, admin_user, this_month):
    save_figures(
        "enrolment",
        this_month,
        [FigureInput("13.02", {"participants": 30000}, confirmed=True)],
        user=admin_user,
        channel="form",
    )
    save_figures(
        "enrolment",
        this_month,
        [FigureInput("13.02", {"participants": 99999}, confirmed=True)],
        user=admin_user,
        channel="form",
    )
    mistake = FigureChange.objects.get(region_id="13.02", period=f"{this_month:%Y-%m}", action="update")

    response = client_for(admin_user).post(f"/history/{mistake.pk}/revert/", {"reason": "salah ketik"})

    assert response.status_code == 302
    assert Enrolment.objects.get(region_id="13.02", month=this_month).participants == 30000
    revert = FigureChange.objects.get(reverts=mistake)
    assert (revert.channel, revert.reason, revert.old["participants"], revert.new["participants"]) == (
        "revert", "salah ketik", 99999, 30000,
    )  # fmt: skip


def test_reverting_a_creation_deletes_the_figure_and_records_the_deletion(client_for, admin_user, this_month):
    save_figures(
        "enrolment", this_month, [FigureInput("13.72", {"participants": 500})], user=admin_user, channel="form"
    )
    created = FigureChange.objects.get(region_id="13.72", kind="enrolment", action="create")

    client_for(admin_user).post(f"/history/{created.pk}/revert/", {"reason": "wilayah salah"})

    assert not Enrolment.objects.filter(region_id="13.72", month=this_month).exists()
    assert FigureChange.objects.get(reverts=created).action == "delete"


def test_a_revert_needs_a_reason(client_for, admin_user, this_month):
    save_figures(
        "enrolment", this_month, [FigureInput("13.72", {"participants": 500})], user=admin_user, channel="form"
    )
    created = FigureChange.objects.get(region_id="13.72", kind="enrolment", action="create")

    client_for(admin_user).post(f"/history/{created.pk}/revert/", {"reason": ""})

    assert Enrolment.objects.filter(region_id="13.72", month=this_month).exists()


def test_the_history_page_follows_the_scope(client_for, official_binjai):
    assert client_for(official_binjai).get("/regions/13.02/history/").status_code == 404
    assert client_for(official_binjai).get("/regions/12.75/history/").status_code == 200


def test_changes_through_the_django_admin_are_recorded_as_admin(client_for, admin_user):
    record = Enrolment.objects.get(region_id="13.11")

    response = client_for(admin_user).post(
        f"/admin/regions/enrolment/{record.pk}/change/",
        {"region": "13.11", "month": "2024-09-01", "participants": "18093", "pu": "11111", "bpu": "5847",
         "jakon": "1135", "pmi": "", "note": "", "provenance": "published", "source": record.source,
         "published_pct": "16.97", "reason": "koreksi"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Enrolment.objects.get(region_id="13.11").participants == 18093
    change = FigureChange.objects.get(region_id="13.11", action="update")
    assert (change.channel, change.user, change.reason) == ("admin", admin_user, "koreksi")


def test_deleting_through_the_django_admin_is_recorded(client_for, admin_user):
    record = Enrolment.objects.get(region_id="12.75")

    client_for(admin_user).post(f"/admin/regions/enrolment/{record.pk}/delete/", {"post": "yes"})

    assert not Enrolment.objects.filter(region_id="12.75").exists()
    deleted = FigureChange.objects.get(region_id="12.75", action="delete")
    assert deleted.old["participants"] == 43833


def test_the_demo_figures_are_in_the_history_from_the_start():
    assert FigureChange.objects.filter(channel="system", action="create").exclude(kind="region").count() == 7
