"""Page, API, CLI, .xlsx, CSV and chart data give the same numbers for the same region and month."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.conftest import text_of

pytestmark = pytest.mark.django_db

CASES = [
    ("13.02", "2025-06"),  # Kab. Solok's own published figure
    ("13", "2025-06"),  # Sumatera Barat: one of 19 reported
    ("13.11", "2025-06"),  # Solok Selatan: its September 2024 figure, carried
    ("12.75", "2024-10"),  # Kota Binjai: derived from a published 33 %
]


def indonesian_pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}".replace(".", ",") + " %"


def indonesian_count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


def figure_data(page: str, name: str) -> dict | None:
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1)) if found else None


@pytest.mark.parametrize(("code", "month"), CASES)
def test_every_channel_states_the_same_numbers(client_for, admin_user, code, month, settings):
    settings.UCJ_SITE_URL = "http://testserver"  # the command links to SITE_URL, the page to where it was asked
    client = client_for(admin_user)
    api = client.get(f"/api/regions/{code}/coverage/?month={month}").json()
    out = StringIO()
    call_command("coverage", code, "--month", month, "--json", stdout=out)
    cli = json.loads(out.getvalue())
    text_out = StringIO()
    call_command("coverage", code, "--month", month, stdout=text_out)
    page_response = client.get(f"/regions/{code}/?month={month}")
    page = text_of(page_response)
    sheet = load_workbook(io.BytesIO(client.get(f"/regions/{code}/?month={month}&format=xlsx").content)).active
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    xlsx_row = dict(zip(xlsx_rows[0], xlsx_rows[1], strict=True))
    csv_rows = list(
        csv.reader(io.StringIO(client.get(f"/regions/{code}/?month={month}&format=csv").content.decode("utf-8-sig")))
    )
    csv_row = dict(zip(csv_rows[0], csv_rows[1], strict=True))

    assert cli == api
    shown = api["coverage_pct"] if api["coverage_pct"] is not None else api["coverage_among_reporting_pct"]
    assert xlsx_row["Cakupan (%)"] == api["coverage_pct"]
    assert xlsx_row["Cakupan di antara wilayah yang melapor (%)"] == api["coverage_among_reporting_pct"]
    assert xlsx_row["Peserta aktif"] == api["participants"]
    assert xlsx_row["Basis"] == api["baseline"]
    assert csv_row["Peserta aktif"] == str(api["participants"] or "")
    assert csv_row["Cakupan (%)"] == ("" if api["coverage_pct"] is None else str(api["coverage_pct"]))
    assert (xlsx_row["Mencakup seluruh wilayah"], csv_row["Mencakup seluruh wilayah"]) == (
        "ya" if api["complete"] else "tidak",
    ) * 2
    big = re.search(r'id="card-coverage">.*?<p class="big">(.*?)</p>', page).group(1)
    assert big.startswith(indonesian_pct(shown))
    assert indonesian_pct(shown) in text_out.getvalue()
    if api["participants"] is not None:
        assert indonesian_count(api["participants"]) in page
    trend = figure_data(page_response.content.decode(), "trend-figure")
    if api["complete"] and not api["figure_carried_forward"]:
        line = trend["data"][1]
        assert line["y"][-1] == api["coverage_pct"]
    if api["coverage_among_reporting_pct"] is not None:
        hollow = trend["data"][2]
        assert hollow["y"][-1] == api["coverage_among_reporting_pct"]


def test_a_childs_bar_in_its_parents_ranking_is_its_coverage(client_for, admin_user):
    client = client_for(admin_user)
    kab_solok = client.get("/api/regions/13.02/coverage/?month=2025-06").json()
    province = figure_data(client.get("/regions/13/?month=2025-06").content.decode(), "ranking-figure")

    bars = province["data"][0]
    assert dict(zip(bars["x"], bars["y"], strict=True))["Kabupaten Solok"] == kab_solok["coverage_pct"]
