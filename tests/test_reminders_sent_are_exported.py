"""The log of reminders sent is in the export with everything else, so a restored database does not email again."""

import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.conftest import set_email

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_reminders_sent(tmp_path, officer_solok):
    set_email(officer_solok, "petugas.solok@example.id")
    call_command("send_reminders", "--today", "2025-07-15", stdout=StringIO())
    assert len(mail.outbox) == 1

    path = tmp_path / "all.jsonl"
    call_command("export_all", str(path), stdout=StringIO())

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    sent = [record for record in records if record["model"] == "notices.remindersent"]
    assert len(sent) == 1
    assert sent[0]["fields"]["address"] == "petugas.solok@example.id"
    assert sent[0]["fields"]["user"] == ["petugas.solok"]  # by name, as every reference to a user
