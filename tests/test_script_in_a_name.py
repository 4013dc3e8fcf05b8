"""A region name that holds a script is shown as text everywhere the pages put it."""

import json
import re

import pytest

from regions.models import Region
from tests.conftest import add_figures

pytestmark = pytest.mark.django_db

HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture
def hostile_region():
    region = Region.objects.create(code="13.02.91", name=HOSTILE, kind="kecamatan", parent_id="13.02")
    add_figures(region.code)
    return region


def test_the_name_is_escaped_in_the_table_and_headings(client_for, official_kabsolok, hostile_region):
    client = client_for(official_kabsolok)

    overview = client.get("/regions/13.02/?month=2025-06").content.decode()
    own_page = client.get("/regions/13.02.91/?month=2025-06").content.decode()

    for page in (overview, own_page):
        assert HOSTILE not in page
        assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_name_in_the_chart_data_cannot_close_its_script_element(client_for, official_kabsolok, hostile_region):
    page = client_for(official_kabsolok).get("/regions/13.02/?month=2025-06").content.decode()

    found = re.search(r'<script id="ranking-figure" type="application/json">(.*?)</script>', page, re.S)
    figure = json.loads(found.group(1))
    assert HOSTILE in figure["data"][0]["x"]
    assert "<" not in found.group(1)
