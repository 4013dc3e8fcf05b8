"""A save or an import that fails part-way leaves the database exactly as it was."""

import datetime

import pytest

from regions import rollups
from regions.models import Baseline, BaselineTotal, Enrolment, FigureChange, RollupTotal, Target
from tests.conftest import grid_data
from tests.spreadsheets import enrolment
from ucj.models import ImportBatch
from ucj.spreadsheets import apply as plan_module
from ucj.spreadsheets.apply import apply_plan
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db


def everything():
    return [
        sorted(model.objects.values_list())
        for model in (Enrolment, Baseline, Target, FigureChange, RollupTotal, BaselineTotal, ImportBatch)
    ]


class Crash(Exception):
    pass


def test_a_grid_save_that_fails_after_the_rows_are_written_leaves_nothing(
    client_for, officer_solok, this_month, monkeypatch
):
    before = everything()

    def crash(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(rollups, "refresh_months", crash)  # after the rows and their history are written
    client = client_for(officer_solok)
    client.raise_request_exception = True
    with pytest.raises(Crash):
        client.post(
            f"/entry/{this_month:%Y-%m}/",
            grid_data(this_month, {"13.02": {"participants": 31500}, "13.72": {"participants": 5}}),
        )

    assert everything() == before


@pytest.mark.parametrize("fail_after", [1, 2])
def test_an_import_that_fails_after_n_groups_leaves_nothing(admin_user, monkeypatch, fail_after):
    content = enrolment(["13.02", "", "2025-07", 100], ["13.72", "", "2025-08", 5], ["13.11", "", "2025-09", 7])
    plan = plan_import(content, "x.xlsx", None)
    batch = ImportBatch.objects.create(user=admin_user, file_name="x.xlsx", sha256=plan.sha256, content=content)
    before = everything()
    calls = []
    original = plan_module.save_figures

    def save_then_crash(*args, **kwargs):
        calls.append(1)
        result = original(*args, **kwargs)
        if len(calls) >= fail_after:
            raise Crash
        return result

    monkeypatch.setattr(plan_module, "save_figures", save_then_crash)
    with pytest.raises(Crash):
        apply_plan(plan, batch, admin_user, only_valid=False, confirmation="uji")

    assert everything() == before
    assert not Enrolment.objects.filter(month=datetime.date(2025, 7, 1)).exists()
