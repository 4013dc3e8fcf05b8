"""With the Content-Security-Policy on, every page still draws its charts and the browser reports no violation."""

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_overview_and_a_region_page_draw_their_charts_under_the_policy(visit):
    visit.sign_in("pejabat.kabsolok")

    first = visit.open("/")
    assert "script-src 'self'" in first.headers["content-security-policy"]
    assert visit.traces_in("#trend-chart") >= 2
    visit.open("/regions/13.02/?month=2025-06")
    assert visit.traces_in("#trend-chart") >= 2

    assert visit.console_errors == []


def test_a_picker_still_submits_on_change_without_an_inline_handler(visit):
    visit.sign_in("admin")
    visit.open(f"/entry/{timezone.localdate():%Y-%m}/")
    assert visit.page.get_attribute("#branch", "onchange") is None

    with visit.page.expect_navigation():
        visit.page.select_option("#branch", index=1)

    assert "branch=" in visit.page.url
    assert visit.console_errors == []


def test_the_admin_works_under_the_policy(visit):
    visit.sign_in("admin")

    visit.open("/admin/regions/enrolment/")
    visit.open("/admin/programs/meeting/add/")

    # The admin's pages do not link the app's favicon, so the browser's guess at /favicon.ico is a 404.
    assert [error for error in visit.console_errors if "Content Security Policy" in error] == []
