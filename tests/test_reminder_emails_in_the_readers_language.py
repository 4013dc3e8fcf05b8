"""Reminders go out through Django's email, in Bahasa Indonesia by default and in each user's language when set.

The month names and numbers come from Django's own catalogs (Juni / June, 13,85 / 13.85), so they tell the
language of the email apart whatever the state of the project's catalog.
"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from tests.conftest import set_email

pytestmark = pytest.mark.django_db


def send(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def email_to(address: str) -> mail.EmailMessage:
    found = [message for message in mail.outbox if message.to == [address]]
    assert len(found) == 1, [message.to for message in mail.outbox]
    return found[0]


def test_an_officer_who_chose_no_language_is_reminded_in_indonesian(officer_solok):
    set_email(officer_solok, "petugas.solok@example.id")

    # Whatever language the run itself speaks: the product's language is the reader's default.
    with translation.override("en"):
        send("--today", "2025-07-15")

    message = email_to("petugas.solok@example.id")
    assert message.extra_headers["Content-Language"] == "id"
    assert "Juni 2025" in message.subject
    assert "Kota Solok (13.72)" in message.body
    assert "10 Juli 2025" in message.body  # the deadline
    assert "/entry/2025-06/" in message.body
    assert "June" not in message.body


def test_an_officer_who_chose_english_is_reminded_in_english(officer_binjai):
    set_email(officer_binjai, "petugas.binjai@example.id", language="en")

    send("--today", "2025-07-15")

    message = email_to("petugas.binjai@example.id")
    assert message.extra_headers["Content-Language"] == "en"
    assert "June 2025" in message.subject
    assert "have not reported" in message.subject
    assert "Kota Binjai (12.75)" in message.body
    assert "Juni" not in message.body


def test_the_person_responsible_for_an_overdue_commitment_is_written_to_in_indonesian(overdue_commitment):
    send("--today", "2025-07-15")

    message = email_to("penanggung.jawab@example.id")
    assert message.extra_headers["Content-Language"] == "id"
    assert "SINTETIS: menyusun rencana kerja per OPD" in message.body
    assert "1 Juli 2025" in message.body  # due


def test_the_monthly_summary_is_in_each_officials_language(official_kabsolok, official_binjai):
    set_email(official_kabsolok, "pejabat.kabsolok@example.id", monthly_summary=True)
    set_email(official_binjai, "pejabat.binjai@example.id", language="en", monthly_summary=True)

    send("--today", "2025-07-15")

    indonesian = email_to("pejabat.kabsolok@example.id").body
    assert "13,85 %" in indonesian
    assert "31.442" in indonesian
    english = email_to("pejabat.binjai@example.id").body
    assert "October 2024" in english  # Binjai's latest figure, shown as of its month
    assert "June 2025" in english
    assert "Juni 2025" not in english
