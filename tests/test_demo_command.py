"""`manage.py demo`: loads the published facts once, prints the logins, changes nothing the second time."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from regions.models import Baseline, Branch, Enrolment, Region, Target

pytestmark = pytest.mark.django_db

DEMO_USERS = ["admin", "petugas.solok", "petugas.binjai", "pejabat.kabsolok", "pejabat.binjai"]


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "regions": list(Region.objects.values_list("code", "name", "kind", "parent_id")),
        "baselines": list(Baseline.objects.values_list()),
        "enrolment": list(Enrolment.objects.values_list()),
        "targets": list(Target.objects.values_list()),
        "branches": [
            (b.name, b.parent_id, sorted(b.regions.values_list("code", flat=True))) for b in Branch.objects.all()
        ],
        "users": list(User.objects.values_list("username", "password", "is_superuser", "profile__role")),
    }


def test_running_the_demo_again_changes_nothing_and_says_so():
    before = snapshot()

    output = run_demo()

    assert "tidak ada yang berubah" in output
    assert snapshot() == before


def test_the_demo_prints_every_login_and_the_password():
    output = run_demo()

    for username in DEMO_USERS:
        assert username in output
    assert "demo-ucj-2025" in output


def test_the_demo_users_can_sign_in_with_the_default_password():
    for username in DEMO_USERS:
        assert User.objects.get(username=username).check_password("demo-ucj-2025"), username


def test_a_given_password_is_set_for_every_demo_user():
    run_demo("--password", "another-secret-77")

    for username in DEMO_USERS:
        assert User.objects.get(username=username).check_password("another-secret-77"), username


def test_the_demo_holds_the_regions_it_needs():
    assert Region.objects.filter(parent_id="13").count() == 19
    assert Region.objects.filter(parent_id="13.02").count() == 14
    assert Region.objects.filter(code__startswith="13.02.", kind="nagari").count() == 74
    assert Region.objects.filter(parent_id="13.11").count() == 7
    assert Region.objects.filter(code__startswith="13.11.", kind="nagari").count() == 39
    assert Region.objects.filter(parent_id="13.72").count() == 2
    assert Region.objects.filter(parent_id="12.75").count() == 5
    assert Region.objects.get(code="12").name == "Sumatera Utara"


def test_the_demo_users_have_their_roles_branches_and_regions():
    profiles = {user.username: user.profile for user in User.objects.select_related("profile")}

    assert profiles["admin"].role == "admin"
    assert profiles["admin"].user.is_superuser
    assert profiles["petugas.solok"].branch.name == "Cabang Solok"
    assert profiles["petugas.binjai"].branch.name == "Cabang Binjai"
    assert profiles["pejabat.kabsolok"].region_id == "13.02"
    assert profiles["pejabat.binjai"].region_id == "12.75"
    assert sorted(Branch.objects.get(name="Cabang Solok").regions.values_list("code", flat=True)) == ["13.02", "13.72"]
    assert Branch.objects.get(name="Kantor Solok Selatan").parent.name == "Cabang Solok"


def test_a_first_load_reports_only_what_it_created_and_a_second_that_nothing_changed():
    from django.utils import translation

    from ucj.management.commands.demo import summary

    with translation.override("id"):
        first = summary(743, 0, 46, 0)
        again = summary(0, 0, 0, 0)

    assert first == "Data demo dimuat: 743 wilayah dan 46 data dibuat."
    assert again == "Data demo sudah dimuat; tidak ada yang berubah."
