"""The coverage table's rows, written out by its own template, keep the columns of CoverageTable in order."""

import re

import pytest

from ucj.dashboards.tables import CoverageTable

pytestmark = pytest.mark.django_db


def cells_of(html: str, tag: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)]


def test_each_value_sits_under_its_own_header(client_for, admin_user):
    html = client_for(admin_user).get("/regions/13/?month=2025-06").content.decode()
    table = html[
        html.index('<table class="coverage-table"') : html.index("</table>", html.index('class="coverage-table"'))
    ]
    headers = cells_of(table.split("</thead>")[0], "th")
    rows = [cells_of(row, "td") for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)]
    solok = next(row for row in rows if "13.02" in row[0])

    assert len(headers) == len(CoverageTable.base_columns)
    assert all(len(row) == len(headers) for row in rows)
    assert solok[headers.index("Peserta")] == "31.442"
    assert solok[headers.index("Cakupan")].startswith("13,85 %")
    assert solok[headers.index("Basis (jenis, tahun)")].startswith("226.964")
