"""Upload, preview, confirm, import twice, undo: the admin's web flow and the command line."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from regions.models import Enrolment, FigureChange, Target
from tests.conftest import run_worker_tasks
from tests.spreadsheets import enrolment, xlsx
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db

FILE = [["13.02", "", "2025-07", 32000], ["13.11", "", "2024-09", 18100], ["13.02", "", "2025-06", 31442]]


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def upload(client, content: bytes, name: str = "cabang-solok.xlsx") -> ImportBatch:
    response = client.post("/imports/", {"file": SimpleUploadedFile(name, content)})
    run_worker_tasks()
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("id")


def test_the_preview_lists_every_row_new_changed_unchanged_and_writes_nothing(admin_client):
    batch = upload(admin_client, enrolment(*FILE))

    page = admin_client.get(f"/imports/{batch.pk}/").content.decode()

    assert batch.counts == {"new": 1, "changed": 1, "unchanged": 1, "rejected": 0}
    assert "18.092 → 18.100" in page
    assert not Enrolment.objects.filter(region_id="13.02", month="2025-07-01").exists()


def test_the_preview_counts_equal_what_a_confirm_writes(admin_client):
    batch = upload(admin_client, enrolment(*FILE))
    expected = dict(batch.counts)

    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    batch.refresh_from_db()
    assert batch.status == "applied"
    assert (batch.counts["created"], batch.counts["updated"]) == (expected["new"], expected["changed"])
    assert FigureChange.objects.filter(batch=batch.uid).count() == expected["new"] + expected["changed"]
    assert Enrolment.objects.get(region_id="13.11").participants == 18100
    change = FigureChange.objects.get(batch=batch.uid, region_id="13.11")
    assert (change.channel, change.user.username) == ("import", "admin")


def test_only_the_valid_rows_is_an_explicit_choice(admin_client):
    batch = upload(admin_client, enrolment(["13.02", "", "2025-07", 32000], ["Solok", "", "2025-07", 1]))

    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    assert not Enrolment.objects.filter(month="2025-07-01").exists()

    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "valid"})
    run_worker_tasks()
    assert Enrolment.objects.get(month="2025-07-01").region_id == "13.02"


def test_the_same_file_twice_changes_nothing_and_says_so(admin_client):
    content = enrolment(*FILE)
    first = upload(admin_client, content)
    admin_client.post(f"/imports/{first.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    changes = FigureChange.objects.count()

    second = upload(admin_client, content)
    page = admin_client.get(f"/imports/{second.pk}/").content.decode()

    assert second.counts["new"] == second.counts["changed"] == 0
    assert "Tidak ada perubahan" in page
    assert "sudah diimpor" in page
    admin_client.post(f"/imports/{second.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    assert FigureChange.objects.count() == changes


def test_undo_restores_the_exact_previous_values_and_removes_new_rows(admin_client):
    before = figures_except_version()
    batch = upload(admin_client, enrolment(*FILE))
    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    assert figures_except_version() != before

    admin_client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()

    batch.refresh_from_db()
    assert batch.status == "undone"
    assert figures_except_version() == before
    assert not Enrolment.objects.filter(month="2025-07-01").exists()
    assert FigureChange.objects.filter(channel="revert", action="delete", region_id="13.02").exists()


def figures_except_version() -> dict:
    """Every figure's values, provenance and source included; only the version counter may differ."""
    return {
        (row.pop("region_id"), row.pop("month")): row
        for row in Enrolment.objects.values(*[f.attname for f in Enrolment._meta.concrete_fields])
        if row.pop("id") and row.pop("version") is not None
    }


def test_undo_is_refused_when_a_figure_changed_after_the_import(admin_client, officer_solok):
    from regions.actions import FigureInput, save_figures

    batch = upload(admin_client, enrolment(*FILE))
    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    save_figures(
        "enrolment",
        Enrolment.objects.get(region_id="13.11").month,
        [FigureInput("13.11", {"participants": 18200})],
        user=officer_solok,
        channel="form",
    )

    admin_client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()

    batch.refresh_from_db()
    assert batch.status == "applied"
    assert Enrolment.objects.get(region_id="13.11").participants == 18200


def test_past_imports_list_who_when_file_checksum_and_counts(admin_client):
    content = enrolment(*FILE)
    batch = upload(admin_client, content)
    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    page = admin_client.get("/imports/").content.decode()

    import hashlib

    assert "cabang-solok.xlsx" in page
    assert hashlib.sha256(content).hexdigest() in page
    assert "admin" in page


def test_imports_are_for_admins_only(client_for, officer_solok, official_kabsolok):
    content = enrolment(*FILE)
    for user in (officer_solok, official_kabsolok):
        response = client_for(user).post("/imports/", {"file": SimpleUploadedFile("x.xlsx", content)})
        run_worker_tasks()
        assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_a_targets_import_is_undone_too(admin_client):
    content = xlsx(
        {"target": [["kode_wilayah", "tahun", "target_persen", "dasar_hukum"], ["13.11", 2025, "30", "baru"]]}
    )
    batch = upload(admin_client, content)
    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()
    assert str(Target.objects.get(region_id="13.11").percentage) == "30.00"

    admin_client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()

    restored = Target.objects.get(region_id="13.11")
    assert (str(restored.percentage), restored.legal_basis.startswith("Target UCJ 2025")) == ("28.30", True)


def run_cli(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_xlsx", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_the_command_line_exit_codes(tmp_path):
    good, bad, broken = tmp_path / "good.xlsx", tmp_path / "bad.xlsx", tmp_path / "broken.xlsx"
    good.write_bytes(enrolment(*FILE))
    bad.write_bytes(enrolment(["13.02", "", "2025-07", "x"], ["13.72", "", "2025-07", 10]))
    broken.write_bytes(b"not a workbook")

    assert run_cli(good, "--dry-run")[0] == 0
    assert not Enrolment.objects.filter(month="2025-07-01").exists()
    code, output = run_cli(bad)
    assert code == 1
    assert "kepesertaan!2" in output
    assert not Enrolment.objects.filter(month="2025-07-01").exists()
    assert run_cli(broken)[0] == 2
    assert run_cli(tmp_path / "missing.xlsx")[0] == 2
    code, output = run_cli(good, "--user", "admin")
    assert code == 0
    assert Enrolment.objects.get(region_id="13.02", month="2025-07-01").participants == 32000
    assert "Tidak ada perubahan" in run_cli(good)[1]


def test_the_command_line_respects_the_users_scope(tmp_path):
    path = tmp_path / "solok.xlsx"
    path.write_bytes(enrolment(["13.02", "", "2025-07", 100]))

    code, output = run_cli(path, "--user", "petugas.binjai")

    assert code == 1
    assert "di luar wilayah" in output
    assert not Enrolment.objects.filter(month="2025-07-01").exists()
    assert run_cli(path, "--user", "nobody")[0] == 2
