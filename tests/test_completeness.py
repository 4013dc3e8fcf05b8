"""Which regions of each branch reported a month, the reporting rate, and who is late."""

import datetime

import pytest
from django.test.utils import override_settings

from regions.actions import FigureInput, save_figures
from regions.models import Branch, FigureChange
from regions.months import add_months
from ucj.entry.completeness import completeness

pytestmark = pytest.mark.django_db

JULY = datetime.date(2025, 7, 1)


def report(code, month, when):
    save_figures(
        "enrolment", month, [FigureInput(code, {"participants": 10}, confirmed=True)], user=None, channel="form"
    )
    FigureChange.objects.filter(region_id=code, period=f"{month:%Y-%m}").update(at=when)


def aware(*args):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(*args))


def test_reported_on_time_late_and_missing_after_the_deadline():
    solok = Branch.objects.get(name="Cabang Solok")
    report("13.02", JULY, aware(2025, 8, 10, 23, 0))  # on the deadline day: on time
    report("13.72", JULY, aware(2025, 8, 11, 8, 0))  # the day after: late

    (result,) = completeness([solok], JULY, today=datetime.date(2025, 8, 20))
    rows = {row.region.code: row for row in result.rows}

    assert (result.reported, len(result.rows), round(result.rate)) == (2, 2, 100)
    assert not rows["13.02"].late
    assert rows["13.72"].late


def test_a_missing_figure_is_late_only_once_the_deadline_has_passed():
    solok = Branch.objects.get(name="Cabang Solok")

    (before,) = completeness([solok], JULY, today=datetime.date(2025, 8, 10))
    (after,) = completeness([solok], JULY, today=datetime.date(2025, 8, 11))

    assert before.late == []
    assert len(after.late) == 2
    assert after.rate == 0


@override_settings(UCJ_REPORT_DEADLINE_DAY=5)
def test_the_deadline_day_is_a_setting():
    solok = Branch.objects.get(name="Cabang Solok")
    report("13.02", JULY, aware(2025, 8, 6, 9, 0))

    (result,) = completeness([solok], JULY, today=datetime.date(2025, 8, 20))

    assert next(row for row in result.rows if row.region.code == "13.02").late


def test_the_page_lists_the_officers_branches_and_the_admins_all(client_for, officer_binjai, admin_user, this_month):
    month = add_months(this_month, -1)
    officer = client_for(officer_binjai).get(f"/entry/completeness/?month={month:%Y-%m}").content.decode()
    admin = client_for(admin_user).get(f"/entry/completeness/?month={month:%Y-%m}").content.decode()

    assert "Cabang Binjai" in officer
    assert "Cabang Solok" not in officer
    for name in ("Cabang Binjai", "Cabang Solok", "Kantor Solok Selatan"):
        assert name in admin


def test_a_malformed_month_is_explained(client_for, admin_user):
    assert client_for(admin_user).get("/entry/completeness/?month=juli").status_code == 400
