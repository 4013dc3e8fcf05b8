"""A second run the same month sends nothing again; a new month is reminded anew; a failed send is tried again."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from tests.conftest import set_email
from ucj.notices.models import ReminderSent

pytestmark = pytest.mark.django_db

# The month reminded about on 15 July 2025: the one whose figures were due on the 10th.
JUNE_2025 = datetime.date(2025, 6, 1)


def send(*args: str) -> str:
    out = StringIO()
    # The run's own words in English, so that the test reads the same once the catalog has the Indonesian;
    # each email is still written in its reader's language.
    with translation.override("en"):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_a_second_run_the_same_month_sends_nothing_again(officer_solok, overdue_commitment):
    set_email(officer_solok, "petugas.solok@example.id")

    send("--today", "2025-07-15")
    sent = len(mail.outbox)
    output = send("--today", "2025-07-16")

    assert sent == 3  # months not reported and overdue commitments to the officer, and the person's list
    assert len(mail.outbox) == sent
    assert "already sent" in output
    assert ReminderSent.objects.count() == 3
    assert set(ReminderSent.objects.values_list("kind", "month")) == {
        ("missing", JUNE_2025),
        ("overdue", JUNE_2025),
    }


def test_the_next_month_is_reminded_anew(officer_solok):
    set_email(officer_solok, "petugas.solok@example.id")

    send("--today", "2025-07-15")
    send("--today", "2025-08-15")

    assert [message.to for message in mail.outbox] == [["petugas.solok@example.id"]] * 2
    assert "Juli 2025" in mail.outbox[1].subject


def test_an_email_that_could_not_be_sent_is_not_recorded_and_goes_out_on_the_next_run(officer_solok):
    set_email(officer_solok, "petugas.solok@example.id")

    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail server down")),
        pytest.raises(CommandError),
    ):
        send("--today", "2025-07-15")
    assert not ReminderSent.objects.exists()

    send("--today", "2025-07-16")
    assert [message.to for message in mail.outbox] == [["petugas.solok@example.id"]]
