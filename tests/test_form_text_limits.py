"""Text typed into a form is bounded and free of control characters before the database sees it."""

import pytest

from programs.models import Meeting
from regions.validation import FigureContext
from ucj.entry.forms import EntryRowForm
from ucj.history.forms import BaselineForm, RevertForm

pytestmark = pytest.mark.django_db

MEETING = {"kind": "fgd", "title": "FGD UCJ", "date": "2025-08-12", "regions": "13.02"}


@pytest.mark.parametrize("character", ["\x01", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_a_reason_are_refused_with_a_message(character):
    form = RevertForm({"reason": f"salah{character}ketik"})

    assert not form.is_valid()
    assert "karakter kontrol" in form.errors["reason"][0]


def test_a_note_may_have_tabs_and_several_lines():
    form = EntryRowForm(
        {"participants": "10", "version": "0", "note": "baris satu\n\tbaris dua\r\n"},
        context=FigureContext(baseline=100),
    )

    assert form.is_valid(), form.errors


def test_a_baseline_source_with_a_nul_is_refused():
    form = BaselineForm({"year": "2025", "kind": "angkatan_kerja", "count": "100", "source": "BPS\x00"})

    assert not form.is_valid()
    assert "source" in form.errors


def test_a_meeting_with_a_note_over_the_limit_is_refused(client_for, officer_solok):
    response = client_for(officer_solok).post("/meetings/new/", {**MEETING, "note": "x" * 5001})

    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    assert not Meeting.objects.filter(title="FGD UCJ").exists()


def test_a_meeting_with_an_attendee_name_longer_than_a_name_can_be_is_refused(client_for, officer_solok):
    response = client_for(officer_solok).post("/meetings/new/", {**MEETING, "attendees": "A" * 151 + " | Kepala"})

    assert response.status_code == 200
    assert "150" in response.context["form"].errors["attendees"][0]
    assert not Meeting.objects.filter(title="FGD UCJ").exists()


def test_a_meeting_with_control_characters_in_the_title_is_refused(client_for, officer_solok):
    response = client_for(officer_solok).post("/meetings/new/", {**MEETING, "title": "FGD\x1bUCJ"})

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
