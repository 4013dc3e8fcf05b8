"""Who may see which regions: one rule, written once in ucj/scopes.py."""

import pytest
from django.contrib.auth.models import AnonymousUser, User

from regions.models import Profile
from regions.scopes import scope_for

pytestmark = pytest.mark.django_db


def test_an_admin_sees_the_whole_country(admin_user):
    scope = scope_for(admin_user)

    assert scope.root_codes == ("ID",)
    assert scope.contains("12.75.01.1001")
    assert scope.contains("13.02")


def test_a_branch_officer_sees_the_regions_of_the_branch_and_its_offices(officer_solok):
    scope = scope_for(officer_solok)

    assert scope.root_codes == ("13.02", "13.11", "13.72")
    assert scope.label == "Cabang Solok"
    assert scope.contains("13.02.10.2001")
    assert scope.contains("13.11.02")
    assert not scope.contains("13")
    assert not scope.contains("13.01")
    assert not scope.contains("12.75")


def test_an_official_sees_their_region_and_everything_below_it(official_kabsolok):
    scope = scope_for(official_kabsolok)

    assert scope.root_codes == ("13.02",)
    assert scope.contains("13.02.19.2002")
    assert not scope.contains("13.72")
    assert not scope.contains("13.020")


def test_anonymous_users_and_users_without_a_profile_see_nothing():
    nobody = User.objects.create_user("nobody", password="x-long-password-1")

    assert scope_for(AnonymousUser()).is_empty
    assert scope_for(nobody).is_empty
    assert not scope_for(nobody).contains("13.02")


def test_a_served_region_inside_another_served_region_is_not_counted_twice(officer_binjai):
    branch = officer_binjai.profile.branch
    branch.regions.add("12.75.01")

    assert scope_for(officer_binjai).root_codes == ("12.75",)


def test_a_superuser_without_a_profile_is_an_admin():
    boss = User.objects.create_superuser("boss", password="x-long-password-1")

    assert scope_for(boss).root_codes == ("ID",)
    assert not Profile.objects.filter(user=boss).exists()
