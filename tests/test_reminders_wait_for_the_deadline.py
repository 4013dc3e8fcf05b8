"""No reminder of a month not reported (and no monthly summary) until the deadline day has passed."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import set_email

pytestmark = pytest.mark.django_db


def send(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def with_addresses(officer_solok, official_kabsolok):
    set_email(officer_solok, "petugas.solok@example.id")
    set_email(official_kabsolok, "pejabat.kabsolok@example.id", monthly_summary=True)


def test_no_reminder_on_or_before_the_deadline_day(with_addresses):
    send("--today", "2025-07-01")
    send("--today", "2025-07-10")

    assert mail.outbox == []


def test_the_reminder_goes_out_the_day_after_the_deadline(with_addresses):
    send("--today", "2025-07-11")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "pejabat.kabsolok@example.id",
        "petugas.solok@example.id",
    ]


@override_settings(UCJ_REPORT_DEADLINE_DAY=20)
def test_the_deadline_day_is_the_one_the_completeness_page_uses(with_addresses):
    send("--today", "2025-07-15")
    assert mail.outbox == []

    send("--today", "2025-07-21")
    assert len(mail.outbox) == 2


def test_overdue_commitments_do_not_wait_for_the_deadline(overdue_commitment):
    send("--today", "2025-07-05")

    assert [message.to for message in mail.outbox] == [["penanggung.jawab@example.id"]]
