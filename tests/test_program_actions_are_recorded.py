"""Every write of a program, participation, meeting or commitment goes through programs.actions.

Each action applies the model's rules and records who did what as an Activity, with the values
before and after; writing values a record already holds changes nothing and records nothing.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programs import actions
from programs.actions import AttendeeInput
from programs.models import Activity, Commitment, FundingProgram, Meeting, Participation

pytestmark = pytest.mark.django_db

SAWIT = "Perlindungan JKK dan JKM Petani Sawit Mandiri (DBH Sawit)"
NAGARI = "Perlindungan BPJS Ketenagakerjaan bagi Pekerja Rentan Tingkat Nagari"


def latest():
    return Activity.objects.order_by("-id").first()


def new_program(user, name="Perlindungan Nelayan Kota Solok", batch=None, **values):
    values = {"funding_source": "apbd", "funding_region_id": "13.72", "bpjs_programs": ["JKK", "JKM"], **values}
    return actions.save_program(user=user, name=name, year=2025, values=values, batch=batch)


def test_saving_a_new_program_records_its_creation_by_whom(admin_user):
    written = new_program(admin_user, workers_funded=100)

    activity = latest()
    assert written.action == "create"
    assert (activity.action, activity.subject, activity.subject_id) == ("create", "program", written.record.pk)
    assert activity.user == admin_user
    assert activity.summary == "Perlindungan Nelayan Kota Solok (2025)"
    assert (activity.old, activity.new["workers_funded"], activity.batch) == (None, 100, None)


def test_saving_a_program_by_its_name_and_year_updates_it_and_records_old_and_new(admin_user):
    program = FundingProgram.objects.get(name=SAWIT)

    written = actions.save_program(user=admin_user, name=SAWIT.upper(), year=2024, values={"workers_funded": 3500})

    assert (written.record.pk, written.action) == (program.pk, "update")
    assert FundingProgram.objects.get(pk=program.pk).workers_funded == 3500
    assert FundingProgram.objects.get(pk=program.pk).name == SAWIT
    activity = latest()
    assert (activity.action, activity.old["workers_funded"], activity.new["workers_funded"]) == ("update", 3360, 3500)


def test_saving_the_values_a_program_already_has_records_nothing(admin_user):
    before = Activity.objects.count()

    written = actions.save_program(user=admin_user, name=SAWIT, year=2024, values={"workers_funded": 3360})

    assert written.action is None
    assert Activity.objects.count() == before


def test_an_import_batch_is_kept_on_the_activity(admin_user):
    import uuid

    batch = uuid.uuid4()

    written = new_program(admin_user, batch=batch)

    assert Activity.objects.get(batch=batch).subject_id == written.record.pk


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"bpjs_programs": ["JKK", "XYZ"]}, "bpjs_programs"),
        ({"bpjs_programs": []}, "bpjs_programs"),
        ({"funding_source": "hibah"}, "funding_source"),
        ({"target_group": "x" * 101}, "target_group"),
        ({"reported_taking_part": 75, "reported_of": 74}, "__all__"),
    ],
)
def test_a_program_breaking_a_rule_of_the_model_is_refused_and_nothing_is_recorded(admin_user, values, field):
    before = (FundingProgram.objects.count(), Activity.objects.count())

    with pytest.raises(ValidationError) as refused:
        new_program(admin_user, **values)

    assert field in refused.value.message_dict
    assert (FundingProgram.objects.count(), Activity.objects.count()) == before


def test_deleting_a_program_records_it_and_the_participation_that_goes_with_it(admin_user):
    program = FundingProgram.objects.get(name=NAGARI)
    taking_part = program.participations.count()

    actions.delete_program(program, user=admin_user)

    assert not FundingProgram.objects.filter(pk=program.pk).exists()
    deletions = Activity.objects.filter(action="delete").order_by("id")
    assert [a.subject for a in deletions] == ["participation"] * taking_part + ["program"]
    assert deletions.last().old["name"] == NAGARI


def test_saving_participation_records_it_and_a_region_takes_part_once(admin_user):
    program = FundingProgram.objects.get(name=NAGARI)

    written = actions.save_participation(
        user=admin_user, program=program, region_code="13.02.07.2001", values={"workers_funded": 50}
    )
    again = actions.save_participation(
        user=admin_user, program=program, region_code="13.02.07.2001", values={"workers_funded": 60}
    )

    assert (written.action, again.action, again.record.pk) == ("create", "update", written.record.pk)
    assert Participation.objects.get(program=program, region_id="13.02.07.2001").workers_funded == 60
    assert [(a.action, a.subject) for a in Activity.objects.order_by("-id")[:2]] == [
        ("update", "participation"),
        ("create", "participation"),
    ]


def test_participation_in_an_unknown_region_is_refused(admin_user):
    program = FundingProgram.objects.get(name=NAGARI)

    with pytest.raises(ValidationError) as refused:
        actions.save_participation(user=admin_user, program=program, region_code="13.99.99.2999", values={})

    assert "region" in refused.value.message_dict


def test_deleting_participation_is_recorded(admin_user):
    taking_part = Participation.objects.first()

    actions.delete_participation(taking_part, user=admin_user)

    assert (latest().action, latest().subject, latest().subject_id) == ("delete", "participation", taking_part.pk)


def test_recording_a_meeting_records_it_and_each_commitment_made_there(officer_solok):
    meeting = actions.record_meeting(
        user=officer_solok, kind="monev", title="Monev Uji", date=datetime.date(2025, 8, 1),
        regions=[FundingProgram.objects.get(name=NAGARI).funding_region],
        attendees=[AttendeeInput("Maulana", "Kepala Cabang", "BPJS Ketenagakerjaan", is_chair=True)],
        commitments=[{"what": "Menganggarkan APBD-P", "region_id": "13.02"}],
    )  # fmt: skip

    made = [(a.action, a.subject, a.user) for a in Activity.objects.order_by("-id")[:2]]
    assert made == [("create", "commitment", officer_solok), ("create", "meeting", officer_solok)]
    assert Activity.objects.get(subject="meeting", subject_id=meeting.pk).new["attendees"] == [
        ["Maulana", "Kepala Cabang", "BPJS Ketenagakerjaan", True]
    ]
    assert meeting.attendances.get().person.name == "Maulana Anshari Siregar"


def test_changing_a_meetings_regions_and_attendees_is_one_recorded_update(admin_user):
    meeting = Meeting.objects.get(regions__code="13.72")
    values = {"kind": meeting.kind, "venue": "Balai Kota"}

    written = actions.save_meeting(
        user=admin_user, title=meeting.title, date=meeting.date, values=values, regions=["13.72", "13.02"],
        attendees=[AttendeeInput("Ramadhani Kirana Putra", is_chair=True)], pk=meeting.pk,
    )  # fmt: skip

    assert written.action == "update"
    activity = latest()
    assert (activity.old["regions"], activity.new["regions"]) == (["13.72"], ["13.02", "13.72"])
    assert len(activity.old["attendees"]) == 4
    assert activity.new["attendees"] == [["Ramadhani Kirana Putra", "", "", True]]
    assert sorted(meeting.regions.values_list("code", flat=True)) == ["13.02", "13.72"]


def test_a_meeting_link_that_is_not_a_web_address_is_refused(admin_user):
    with pytest.raises(ValidationError) as refused:
        actions.save_meeting(
            user=admin_user, title="FGD Uji", date=datetime.date(2025, 8, 1), regions=["13.02"], attendees=[],
            values={"kind": "fgd", "source_url": "javascript:alert(1)"},
        )  # fmt: skip

    assert "source_url" in refused.value.message_dict
    assert not Meeting.objects.filter(title="FGD Uji").exists()


@pytest.mark.parametrize("regions", [[], ["13.99"]])
def test_a_meeting_about_no_known_region_is_refused(admin_user, regions):
    with pytest.raises(ValidationError) as refused:
        actions.save_meeting(
            user=admin_user, title="FGD Uji", date=datetime.date(2025, 8, 1), regions=regions, attendees=[],
            values={"kind": "fgd"},
        )  # fmt: skip

    assert "regions" in refused.value.message_dict


def test_deleting_a_meeting_records_it_and_the_commitments_it_leaves_without_a_meeting(admin_user):
    commitment = Commitment.objects.filter(meeting__isnull=False).first()
    meeting = commitment.meeting

    actions.delete_meeting(meeting, user=admin_user)

    assert Commitment.objects.get(pk=commitment.pk).meeting is None
    recorded = [(a.action, a.subject) for a in Activity.objects.order_by("-id")[:2]]
    assert recorded == [("delete", "meeting"), ("update", "commitment")]
    assert latest().old["title"] == meeting.title


def test_saving_and_deleting_a_commitment_are_recorded(admin_user):
    written = actions.save_commitment(user=admin_user, values={"what": "Surat edaran bupati", "region_id": "13.02"})
    changed = actions.save_commitment(
        user=admin_user, values={"due_date": datetime.date(2025, 12, 31)}, pk=written.record.pk
    )
    actions.delete_commitment(written.record, user=admin_user)

    recorded = Activity.objects.filter(subject="commitment", subject_id=written.record.pk).order_by("id")
    assert [activity.action for activity in recorded] == ["create", "update", "delete"]
    assert changed.action == "update"
    assert recorded.last().old["what"] == "Surat edaran bupati"


def test_a_commitment_status_change_is_recorded_with_old_and_new(officer_solok):
    commitment = Commitment.objects.get(region_id="13.11")

    actions.set_commitment_status(commitment, "done", officer_solok, note="Selesai")

    activity = latest()
    assert (activity.action, activity.summary, activity.user) == ("status", "open -> done", officer_solok)
    assert (activity.old["status"], activity.new["status"], activity.new["note"].endswith("Selesai")) == (
        "open",
        "done",
        True,
    )
    assert commitment.status == "done"
