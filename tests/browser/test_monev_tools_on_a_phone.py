"""What an official brings to the monev meeting, on a 390 px phone: the map, the what-if and the summary to share."""

import pytest

from tests.browser.conftest import OUTPUT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_kab_solok_page_draws_its_14_kecamatan_on_a_phone_with_no_console_error(phone_visit):
    phone_visit.sign_in("pejabat.kabsolok")
    phone_visit.open("/regions/13.02/?month=2025-06")
    phone_visit.page.wait_for_selector("#map-chart .choroplethlocation")

    parts = phone_visit.page.locator("#map-chart .choroplethlocation").count()
    map_width = phone_visit.page.evaluate("document.querySelector('#map-chart').getBoundingClientRect().width")
    page_width = phone_visit.page.evaluate("document.documentElement.scrollWidth")
    OUTPUT.mkdir(exist_ok=True)
    phone_visit.page.screenshot(path=str(OUTPUT / "region-13.02-map-390px.png"), full_page=True)

    assert parts == 14
    assert 0 < map_width <= 390
    assert page_width <= 390
    assert phone_visit.console_errors == []


def test_the_what_if_form_gives_18_26_percent_for_10000_more(phone_visit):
    phone_visit.sign_in("pejabat.kabsolok")
    phone_visit.open("/regions/13.02/?month=2025-06")

    phone_visit.page.fill("#tambah", "10.000")
    phone_visit.page.click("#what-if button[type=submit]")
    phone_visit.page.wait_for_selector("#what-if-result")

    assert "cakupan 18,26 %" in phone_visit.page.inner_text("#what-if-result")
    assert "month=2025-06" in phone_visit.page.url
    assert phone_visit.console_errors == []


def test_the_share_button_copies_the_summary(phone_visit):
    phone_visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    phone_visit.sign_in("pejabat.kabsolok")
    phone_visit.open("/regions/13.02/?month=2025-06")

    phone_visit.page.click("#share button[data-copy]")
    phone_visit.page.wait_for_function("document.querySelector('#share button').textContent === 'Tersalin'")
    copied = phone_visit.page.evaluate("navigator.clipboard.readText()")

    assert copied.startswith("UCJ Kabupaten Solok, Juni 2025: cakupan 13,85 %.")
    assert copied.rstrip().endswith("/regions/13.02/?month=2025-06")
    assert phone_visit.console_errors == []
