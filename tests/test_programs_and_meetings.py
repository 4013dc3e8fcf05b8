"""Funding programs, village participation, meetings, people with several spellings, and commitments."""

import datetime
import re

import pytest

from programs.models import Commitment, FundingProgram, Meeting, Person
from programs.participation import rates

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_participation_rates_count_villages_per_kecamatan():
    villages = [("a.1", "a"), ("a.2", "a"), ("b.1", "b"), ("b.2", "b"), ("b.3", "b")]

    overall, per_kecamatan = rates(villages, {"a": "A", "b": "B"}, {"a.1", "a.2", "b.3"}, "x", "X")

    assert [(r.code, r.taking_part, r.total) for r in per_kecamatan] == [("a", 2, 2), ("b", 1, 3)]
    assert (overall.taking_part, overall.total) == (3, 5)
    assert per_kecamatan[0].pct == 100


def test_kab_solok_shows_54_of_74_reported_beside_the_computed_participation(client_for, official_kabsolok):
    page = text(client_for(official_kabsolok).get("/regions/13.02/?month=2025-06"))

    assert "54 dari 74 dilaporkan" in page
    assert "11 dari 74 nagari tercatat" in page
    danau_kembar = re.search(r'id="kecamatan-13.02.19">(.*?)</tr>', page).group(1)
    junjung_sirih = re.search(r'id="kecamatan-13.02.13">(.*?)</tr>', page).group(1)
    assert re.findall(r'class="num">([^<]*)<', danau_kembar) == ["2", "2", "100,00 %"]
    assert re.findall(r'class="num">([^<]*)<', junjung_sirih) == ["2", "2", "100,00 %"]


def test_no_rows_are_invented_for_a_reported_count():
    program = FundingProgram.objects.get(funding_region_id="13.02")

    assert (program.reported_taking_part, program.reported_of) == (54, 74)
    assert program.participations.count() == 11
    assert set(program.participations.filter(workers_funded=100).values_list("region_id", flat=True)) == {
        "13.02.09.2001", "13.02.18.2005", "13.02.04.2001", "13.02.17.2003",
        "13.02.06.2005", "13.02.08.2001", "13.02.10.2001", "13.02.19.2002",
    }  # fmt: skip


def test_the_solok_selatan_dbh_sawit_program_is_on_its_page(client_for, officer_solok):
    page = text(client_for(officer_solok).get("/regions/13.11/"))
    program = FundingProgram.objects.get(funding_region_id="13.11")

    assert (program.workers_funded, program.bpjs_programs, program.funding_source) == (
        3360,
        ["JKK", "JKM"],
        "dbh_sawit",
    )
    assert "Petani Sawit Mandiri" in page


def test_a_person_with_three_spellings_lists_all_their_meetings(client_for, admin_user):
    maulana = Person.objects.get(name="Maulana Anshari Siregar")

    page = text(client_for(admin_user).get(f"/people/{maulana.pk}/"))

    assert set(maulana.aliases.values_list("alias", flat=True)) >= {
        "Maulana", "Maulana Anshari Siregar", "dr. Maulana Ansyari Siregar",
    }  # fmt: skip
    for meeting in Meeting.objects.filter(attendances__person=maulana):
        assert meeting.title in page
    assert Meeting.objects.filter(attendances__person=maulana).distinct().count() == 4


def test_overdue_commitments_are_open_ones_past_their_due_date_in_jakarta():
    binjai = Commitment.objects.get(region_id="12.75")
    binjai.due_date = datetime.date(2024, 12, 31)
    binjai.save()

    assert list(Commitment.objects.overdue(datetime.date(2025, 1, 1))) == [binjai]
    assert list(Commitment.objects.overdue(datetime.date(2024, 12, 31))) == []
    binjai.status = "done"
    binjai.save()
    assert list(Commitment.objects.overdue(datetime.date(2025, 1, 1))) == []


def test_overdue_uses_the_jakarta_date_not_utc(monkeypatch):
    from django.utils import timezone

    commitment = Commitment.objects.get(region_id="12.75")
    commitment.due_date = datetime.date(2025, 1, 1)
    commitment.save()
    # 18:00 UTC on 1 January is already 2 January in Jakarta.
    late_evening_utc = datetime.datetime(2025, 1, 1, 18, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late_evening_utc)

    assert commitment.is_overdue()
    assert list(Commitment.objects.overdue()) == [commitment]


