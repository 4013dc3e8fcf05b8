"""A figure's rules give the same answer on every channel: grid, import, admin and the actions themselves."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from regions.actions import FigureInput, FigureRulesBroken, save_figures
from regions.models import Enrolment, FigureChange
from regions.months import parse_month
from tests.conftest import grid_data, run_worker_tasks, set_figure, text_of
from tests.spreadsheets import enrolment
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db

# Kab. Solok: baseline 226.964 (2025); latest figure 31.442 (June 2025).
ABOVE_BASELINE = 300000


def upload(client, content: bytes) -> ImportBatch:
    client.post("/imports/", {"file": SimpleUploadedFile("uji.xlsx", content)})
    run_worker_tasks()
    return ImportBatch.objects.latest("id")


def reasons(batch: ImportBatch) -> str:
    return " ".join(reason for row in batch.rows.all() for reason in row.data["reasons"])


def test_a_figure_above_the_baseline_is_refused_by_the_actions_the_grid_the_import_and_the_admin(
    client_for, admin_user, officer_solok, this_month
):
    july = parse_month("2025-07")
    with pytest.raises(FigureRulesBroken, match=r"226\.964"):
        save_figures(
            "enrolment", july, [FigureInput("13.02", {"participants": ABOVE_BASELINE})], user=None, channel="api"
        )

    client = client_for(admin_user)
    grid = text_of(
        client_for(officer_solok).post(
            f"/entry/{this_month:%Y-%m}/", grid_data(this_month, {"13.02": {"participants": ABOVE_BASELINE}})
        )
    )
    batch = upload(client, enrolment(["13.02", "", "2025-07", ABOVE_BASELINE]))
    admin_page = text_of(
        client.post(
            "/admin/regions/enrolment/add/",
            {
                "region": "13.02",
                "month": "2025-07-01",
                "participants": str(ABOVE_BASELINE),
                "provenance": "entered",
                "confirm": "on",
                "reason": "uji",
            },
        )
    )

    message = "300.000 lebih besar dari basis 226.964 pekerja"
    assert message in grid
    assert batch.counts["rejected"] == 1
    assert message in reasons(batch)
    assert message in admin_page
    assert not Enrolment.objects.filter(region_id="13.02", month__gt="2025-06-01").exists()


def test_segments_over_the_total_with_one_blank_are_refused_everywhere(
    client_for, admin_user, officer_solok, this_month
):
    segments = {"participants": 100, "pu": 80, "bpu": 30}  # jakon and pmi blank: 110 > 100
    with pytest.raises(FigureRulesBroken, match="110"):
        save_figures("enrolment", this_month, [FigureInput("13.72", segments)], user=None, channel="api")
    client = client_for(admin_user)
    grid = text_of(
        client_for(officer_solok).post(f"/entry/{this_month:%Y-%m}/", grid_data(this_month, {"13.72": segments}))
    )
    headers = ["kode_wilayah", "wilayah", "periode", "peserta_aktif", "pu", "bpu"]
    batch = upload(client, enrolment(["13.72", "", "2025-07", 100, 80, 30], headers=headers))

    assert "berjumlah 110, lebih dari peserta aktif (100)" in grid
    assert "berjumlah 110, lebih dari peserta aktif (100)" in reasons(batch)
    assert batch.counts["rejected"] == 1


def test_a_reimport_of_a_changed_total_with_blank_segments_clears_the_old_segments(client_for, admin_user):
    client = client_for(admin_user)
    # Solok Selatan, September 2024: 18.092 with PU/BPU/Jakon. A corrected total arrives without segments.
    batch = upload(client, enrolment(["13.11", "", "2024-09", 18100]))
    client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    figure = Enrolment.objects.get(region_id="13.11", month="2024-09-01")
    assert figure.participants == 18100
    assert (figure.pu, figure.bpu, figure.jakon, figure.pmi) == (None, None, None, None)
    change = FigureChange.objects.get(region_id="13.11", channel="import")
    assert change.old["pu"] == 11110  # the old segments are kept in the history


def test_a_slipped_zero_needs_confirmation_even_when_the_month_before_is_empty(client_for, officer_solok, this_month):
    # Kab. Solok's latest figure is June 2025; the months since are empty. A zero is -100 % against it.
    response = client_for(officer_solok).post(
        f"/entry/{this_month:%Y-%m}/", grid_data(this_month, {"13.02": {"participants": 0}})
    )

    assert "-100,00 % dibanding angka Juni 2025" in text_of(response)
    assert not Enrolment.objects.filter(region_id="13.02", month=this_month).exists()


def test_an_import_flags_a_large_change_and_writes_it_only_when_confirmed_with_a_reason(client_for, admin_user):
    client = client_for(admin_user)
    batch = upload(client, enrolment(["13.02", "", "2025-07", 50000]))  # +59 % against June 2025
    preview = text_of(client.get(f"/imports/{batch.pk}/"))

    assert batch.counts == {"new": 1, "changed": 0, "unchanged": 0, "rejected": 0}
    assert "Saya mengonfirmasi perubahan ini" in preview
    assert "+59,02 % dibanding angka Juni 2025" in preview

    refused = text_of(client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"}, follow=True))
    assert "centang" in refused
    assert not Enrolment.objects.filter(region_id="13.02", month="2025-07-01").exists()

    client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all", "confirm": "1", "confirmation": "rekap cabang baru"})
    run_worker_tasks()
    assert Enrolment.objects.get(region_id="13.02", month="2025-07-01").participants == 50000
    assert "rekap cabang baru" in FigureChange.objects.get(region_id="13.02", period="2025-07").reason


def test_the_admin_asks_for_the_same_confirmation(client_for, admin_user):
    client = client_for(admin_user)
    data = {"region": "13.02", "month": "2025-07-01", "participants": "50000", "provenance": "entered"}

    unconfirmed = text_of(client.post("/admin/regions/enrolment/add/", data))
    client.post("/admin/regions/enrolment/add/", {**data, "confirm": "on", "reason": "rekap baru"})

    assert "+59,02 % dibanding angka Juni 2025" in unconfirmed
    assert Enrolment.objects.get(region_id="13.02", month="2025-07-01").participants == 50000


def test_the_latest_earlier_figure_is_compared_not_only_last_month(this_month):
    set_figure("13.72", "2025-01", 1000)

    with pytest.raises(FigureRulesBroken, match="Januari 2025"):
        save_figures(
            "enrolment",
            parse_month("2025-05"),
            [FigureInput("13.72", {"participants": 1500})],
            user=None,
            channel="api",
        )
