"""Users and people without an email address are listed as such by every run, never skipped silently."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from ucj.notices.models import ReminderSent

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    # The run's own words in English, so that the test reads the same once the catalog has the Indonesian;
    # each email is still written in its reader's language.
    with translation.override("en"):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("dry", [True, False])
def test_officers_without_an_email_address_are_listed_with_what_they_would_have_been_told(dry):
    output = run("--today", "2025-07-15", *(["--dry-run"] if dry else []))

    heading = next(line for line in output.splitlines() if "petugas.solok" in line)
    assert "<no email address>" in heading
    assert "NOT SENT" in heading
    assert "Kota Solok (13.72)" in output


def test_a_person_without_an_email_address_is_listed_and_nothing_is_recorded_for_them(overdue_commitment):
    person = overdue_commitment.who_person
    person.email = ""
    person.save()

    output = run("--today", "2025-07-15")

    heading = next(line for line in output.splitlines() if "SINTETIS Penanggung Jawab" in line)
    assert "<no email address>" in heading
    assert mail.outbox == []
    assert not ReminderSent.objects.filter(person=person).exists()
