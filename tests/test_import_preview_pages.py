"""An upload's preview reads one page of its rows at a time, by status too, however many rows it has."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.models import Region
from tests.conftest import run_worker_tasks, text_of
from tests.spreadsheets import enrolment
from ucj.models import ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, admin_user):
    return client_for(admin_user)


def upload(client, months: int) -> ImportBatch:
    """Every region under Kab. Solok for `months` months of 2025, and one row naming no region."""
    codes = list(Region.objects.filter(code__startswith="13.02.").order_by("code").values_list("code", flat=True))
    rows = [[code, "", f"2025-{month:02d}", 10] for month in range(1, months + 1) for code in codes]
    rows.append(["99.99", "", "2025-01", 10])
    client.post("/imports/", {"file": SimpleUploadedFile("nagari.xlsx", enrolment(*rows))})
    run_worker_tasks()
    return ImportBatch.objects.latest("id")


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_rejected_row_comes_first_and_each_page_holds_200_rows(admin_client):
    batch = upload(admin_client, 3)
    total = batch.counts["new"] + batch.counts["rejected"]

    first = text_of(admin_client.get(f"/imports/{batch.pk}/"))
    last = text_of(admin_client.get(f"/imports/{batch.pk}/?page={-(-total // 200)}"))

    assert batch.counts["rejected"] == 1
    assert first.index("99.99") < first.index("13.02.")
    assert first.count('class="status-') == 200
    assert last.count('class="status-') == total - 200 * (total // 200 if total % 200 else total // 200 - 1)


def test_a_page_of_one_status_shows_only_rows_of_that_status(admin_client):
    batch = upload(admin_client, 3)

    page = text_of(admin_client.get(f"/imports/{batch.pk}/?status=rejected"))
    second_new = text_of(admin_client.get(f"/imports/{batch.pk}/?status=new&page=2"))

    assert page.count('class="status-rejected"') == 1
    assert 'class="status-new"' not in page
    assert second_new.count('class="status-new"') == min(200, batch.counts["new"] - 200)
    assert "status-rejected" not in second_new


def test_a_page_past_the_end_or_not_a_number_shows_the_last_or_the_first(admin_client):
    batch = upload(admin_client, 3)

    past = text_of(admin_client.get(f"/imports/{batch.pk}/?page=999999"))
    garbage = admin_client.get(f"/imports/{batch.pk}/?page=abc")

    assert garbage.status_code == 200
    assert "99.99" not in past  # the rejected row is on the first page only
    assert "99.99" in text_of(garbage)


def test_the_preview_reads_as_many_queries_for_the_last_page_of_many_rows_as_for_the_first_of_few(admin_client):
    small = upload(admin_client, 1)
    large = upload(admin_client, 6)

    assert large.counts["new"] > 4 * small.counts["new"]
    assert queries_for(admin_client, f"/imports/{large.pk}/?page=3") == queries_for(
        admin_client, f"/imports/{small.pk}/"
    )
