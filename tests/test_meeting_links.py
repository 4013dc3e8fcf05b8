"""A meeting's source link is a web address: other schemes are refused on the way in and never drawn as links."""

import pytest

from programs.models import Meeting

pytestmark = pytest.mark.django_db

MEETING = {"kind": "fgd", "title": "FGD tautan", "date": "2025-08-12", "regions": "13.02"}


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", "ftp://files.example.id/a.pdf", "data:,x"])
def test_the_meeting_form_refuses_a_link_that_is_not_http_or_https(client_for, officer_solok, link):
    response = client_for(officer_solok).post("/meetings/new/", {**MEETING, "source_url": link})

    assert response.status_code == 200
    assert "source_url" in response.context["form"].errors
    assert not Meeting.objects.filter(title="FGD tautan").exists()


def test_a_stored_javascript_link_is_shown_as_text_not_as_a_link(client_for, official_kabsolok):
    meeting = Meeting.objects.filter(regions__code="13.02").first()
    Meeting.objects.filter(pk=meeting.pk).update(source_url="javascript:alert(document.cookie)", source_title="")

    page = client_for(official_kabsolok).get(f"/meetings/{meeting.pk}/").content.decode()

    assert 'href="javascript:' not in page
    assert "javascript:alert(document.cookie)" in page


def test_a_web_link_is_drawn_as_a_link(client_for, official_kabsolok):
    meeting = Meeting.objects.filter(regions__code="13.02").first()
    Meeting.objects.filter(pk=meeting.pk).update(source_url="https://solokkab.go.id/berita", source_title="Berita")

    page = client_for(official_kabsolok).get(f"/meetings/{meeting.pk}/").content.decode()

    assert '<a href="https://solokkab.go.id/berita" rel="noopener noreferrer">Berita</a>' in page
