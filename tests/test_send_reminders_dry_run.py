"""send_reminders --dry-run on the demo names the regions that have not reported and the overdue commitments.

It sends nothing and records nothing. The demo's June 2025 has Kab. Solok's published figure only, so after
the deadline (10 July) Cabang Solok is reminded of Kota Solok and Kab. Solok Selatan (its office's region),
and Cabang Binjai of Kota Binjai.
"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.conftest import set_email
from ucj.notices.models import ReminderSent

pytestmark = pytest.mark.django_db


def dry_run(*args: str) -> str:
    out = StringIO()
    # The run's own words in English, so that the test reads the same once the catalog has the Indonesian;
    # each email is still written in its reader's language.
    with translation.override("en"):
        call_command("send_reminders", "--dry-run", *args, stdout=out)
    return out.getvalue()


def block_of(output: str, heading_part: str) -> str:
    """The lines of the one recipient block whose heading holds `heading_part`."""
    blocks = output.split("\n[")
    found = [block for block in blocks if heading_part in block.splitlines()[0]]
    assert len(found) == 1, output
    return found[0]


def test_the_dry_run_names_each_branchs_regions_that_have_not_reported_last_month():
    output = dry_run("--today", "2025-07-15")

    solok = block_of(output, "petugas.solok")
    assert "Kota Solok (13.72)" in solok
    assert "Kabupaten Solok Selatan (13.11)" in solok
    assert "(13.02)" not in solok  # Kab. Solok's June 2025 figure is published
    assert "Kota Binjai (12.75)" in block_of(output, "petugas.binjai")


def test_the_dry_run_names_the_overdue_commitments_for_the_person_and_the_branch(overdue_commitment):
    output = dry_run("--today", "2025-07-15")

    person = block_of(output, "SINTETIS Penanggung Jawab")
    assert "penanggung.jawab@example.id" in person
    assert f"#{overdue_commitment.pk} 13.11 2025-07-01" in person
    assert "SINTETIS: menyusun rencana kerja per OPD" in person
    # Cabang Solok serves Solok Selatan through its office: its officer hears of it too, Binjai's does not.
    officers = [block for block in output.split("\n[") if f"#{overdue_commitment.pk}" in block]
    assert [block.splitlines()[0].count("petugas.solok") for block in officers] == [0, 1]


def test_the_dry_run_prints_the_email_it_would_send_and_sends_and_records_nothing(officer_solok, overdue_commitment):
    set_email(officer_solok, "petugas.solok@example.id")

    output = dry_run("--today", "2025-07-15")

    assert "Kota Solok (13.72)" in output
    assert "penanggung.jawab@example.id" in output
    assert "http://" in output  # the body, with its links, is printed
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_a_commitment_not_yet_due_is_not_named(overdue_commitment):
    output = dry_run("--today", "2025-06-30")

    assert f"#{overdue_commitment.pk}" not in output


def test_a_month_that_is_no_month_is_refused_with_a_message():
    with pytest.raises(CommandError, match="2025-06"):
        dry_run("--month", "Juni")
    with pytest.raises(CommandError, match="2025-07-15"):
        dry_run("--today", "15/07/2025")
