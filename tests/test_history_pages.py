"""The history pages by position, newest first, without counting: older and newer links, a bad position refused."""

import re

import pytest

from regions.actions import FigureInput, save_figures
from regions.models import FigureChange
from regions.months import parse_month

pytestmark = pytest.mark.django_db


def ids_on(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'id="change-(\d+)"', page)]


@pytest.fixture
def sixty_changes():
    for month in range(1, 13):
        for value in range(5):
            save_figures(
                "enrolment", parse_month(f"2024-{month:02d}"), [FigureInput("13.72", {"participants": 100 + value})],
                user=None, channel="form", reason="SINTETIS uji",
            )  # fmt: skip


def test_the_first_page_holds_the_newest_fifty_and_links_to_older(client_for, admin_user, sixty_changes):
    page = client_for(admin_user).get("/regions/13.72/history/").content.decode()

    shown = ids_on(page)
    newest = list(FigureChange.objects.within("13.72").order_by("-id").values_list("id", flat=True)[:50])
    assert shown == newest
    assert f"?before={shown[-1]}" in page
    assert "?after=" not in page


def test_older_then_newer_come_back_to_the_same_rows(client_for, admin_user, sixty_changes):
    client = client_for(admin_user)
    first = ids_on(client.get("/regions/13.72/history/").content.decode())

    older_page = client.get(f"/regions/13.72/history/?before={first[-1]}").content.decode()
    older = ids_on(older_page)
    newer = ids_on(client.get(f"/regions/13.72/history/?after={older[0]}").content.decode())

    assert older[0] < first[-1]
    assert not set(older) & set(first)
    assert newer == first
    assert f"?after={older[0]}" in older_page


@pytest.mark.parametrize("position", ["abc", "-1", "9" * 40])
def test_a_position_that_is_no_number_answers_400(client_for, admin_user, position):
    response = client_for(admin_user).get(f"/regions/13.72/history/?before={position}")

    assert response.status_code == 400
