"""The entry grid's hidden row version is bounded like its column: a forged one is a refusal, not a 500."""

import pytest

from regions.models import Enrolment
from tests.conftest import grid_data

pytestmark = pytest.mark.django_db


def test_a_forged_row_version_beyond_the_column_is_refused(client_for, officer_solok, this_month):
    data = grid_data(this_month, {"13.72": {"participants": "10"}}, versions={"13.72": 10**20})
    client = client_for(officer_solok)
    client.raise_request_exception = False

    response = client.post(f"/entry/{this_month:%Y-%m}/", data)

    assert response.status_code == 200
    assert not Enrolment.objects.filter(region_id="13.72", month=this_month).exists()
