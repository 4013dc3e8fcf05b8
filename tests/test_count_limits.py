"""A count no region can have is refused with a message by every channel, before the database's integer overflows."""

import pytest
from django.utils import translation

from programs.models import FundingProgram
from regions.limits import MAX_COUNT
from regions.models import Baseline, Enrolment
from regions.validation import FigureError, parse_count
from tests.conftest import grid_data
from tests.spreadsheets import enrolment, xlsx
from tests.test_import_program_sheets import PROGRAM
from ucj.spreadsheets.plan import plan_import

pytestmark = pytest.mark.django_db

OVERFLOWING = "2.147.483.648"  # 2^31: one more than PostgreSQL's integer holds


def test_the_maximum_is_far_below_what_the_database_holds():
    assert MAX_COUNT < 2**31 - 1


@pytest.mark.parametrize("typed", [OVERFLOWING, "99999999999999999999", MAX_COUNT + 1, float(2**40)])
def test_a_count_above_the_maximum_is_refused_with_a_message(typed):
    with translation.override("id"), pytest.raises(FigureError, match="paling banyak"):
        parse_count(typed)


def test_the_maximum_itself_is_accepted():
    assert parse_count(f"{MAX_COUNT:,}".replace(",", ".")) == MAX_COUNT


def test_the_grid_refuses_an_overflowing_count(client_for, officer_solok, this_month):
    data = grid_data(this_month, {"13.72": {"participants": OVERFLOWING}})

    response = client_for(officer_solok).post(f"/entry/{this_month:%Y-%m}/", data)

    assert response.status_code == 200
    assert "paling banyak" in response.content.decode()
    assert not Enrolment.objects.filter(region_id="13.72", participants__gt=MAX_COUNT).exists()


def test_the_baseline_form_refuses_an_overflowing_count(client_for, admin_user):
    data = {"action": "baseline", "baseline-year": "2025", "baseline-kind": "angkatan_kerja",
            "baseline-count": "99999999999", "baseline-source": "BPS"}  # fmt: skip

    response = client_for(admin_user).post("/regions/13.72/figures/", data)

    assert response.status_code == 200
    assert "paling banyak" in response.content.decode()
    assert not Baseline.objects.filter(region_id="13.72", year=2025).exists()


def test_an_import_rejects_an_overflowing_count_naming_the_cell():
    (row,) = plan_import(enrolment(["13.72", "", "2025-06", 3_000_000_000]), "x.xlsx", None).rows

    assert row.status == "rejected"
    assert row.reasons[0].startswith("D2:")


def test_the_admin_refuses_an_overflowing_count(client_for, admin_user):
    data = {"region": "13.72", "month": "2025-06-01", "participants": str(2**31), "note": "", "source": "admin"}

    response = client_for(admin_user).post("/admin/regions/enrolment/add/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["participants"]
    assert not Enrolment.objects.filter(region_id="13.72", month="2025-06-01").exists()


def test_a_program_budget_may_be_billions_of_rupiah_but_not_beyond_reason():
    rows = [PROGRAM[0], [*PROGRAM[1][:6], "Rp 2.500.000.000", *PROGRAM[1][7:]]]
    (ok,) = plan_import(xlsx({"program": rows}), "x.xlsx", None).rows
    rows = [PROGRAM[0], [*PROGRAM[1][:6], "99999999999999999999", *PROGRAM[1][7:]]]
    (too_much,) = plan_import(xlsx({"program": rows}), "x.xlsx", None).rows

    assert ok.values["budget_rupiah"] == 2_500_000_000
    assert too_much.status == "rejected"
    assert too_much.reasons[0].startswith("G2:")


def test_the_program_admin_refuses_an_overflowing_count_of_workers(admin_user):
    program = FundingProgram.objects.get(funding_region_id="13.02")
    program.workers_funded = 2**31

    with pytest.raises(Exception, match="workers_funded"):
        program.full_clean()
