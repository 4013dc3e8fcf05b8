"""An official's week, in a real browser: sign in, read the charts, switch language, use a phone."""

import pytest

from regions.models import Region
from tests.browser.conftest import OUTPUT
from tests.conftest import add_figures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_official_sees_the_overview_and_the_kab_solok_page_with_charts_drawn(visit):
    visit.sign_in("pejabat.kabsolok")

    assert visit.traces_in("#trend-chart") >= 2
    visit.open("/regions/13.02/?month=2025-06")
    assert visit.traces_in("#trend-chart") >= 2
    assert "13,85 %" in visit.page.inner_text("#card-coverage")
    assert visit.console_errors == []


def test_a_region_outside_the_scope_shows_the_not_found_page(visit):
    visit.sign_in("pejabat.kabsolok")

    response = visit.open("/regions/12.75/")

    assert response.status == 404
    assert "Tidak ditemukan" in visit.page.inner_text("h1")


def test_the_english_switch_changes_labels_and_number_format(visit):
    visit.sign_in("pejabat.kabsolok")
    visit.open("/regions/13.02/?month=2025-06")
    assert "Cakupan" in visit.page.inner_text("#card-coverage")

    visit.page.click("button[name=language][value=en]")
    visit.page.wait_for_selector("button[name=language][value=id]")

    coverage = visit.page.inner_text("#card-coverage")
    assert "Coverage" in coverage
    assert "13.85 %" in coverage
    assert "31,442" in coverage
    assert visit.console_errors == []


def test_the_region_page_fits_a_390_px_phone(phone_visit):
    phone_visit.sign_in("petugas.solok")
    phone_visit.open("/regions/13.11/?month=2025-06")
    phone_visit.traces_in("#trend-chart")

    page_width = phone_visit.page.evaluate("document.documentElement.scrollWidth")
    table_scrolls = phone_visit.page.evaluate("getComputedStyle(document.querySelector('.table-scroll')).overflowX")
    chart_width = phone_visit.page.evaluate("document.querySelector('#trend-chart').getBoundingClientRect().width")
    OUTPUT.mkdir(exist_ok=True)
    screenshot = OUTPUT / "region-13.11-390px.png"
    phone_visit.page.screenshot(path=str(screenshot), full_page=True)

    assert page_width <= 390
    assert table_scrolls == "auto"
    assert chart_width <= 390
    assert screenshot.stat().st_size > 10_000
    assert phone_visit.console_errors == []


def test_a_script_in_a_region_name_runs_nothing(visit):
    hostile = "</script><script>alert(1)</script>"
    region = Region.objects.create(code="13.02.91", name=hostile, kind="kecamatan", parent_id="13.02")
    add_figures(region.code)
    visit.sign_in("pejabat.kabsolok")

    visit.open("/regions/13.02/?month=2025-06")
    visit.traces_in("#ranking-chart")
    visit.open("/regions/13.02.91/?month=2025-06")
    visit.traces_in("#trend-chart")

    assert visit.dialogs == []
    assert hostile in visit.page.inner_text("h1")
    assert visit.console_errors == []


def test_an_officer_enters_july_2025_and_the_dashboard_shows_it_on_the_next_load(visit, settings):
    settings.UCJ_LOCK_MONTHS = 24  # the demo's published figures are from 2025; keep July 2025 open
    visit.sign_in("petugas.solok")

    visit.open("/entry/2025-07/")
    visit.page.fill("input[name='13.02-participants']", "33.000")
    visit.page.click("button.primary")
    visit.page.wait_for_selector(".message.success")

    visit.open("/regions/13.02/?month=2025-07")
    coverage = visit.page.inner_text("#card-coverage")
    assert "14,54 %" in coverage  # 33.000 of 226.964
    assert "33.000" in coverage
    assert visit.console_errors == []
