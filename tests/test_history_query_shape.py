"""The history's query is written so that its plan does not hang on table statistics (see history_page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.models import Region
from ucj.history.views import history_page

pytestmark = pytest.mark.django_db


def history_sql(code: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        history_page(Region.objects.get(code=code), None, None)
    (sql,) = [query["sql"] for query in queries.captured_queries if "regions_figurechange" in query["sql"]]
    return sql


def test_a_villages_history_is_one_equality_on_its_code_with_no_prefix_match():
    sql = history_sql("13.02.10.2001")

    assert "LIKE" not in sql.upper()
    assert "'13.02.10.2001'" in sql or "13.02.10.2001" in sql


def test_a_kecamatans_and_a_kabupatens_history_is_sorted_not_walked_along_the_primary_key():
    for code in ("13.02.10", "13.02"):
        assert '"id" + 0' in history_sql(code).replace("(", "").replace(")", "")


def test_the_countrys_and_a_provinces_history_follow_the_primary_key():
    for code in ("ID", "13"):
        assert "+ 0" not in history_sql(code)
