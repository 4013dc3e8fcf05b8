"""export_all then restore_all into an empty database: the restored database answers the same pages."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from ucj.demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/regions/13.02/?month=2025-06", "/regions/13.11/?month=2025-06", "/regions/13/?month=2025-06",
    "/api/regions/13.02/coverage/?month=2025-06", "/meetings/", "/commitments/", "/regions/13.02/history/",
    "/programs/",
]  # fmt: skip


def pages() -> dict[str, str]:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return {
        url: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", client.get(url).content.decode()) for url in PAGES
    }


def test_a_restored_database_answers_the_same_pages(tmp_path):
    load_demo()
    before = pages()
    export = tmp_path / "ucj.jsonl"
    call_command("export_all", str(export), stdout=StringIO())

    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_all", str(export), stdout=StringIO())

    assert pages() == before


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    load_demo()
    export = tmp_path / "ucj.jsonl"
    call_command("export_all", str(export), stdout=StringIO())

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_all", str(export), stdout=StringIO())


def test_the_admin_log_and_timestamps_to_the_microsecond_survive_a_round_trip(tmp_path):
    import datetime

    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from regions.models import FigureChange, Region

    load_demo()
    moment = datetime.datetime(2025, 7, 25, 9, 30, 15, 123456, tzinfo=datetime.UTC)
    LogEntry.objects.create(
        user=User.objects.get(username="admin"), content_type=ContentType.objects.get_for_model(Region),
        object_id="13.02", object_repr="13.02 Kabupaten Solok", action_flag=CHANGE,
        change_message="Nama diperbaiki", action_time=moment,
    )  # fmt: skip
    change = FigureChange.objects.order_by("id").first()
    FigureChange.objects.filter(pk=change.pk).update(at=moment + datetime.timedelta(microseconds=1))
    export = tmp_path / "ucj.jsonl"
    call_command("export_all", str(export), stdout=StringIO())

    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_all", str(export), stdout=StringIO())

    entry = LogEntry.objects.get()
    assert (entry.user.username, entry.content_type.model, entry.object_id) == ("admin", "region", "13.02")
    assert entry.action_time == moment
    assert FigureChange.objects.get(pk=change.pk).at == moment + datetime.timedelta(microseconds=1)
