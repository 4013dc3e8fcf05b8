"""Changing a commitment's status: back to a page of this site only, and a note the database can hold."""

import pytest

from programs.models import Commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    return Commitment.objects.get(region_id="13.11")


def post(client, commitment, **data):
    return client.post(f"/commitments/{commitment.pk}/status/", {"status": "done", **data})


def test_it_goes_back_to_the_page_the_form_was_on(client_for, officer_solok, commitment):
    response = post(client_for(officer_solok), commitment, next="/meetings/?year=2025")

    assert response.status_code == 302
    assert response["Location"] == "/meetings/?year=2025"
    assert Commitment.objects.get(pk=commitment.pk).status == "done"


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", "http://[::1", "\x00",
     "/meetings/\x00", "a" * 5000, ""],
)  # fmt: skip
def test_a_next_that_is_not_a_local_path_goes_to_the_commitments_list(client_for, officer_solok, commitment, target):
    response = post(client_for(officer_solok), commitment, next=target)

    assert response.status_code == 302
    assert response["Location"] == "/commitments/"
    assert Commitment.objects.get(pk=commitment.pk).status == "done"


def test_a_nul_in_the_note_is_refused_with_a_message_and_nothing_is_saved(client_for, officer_solok, commitment):
    client = client_for(officer_solok)

    response = post(client, commitment, note="selesai\x00", next="/commitments/")

    assert response.status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).status == "open"
    messages = [str(message) for message in response.wsgi_request._messages]
    assert len(messages) == 1
    assert "karakter" in messages[0].lower()


def test_a_note_over_the_limit_is_refused(client_for, officer_solok, commitment):
    response = post(client_for(officer_solok), commitment, note="x" * 5001)

    assert response.status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).status == "open"


def test_a_note_on_several_lines_is_kept(client_for, officer_solok, commitment):
    post(client_for(officer_solok), commitment, note="Sudah dianggarkan.\nAPBD-P 2025")

    assert "Sudah dianggarkan.\nAPBD-P 2025" in Commitment.objects.get(pk=commitment.pk).note


def test_an_unknown_status_changes_nothing(client_for, officer_solok, commitment):
    post(client_for(officer_solok), commitment, status="gone")

    assert Commitment.objects.get(pk=commitment.pk).status == "open"
