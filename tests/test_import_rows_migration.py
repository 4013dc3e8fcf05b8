"""Uploads previewed before the preview's rows had their own table keep every row, in the preview's order."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("ucj", "0004_jobs")]
AFTER = [("ucj", "0005_import_rows")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_afterwards():
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_rows_of_an_earlier_preview_move_to_their_own_table():
    old = migrate(BEFORE)
    rows = [
        {"sheet": "kepesertaan", "row": 3, "status": "new", "needs_confirmation": False, "reasons": []},
        {"sheet": "kepesertaan", "row": 2, "status": "rejected", "needs_confirmation": False, "reasons": ["x"]},
        {"sheet": "kepesertaan", "row": 4, "status": "changed", "needs_confirmation": True, "reasons": ["±20 %"]},
    ]
    old.get_model("ucj", "ImportBatch").objects.create(
        file_name="lama.xlsx", sha256="0" * 64, report={"notes": ["catatan"], "rows": rows}
    )

    new = migrate(AFTER)

    batch = new.get_model("ucj", "ImportBatch").objects.get(file_name="lama.xlsx")
    moved = list(new.get_model("ucj", "ImportRow").objects.filter(batch=batch).order_by("position"))
    assert [(row.position, row.status, row.data["row"]) for row in moved] == [
        (0, "rejected", 2),
        (1, "new", 3),
        (2, "changed", 4),
    ]
    assert batch.report == {"notes": ["catatan"], "to_confirm": 1}
