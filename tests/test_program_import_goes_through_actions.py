"""The program, peserta_program and rapat sheets are written and undone by programs.actions.

So a refusal by an action fails the whole import, the preview rejects what an action would refuse
with the same reason, and the undo refuses when a record the import wrote changed since.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programs import actions
from programs.models import Activity, Commitment, FundingProgram, Meeting, Participation
from tests.spreadsheets import xlsx
from tests.test_import_program_sheets import MEETING, PARTICIPATION, PROGRAM
from ucj.models import ImportBatch
from ucj.spreadsheets import program_sheets
from ucj.spreadsheets.apply import ImportRefused, import_now, undo_import
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db

SAWIT = "Perlindungan JKK dan JKM Petani Sawit Mandiri (DBH Sawit)"
SAWIT_ROW = [SAWIT, "DBH Sawit", "13.11", 2024, "JKK JKM", "petani sawit mandiri", "", "3500", ""]
ALL_SHEETS = {"program": PROGRAM, "peserta_program": PARTICIPATION, "rapat": MEETING}


def imported(sheets, user):
    return import_now(plan_import(xlsx(sheets), "x.xlsx", None), "x.xlsx", user)


def everything():
    return [
        sorted(model.objects.values_list("pk", flat=True))
        for model in (FundingProgram, Participation, Meeting, Activity, ImportBatch)
    ]


def spy(name, called):
    original = getattr(program_sheets, name)

    def call(**kwargs):
        called.append(name)
        return original(**kwargs)

    return call


def test_the_import_writes_each_sheet_through_its_action(admin_user, monkeypatch):
    called = []
    for name in ("save_program", "save_participation", "save_meeting"):
        monkeypatch.setattr(program_sheets, name, spy(name, called))

    batch = imported(ALL_SHEETS, admin_user)

    assert called == ["save_program", "save_participation", "save_participation", "save_meeting"]
    assert {activity.user for activity in Activity.objects.filter(batch=batch.uid)} == {admin_user}


def test_an_action_that_refuses_a_row_fails_the_whole_import(admin_user, monkeypatch):
    before = everything()

    def refuse(**kwargs):
        raise ValidationError({"title": "refused"})

    monkeypatch.setattr(program_sheets, "save_meeting", refuse)
    with pytest.raises(ValidationError):
        imported(ALL_SHEETS, admin_user)

    assert everything() == before
    assert not FundingProgram.objects.filter(name="Perlindungan Nelayan Kota Solok").exists()


def test_the_preview_rejects_a_new_program_the_action_would_refuse_with_the_actions_reason():
    headers = [column for column in PROGRAM[0] if column != "program_bpjs"]
    row = [value for column, value in zip(PROGRAM[0], PROGRAM[1], strict=True) if column != "program_bpjs"]

    (planned,) = plan_import(xlsx({"program": [headers, row]}), "x.xlsx", None).rows

    with pytest.raises(ValidationError) as refused:
        actions.save_program(
            user=None, name=PROGRAM[1][0], year=2025, values={"funding_source": "apbd", "funding_region_id": "13.72"}
        )
    (message,) = refused.value.message_dict["bpjs_programs"]
    assert planned.status == "rejected"
    assert planned.reasons == [f"Program BPJS yang ditanggung: {message}"]


def test_an_existing_program_keeps_its_bpjs_programs_when_the_file_has_none():
    headers = [column for column in PROGRAM[0] if column != "program_bpjs"]
    row = [value for column, value in zip(PROGRAM[0], SAWIT_ROW, strict=True) if column != "program_bpjs"]

    (planned,) = plan_import(xlsx({"program": [headers, row]}), "x.xlsx", None).rows

    assert planned.status == "changed"


def test_undo_puts_a_changed_meeting_back_with_its_regions_and_attendees(admin_user):
    meeting = Meeting.objects.get(regions__code="13.72")
    before = actions.meeting_snapshot(meeting)
    row = ["Kick-off", meeting.title, meeting.date.isoformat(), "Balai Kota", "13.72, 13.02", "Wali Kota", "", "", ""]
    batch = imported({"rapat": [MEETING[0], row]}, admin_user)
    assert actions.meeting_snapshot(meeting)["regions"] == ["13.02", "13.72"]

    undo_import(batch, admin_user)

    assert actions.meeting_snapshot(meeting) == before
    undone = Activity.objects.get(action="undo", subject="meeting")
    assert (undone.subject_id, undone.new, undone.user) == (
        meeting.pk,
        Activity.objects.get(batch=batch.uid).old,
        admin_user,
    )


def test_undo_refuses_when_a_program_the_import_changed_was_changed_since(admin_user):
    batch = imported({"program": [PROGRAM[0], SAWIT_ROW]}, admin_user)
    actions.save_program(user=admin_user, name=SAWIT, year=2024, values={"workers_funded": 4000})

    with pytest.raises(ImportRefused) as refused:
        undo_import(batch, admin_user)

    assert SAWIT in str(refused.value)
    assert FundingProgram.objects.get(name=SAWIT).workers_funded == 4000
    assert ImportBatch.objects.get(pk=batch.pk).status == "applied"


def test_undo_refuses_when_participation_was_added_since_to_a_program_the_import_created(admin_user):
    batch = imported({"program": PROGRAM}, admin_user)
    program = FundingProgram.objects.get(name=PROGRAM[1][0])
    actions.save_participation(user=admin_user, program=program, region_code="13.72.01.1001", values={})

    with pytest.raises(ImportRefused) as refused:
        undo_import(batch, admin_user)

    assert "participation" in str(refused.value)
    assert program.participations.count() == 1


def test_undo_refuses_when_a_commitment_was_made_since_at_a_meeting_the_import_created(admin_user):
    batch = imported({"rapat": MEETING}, admin_user)
    meeting = Meeting.objects.get(title=MEETING[1][1])
    actions.save_commitment(user=admin_user, values={"what": "Surat edaran", "region_id": "13.72", "meeting": meeting})

    with pytest.raises(ImportRefused):
        undo_import(batch, admin_user)

    assert Commitment.objects.get(what="Surat edaran").meeting == meeting


def test_undo_batch_refuses_on_its_own_too(admin_user):
    batch = imported({"program": [PROGRAM[0], SAWIT_ROW]}, admin_user)
    actions.save_program(user=admin_user, name=SAWIT, year=2024, values={"target_group": "pekebun"})

    with pytest.raises(actions.ChangedSinceImport) as refused:
        actions.undo_batch(batch.uid, admin_user)

    assert refused.value.moved == [f"program {SAWIT} (2024)"]


def test_undo_counts_what_it_deleted_and_what_it_put_back(admin_user):
    batch = imported({**ALL_SHEETS, "program": [*PROGRAM, SAWIT_ROW]}, admin_user)

    undone = actions.undo_batch(batch.uid, admin_user)

    assert (undone.deleted, undone.restored, undone.total) == (4, 1, 5)
    assert FundingProgram.objects.get(name=SAWIT).workers_funded == 3360
    assert Activity.objects.filter(action="undo").count() == 5
    assert not Activity.objects.filter(action="undo", batch__isnull=False).exists()


def test_a_meeting_named_in_another_case_is_the_same_meeting(admin_user):
    meeting = Meeting.objects.get(regions__code="13.72")
    row = ["Kick-off", meeting.title.upper(), meeting.date.isoformat(), "Balai Kota", "13.72", "", "", "", ""]

    imported({"rapat": [MEETING[0], row]}, admin_user)

    assert Meeting.objects.filter(date=meeting.date, title__iexact=meeting.title).count() == 1
    assert Meeting.objects.get(pk=meeting.pk).venue == "Balai Kota"


def test_the_same_title_on_another_day_is_another_meeting(admin_user):
    # The sheet's date identifies the meeting: the same title on another day is another meeting.
    meeting = Meeting.objects.get(regions__code="13.72")
    other_day = meeting.date + datetime.timedelta(days=1)
    row = ["Kick-off", meeting.title, other_day.isoformat(), "Balai Kota", "13.72", "", "", "", ""]

    imported({"rapat": [MEETING[0], row]}, admin_user)

    assert Meeting.objects.filter(title=meeting.title).count() == 2
    assert Meeting.objects.get(pk=meeting.pk).venue == meeting.venue
