"""The program, peserta_program and rapat sheets go through the same preview, all-or-nothing and undo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programs.models import Activity, FundingProgram, Meeting, Participation
from tests.conftest import run_worker_tasks
from tests.spreadsheets import xlsx
from ucj.models import ImportBatch
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db

PROGRAM = [
    [
        "nama_program",
        "sumber_dana",
        "kode_wilayah",
        "tahun",
        "program_bpjs",
        "kelompok_sasaran",
        "anggaran",
        "pekerja_didanai",
        "sumber",
    ],
    [
        "Perlindungan Nelayan Kota Solok",
        "APBD",
        "13.72",
        2025,
        "JKK, JKM",
        "nelayan",
        "Rp 20.160.000",
        "100",
        "Perwako 2025",
    ],
]
PARTICIPATION = [
    ["nama_program", "tahun", "kode_wilayah", "pekerja_didanai", "sumber"],
    ["Perlindungan Nelayan Kota Solok", 2025, "13.72.01.1001", 40, "Perwako 2025"],
    [
        "Perlindungan BPJS Ketenagakerjaan bagi Pekerja Rentan Tingkat Nagari",
        2025,
        "13.02.03.2001",
        100,
        "SK Wali Nagari",
    ],
]
MEETING = [
    [
        "jenis",
        "judul",
        "tanggal",
        "tempat",
        "kode_wilayah",
        "pimpinan",
        "peserta_rapat",
        "angka_disampaikan",
        "catatan",
    ],
    [
        "Monev",
        "Monev UCJ Kota Solok Triwulan III",
        "6 Oktober 2025",
        "Balai Kota",
        "13.72, 13.02",
        "Ramadhani Kirana Putra",
        "Ramadhani Kirana Putra (Wali Kota Solok, Pemko Solok); Maulana (Kepala Cabang, BPJS Ketenagakerjaan)",
        "",
        "uji",
    ],
]


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def upload(client, content):
    response = client.post("/imports/", {"file": SimpleUploadedFile("program.xlsx", content)})
    run_worker_tasks()
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.latest("id")


def test_the_sheets_are_planned_with_english_names_too():
    content = xlsx({"Programs": PROGRAM, "Program participation": PARTICIPATION, "Meetings": MEETING})

    plan = plan_import(content, "x.xlsx", None)

    assert [(row.kind, row.status) for row in plan.rows] == [
        ("program", "new"),
        ("participation", "new"),
        ("participation", "new"),
        ("meeting", "new"),
    ]
    program = plan.rows[0]
    assert (program.values["budget_rupiah"], program.values["bpjs_programs"], program.values["funding_source"]) == (
        20160000,
        ["JKK", "JKM"],
        "apbd",
    )


def test_confirming_writes_programs_participation_and_meetings_and_undo_removes_them(admin_client):
    batch = upload(admin_client, xlsx({"program": PROGRAM, "peserta_program": PARTICIPATION, "rapat": MEETING}))

    admin_client.post(f"/imports/{batch.pk}/confirm/", {"mode": "all"})
    run_worker_tasks()

    program = FundingProgram.objects.get(name="Perlindungan Nelayan Kota Solok")
    meeting = Meeting.objects.get(title="Monev UCJ Kota Solok Triwulan III")
    assert program.participations.get().workers_funded == 40
    assert Participation.objects.filter(region_id="13.02.03.2001").exists()
    assert sorted(meeting.regions.values_list("code", flat=True)) == ["13.02", "13.72"]
    assert meeting.attendances.get(is_chair=True).named_as == "Ramadhani Kirana Putra"
    maulana = meeting.attendances.get(named_as="Maulana").person
    assert maulana.name == "Maulana Anshari Siregar"
    assert Activity.objects.filter(batch=batch.uid).count() == 4

    admin_client.post(f"/imports/{batch.pk}/undo/")
    run_worker_tasks()

    assert not FundingProgram.objects.filter(name="Perlindungan Nelayan Kota Solok").exists()
    assert not Meeting.objects.filter(title="Monev UCJ Kota Solok Triwulan III").exists()
    assert not Participation.objects.filter(region_id="13.02.03.2001").exists()


def test_a_changed_program_is_shown_with_its_old_value_and_undo_puts_it_back():
    from django.contrib.auth.models import User

    from ucj.spreadsheets.apply import import_now, undo_import

    rows = [
        PROGRAM[0],
        [
            "Perlindungan JKK dan JKM Petani Sawit Mandiri (DBH Sawit)",
            "DBH Sawit",
            "13.11",
            2024,
            "JKK JKM",
            "petani sawit mandiri",
            "",
            "3500",
            "",
        ],
    ]
    plan = plan_import(xlsx({"program": rows}), "x.xlsx", None)
    (row,) = plan.rows

    assert (row.status, row.old["workers_funded"], row.values["workers_funded"]) == ("changed", 3360, 3500)
    batch = import_now(plan, "x.xlsx", User.objects.get(username="admin"))
    assert FundingProgram.objects.get(funding_region_id="13.11").workers_funded == 3500
    undo_import(batch, None)
    assert FundingProgram.objects.get(funding_region_id="13.11").workers_funded == 3360


def test_bad_program_rows_are_rejected_with_their_cells():
    rows = [PROGRAM[0], ["", "Sumbangan", "13.99", "dua ribu", "JKK, XYZ", "", "-5", "", ""]]

    (row,) = plan_import(xlsx({"program": rows}), "x.xlsx", None).rows

    assert row.status == "rejected"
    cells = sorted(reason.split(":")[0] for reason in row.reasons)
    assert cells == ["A2", "B2", "C2", "D2", "E2", "G2"]


def test_participation_in_an_unknown_program_is_rejected():
    rows = [PARTICIPATION[0], ["Program yang tidak ada", 2025, "13.72.01.1001", 1, ""]]

    (row,) = plan_import(xlsx({"peserta_program": rows}), "x.xlsx", None).rows

    assert row.status == "rejected"
    assert "Program yang tidak ada" in row.reasons[0]


def test_a_meeting_outside_the_officers_regions_is_rejected(officer_binjai):
    from regions.scopes import scope_for

    (row,) = plan_import(xlsx({"rapat": MEETING}), "x.xlsx", scope_for(officer_binjai)).rows

    assert row.status == "rejected"
    assert "di luar wilayah" in row.reasons[0]


def test_the_same_program_twice_in_a_file_names_both_rows():
    rows = [PROGRAM[0], PROGRAM[1], PROGRAM[1]]

    first, second = plan_import(xlsx({"program": rows}), "x.xlsx", None).rows

    assert first.status == second.status == "rejected"
    assert "program!3" in first.reasons[-1]