def test_the_binjai_apbd_2025_request_is_an_open_commitment(client_for, official_binjai):
    page = text(client_for(official_binjai).get("/commitments/?status=open"))

    assert "APBD Kota Binjai tahun 2025" in page


def test_the_meetings_timeline_filters_by_region_kind_and_year(client_for, admin_user):
    client = client_for(admin_user)

    solok_selatan = text(client.get("/meetings/?region=13.11"))
    monev = text(client.get("/meetings/?kind=monev"))
    in_2024 = text(client.get("/meetings/?year=2024"))

    assert solok_selatan.count('id="meeting-') == 2
    assert monev.count('id="meeting-') == 1
    assert in_2024.count('id="meeting-') == 2


def test_a_meeting_page_shows_the_date_as_published_and_its_note(client_for, official_binjai):
    fgd = Meeting.objects.get(kind="fgd")

    page = text(client_for(official_binjai).get(f"/meetings/{fgd.pk}/"))

    assert "19 Oktober 2024" in page
    assert "Sabtu" in page
    assert "jatuh pada hari Sabtu" in page


def test_an_official_of_binjai_cannot_open_a_kab_solok_meeting(client_for, official_binjai):
    launch = Meeting.objects.get(kind="launching")

    assert client_for(official_binjai).get(f"/meetings/{launch.pk}/").status_code == 404


def test_an_officer_of_binjai_cannot_record_a_meeting_for_kab_solok(client_for, officer_binjai):
    before = Meeting.objects.count()
    data = {"kind": "monev", "title": "Rapat", "date": "2025-08-01", "regions": "13.02"}

    response = client_for(officer_binjai).post("/meetings/new/", data)

    assert response.status_code == 403
    assert Meeting.objects.count() == before


def test_an_officer_records_a_meeting_with_attendees_and_a_commitment(client_for, officer_solok):
    data = {
        "kind": "sosialisasi", "title": "Sosialisasi BPU di Kubung", "date": "2025-08-12", "regions": "13.02.10",
        "attendees": "*Maulana | Kepala Cabang | BPJS Ketenagakerjaan\nWali Nagari Koto Baru | Wali Nagari |",
        "commitment": "Mendaftarkan 50 petani", "commitment_who": "Nagari Koto Baru", "commitment_due": "2025-09-30",
    }  # fmt: skip

    response = client_for(officer_solok).post("/meetings/new/", data)

    meeting = Meeting.objects.get(title="Sosialisasi BPU di Kubung")
    assert response.status_code == 302
    chair = meeting.attendances.get(is_chair=True)
    assert chair.person.name == "Maulana Anshari Siregar"  # the known spelling finds the known person
    assert meeting.commitments.get().due_date == datetime.date(2025, 9, 30)


def test_officials_read_but_do_not_record(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    commitment = Commitment.objects.get(region_id="13.11")

    assert client.get("/meetings/new/").status_code == 403
    assert client.post(f"/commitments/{commitment.pk}/status/", {"status": "done"}).status_code == 403
    assert Commitment.objects.get(pk=commitment.pk).status == "open"


def test_an_officer_marks_a_commitment_done_in_their_region_only(client_for, officer_solok, officer_binjai):
    solok_selatan = Commitment.objects.get(region_id="13.11")

    assert (
        client_for(officer_binjai).post(f"/commitments/{solok_selatan.pk}/status/", {"status": "done"}).status_code
        == 403
    )
    client_for(officer_solok).post(f"/commitments/{solok_selatan.pk}/status/", {"status": "done"})

    assert Commitment.objects.get(pk=solok_selatan.pk).status == "done"


def test_programs_follow_the_scope(client_for, official_binjai, official_kabsolok):
    kab_solok = FundingProgram.objects.get(funding_region_id="13.02")

    assert client_for(official_binjai).get(f"/programs/{kab_solok.pk}/").status_code == 404
    assert client_for(official_kabsolok).get(f"/programs/{kab_solok.pk}/").status_code == 200
    assert "Petani Sawit" not in client_for(official_kabsolok).get("/programs/").content.decode()
