"""The admin writes programs, participation, meetings and commitments through programs.actions.

So an add, change or delete in /admin/ checks the same rules and is recorded as an Activity, as
from every other channel.
"""

import pytest

from programs.models import Activity, Commitment, FundingProgram, Meeting, Participation

pytestmark = pytest.mark.django_db

SAWIT = "Perlindungan JKK dan JKM Petani Sawit Mandiri (DBH Sawit)"
NAGARI = "Perlindungan BPJS Ketenagakerjaan bagi Pekerja Rentan Tingkat Nagari"


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def _field_data(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        data[key] = "on" if value is True else value
    return data


def form_data(client, url, **changes):
    """What the admin's page would post back unchanged (its form and inline rows), with `changes`."""
    response = client.get(url)
    assert response.status_code == 200
    data = _field_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_field_data(formset.management_form))
        for form in formset.forms:
            data.update(_field_data(form))
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_changing_a_program_in_the_admin_records_an_activity(admin_client, admin_user):
    program = FundingProgram.objects.get(name=SAWIT)
    url = f"/admin/programs/fundingprogram/{program.pk}/change/"

    response = admin_client.post(url, form_data(admin_client, url, workers_funded=3400))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert FundingProgram.objects.get(pk=program.pk).workers_funded == 3400
    activity = Activity.objects.latest("id")
    assert (activity.action, activity.subject, activity.subject_id, activity.user) == (
        "update", "program", program.pk, admin_user,
    )  # fmt: skip
    assert (activity.old["workers_funded"], activity.new["workers_funded"]) == (3360, 3400)


def test_saving_a_program_unchanged_in_the_admin_records_nothing(admin_client):
    program = FundingProgram.objects.get(name=NAGARI)
    url = f"/admin/programs/fundingprogram/{program.pk}/change/"
    before = Activity.objects.count()

    response = admin_client.post(url, form_data(admin_client, url))

    assert response.status_code == 302
    assert Activity.objects.count() == before


def test_adding_participation_in_the_admin_records_it(admin_client):
    program = FundingProgram.objects.get(name=NAGARI)
    url = f"/admin/programs/fundingprogram/{program.pk}/change/"
    data = form_data(admin_client, url)
    rows = int(data["participations-TOTAL_FORMS"])
    data.update({
        "participations-TOTAL_FORMS": rows + 1, f"participations-{rows}-region": "13.02.07.2001",
        f"participations-{rows}-program": program.pk, f"participations-{rows}-workers_funded": 25,
    })  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 302
    taking_part = Participation.objects.get(program=program, region_id="13.02.07.2001")
    activity = Activity.objects.latest("id")
    assert (activity.action, activity.subject, activity.subject_id) == ("create", "participation", taking_part.pk)


def test_adding_a_program_in_the_admin_records_its_creation(admin_client):
    data = form_data(
        admin_client, "/admin/programs/fundingprogram/add/", name="Program Uji Admin", funding_source="apbd",
        funding_region="13.72", year=2025, bpjs_programs='["JKK", "JKM"]',
    )  # fmt: skip

    response = admin_client.post("/admin/programs/fundingprogram/add/", data)

    assert response.status_code == 302
    program = FundingProgram.objects.get(name="Program Uji Admin")
    assert Activity.objects.filter(action="create", subject="program", subject_id=program.pk).exists()


def test_an_admin_refuses_what_the_rules_refuse_and_writes_nothing(admin_client):
    program = FundingProgram.objects.get(name=SAWIT)
    url = f"/admin/programs/fundingprogram/{program.pk}/change/"
    before = Activity.objects.count()

    response = admin_client.post(url, form_data(admin_client, url, reported_taking_part=80, reported_of=74))

    assert response.status_code == 200
    assert Activity.objects.count() == before


def test_changing_a_meeting_and_its_attendees_in_the_admin_is_one_recorded_update(admin_client, admin_user):
    meeting = Meeting.objects.get(regions__code="13.72")
    url = f"/admin/programs/meeting/{meeting.pk}/change/"
    data = form_data(admin_client, url, venue="Balai Kota Solok", **{"attendances-0-DELETE": "on"})
    attendees = meeting.attendances.count()

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Meeting.objects.get(pk=meeting.pk).venue == "Balai Kota Solok"
    assert meeting.attendances.count() == attendees - 1
    (activity,) = Activity.objects.filter(subject="meeting", subject_id=meeting.pk, action="update")
    assert (activity.user, activity.new["venue"]) == (admin_user, "Balai Kota Solok")
    assert len(activity.new["attendees"]) == attendees - 1


def test_adding_a_meeting_in_the_admin_records_it_with_its_regions(admin_client):
    data = form_data(
        admin_client, "/admin/programs/meeting/add/", kind="fgd", title="FGD Admin", date="2025-08-12",
        date_precision="day", regions=["13.02", "13.72"],
    )  # fmt: skip

    response = admin_client.post("/admin/programs/meeting/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting = Meeting.objects.get(title="FGD Admin")
    activity = Activity.objects.get(subject="meeting", subject_id=meeting.pk)
    assert (activity.action, activity.new["regions"]) == ("create", ["13.02", "13.72"])
    assert response["Location"].endswith("/admin/programs/meeting/")


def test_changing_a_commitment_in_the_admin_records_an_activity(admin_client, admin_user):
    commitment = Commitment.objects.get(region_id="13.11")
    url = f"/admin/programs/commitment/{commitment.pk}/change/"

    response = admin_client.post(url, form_data(admin_client, url, status="done"))

    assert response.status_code == 302
    activity = Activity.objects.latest("id")
    assert (activity.action, activity.subject, activity.subject_id) == ("update", "commitment", commitment.pk)
    assert (activity.old["status"], activity.new["status"], activity.user) == ("open", "done", admin_user)


def test_deleting_in_the_admin_is_recorded(admin_client):
    commitment = Commitment.objects.get(region_id="13.11")

    response = admin_client.post(f"/admin/programs/commitment/{commitment.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Commitment.objects.filter(pk=commitment.pk).exists()
    activity = Activity.objects.latest("id")
    assert (activity.action, activity.subject, activity.subject_id) == ("delete", "commitment", commitment.pk)


def test_deleting_several_programs_at_once_in_the_admin_records_each(admin_client):
    programs = list(FundingProgram.objects.values_list("pk", flat=True))

    response = admin_client.post(
        "/admin/programs/fundingprogram/",
        {"action": "delete_selected", "_selected_action": programs, "post": "yes"},
    )

    assert response.status_code == 302
    assert not FundingProgram.objects.exists()
    deleted = Activity.objects.filter(action="delete", subject="program").values_list("subject_id", flat=True)
    assert sorted(deleted) == sorted(programs)


def test_nobody_deletes_the_activity_log_in_the_admin(client_for, admin_user):
    from programs.models import Activity

    activity = Activity.objects.first()
    response = client_for(admin_user).post(f"/admin/programs/activity/{activity.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()
