"""On a phone, a grid save that leaves a row needing attention says so at the top, and the reason is in view."""

import pytest
from django.utils import timezone

from regions.models import Enrolment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_refused_row_shows_the_banner_and_its_reason_without_sideways_scrolling(phone_visit):
    month = timezone.localdate().replace(day=1)
    phone_visit.sign_in("petugas.solok")
    phone_visit.open(f"/entry/{month:%Y-%m}/")

    phone_visit.page.fill("#id_13\\.02-participants", "0")  # a slipped zero: -100 % against June 2025
    phone_visit.page.fill("#id_13\\.72-participants", "900")
    phone_visit.page.click("button.primary")
    phone_visit.page.wait_for_selector(".message")

    banner = phone_visit.page.inner_text(".messages")
    assert "1 angka disimpan" in banner
    assert "1 baris perlu perhatian" in banner
    reason = phone_visit.page.locator("#row-13\\.02 .field-error").first
    box = reason.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert phone_visit.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Enrolment.objects.filter(region_id="13.72", month=month).exists()
    assert not Enrolment.objects.filter(region_id="13.02", month=month).exists()
