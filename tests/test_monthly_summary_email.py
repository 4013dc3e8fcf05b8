"""The monthly summary says what each number covers, its month and its source: coverage, change, gap.

Written in English here (the official chose it) so the sentences read the same whatever the catalog holds.
"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import set_email, set_figure

pytestmark = pytest.mark.django_db


def summary_for(user, today: str = "2025-07-15") -> str:
    call_command("send_reminders", "--today", today, stdout=StringIO())
    found = [message for message in mail.outbox if message.to == [user.email]]
    assert len(found) == 1
    return found[0].body


@pytest.fixture
def official(official_kabsolok):
    set_email(official_kabsolok, "pejabat.kabsolok@example.id", language="en", monthly_summary=True)
    return official_kabsolok


def test_only_officials_who_asked_for_it_get_the_summary(official_kabsolok, official_binjai):
    set_email(official_kabsolok, "pejabat.kabsolok@example.id")
    set_email(official_binjai, "pejabat.binjai@example.id", monthly_summary=True)

    call_command("send_reminders", "--today", "2025-07-15", stdout=StringIO())

    assert [message.to for message in mail.outbox] == [["pejabat.binjai@example.id"]]


def test_the_summary_gives_coverage_with_its_counts_month_and_source(official):
    body = summary_for(official)

    assert "UCJ Kabupaten Solok, June 2025: coverage 13.85 %." in body
    assert "31,442 participants of 226,964 (labour force, 2025)." in body
    assert "Diskominfo Kab. Solok" in body  # the published source
    assert "Figure of Kabupaten Solok itself, June 2025." in body
    assert "/regions/13.02/?month=2025-06" in body


def test_the_change_from_the_month_before_is_given_between_two_figures_of_the_whole_region(official):
    set_figure("13.02", "2025-05", 31000)  # SYNTHETIC May figure

    body = summary_for(official)

    assert "Change from May 2025: +442 participants, coverage 13.66 % → 13.85 %" in body


def test_without_last_months_figure_the_change_is_said_to_be_unknown(official):
    body = summary_for(official)

    assert "Change from May 2025: not known" in body


def test_a_carried_forward_figure_says_so_and_gives_no_change(official_binjai):
    set_email(official_binjai, "pejabat.binjai@example.id", language="en", monthly_summary=True)

    body = summary_for(official_binjai)

    assert "coverage 33.00 % as of October 2024" in body
    assert "Change from May 2025: not known" in body


def test_the_gap_to_the_target_is_given_with_whose_it_is(official_kabsolok):
    from regions.models import Profile

    # An official of Kab. Solok Selatan, whose 2025 target is published (28,30 %).
    Profile.objects.filter(user=official_kabsolok).update(region_id="13.11")
    set_email(official_kabsolok, "pejabat.solsel@example.id", language="en", monthly_summary=True)

    body = summary_for(official_kabsolok)

    assert "Target 2025: 28.30 %." in body
    assert "Estimate:" in body  # the figure is of September 2024: the gap is an estimate and says so
    assert "as of September 2024" in body


def test_a_partial_month_is_labelled_among_reporting_regions(official_kabsolok):
    from regions.models import Profile

    # Sumatera Barat: one kabupaten of many reported June 2025, so only "among reporting regions".
    Profile.objects.filter(user=official_kabsolok).update(region_id="13")
    set_email(official_kabsolok, "pejabat.sumbar@example.id", language="en", monthly_summary=True)

    body = summary_for(official_kabsolok)

    assert "coverage among reporting regions" in body
    assert " of 19 " in body
