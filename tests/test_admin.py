"""The Django admin lists, searches and filters every model."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/regions/region/?q=13.02.10", "Kubung"),
        ("/admin/regions/region/?q=solok", "Kota Solok"),
        ("/admin/regions/region/?kind__exact=nagari&q=koto+baru", "13.11.02.2002"),
        ("/admin/regions/branch/?q=binjai", "Cabang Binjai"),
        ("/admin/regions/baseline/?year=2024", "12.75"),
        ("/admin/regions/enrolment/?q=13.11", "18092"),
        ("/admin/regions/enrolment/?month__year=2025&month__month=6", "31442"),
        ("/admin/regions/target/?year=2025", "28.30"),
        ("/admin/regions/profile/?role__exact=pejabat", "pejabat.kabsolok"),
    ],
)
def test_admin_lists_search_and_filter(client_for, admin_user, url, expected):
    response = client_for(admin_user).get(url)

    assert response.status_code == 200
    assert expected in response.content.decode()


def test_the_admin_is_closed_to_officials(client_for, official_kabsolok):
    response = client_for(official_kabsolok).get("/admin/regions/enrolment/")

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/programs/fundingprogram/?q=sawit", "Petani Sawit"),
        ("/admin/programs/meeting/?kind__exact=fgd", "Binjai"),
        ("/admin/programs/person/?q=Ansyari", "Maulana Anshari Siregar"),
        ("/admin/programs/commitment/?status__exact=open", "APBD"),
        ("/admin/regions/figurechange/?kind__exact=target", "13.11"),
        ("/admin/ucj/importbatch/", "0"),
    ],
)
def test_admin_lists_programs_meetings_people_and_history(client_for, admin_user, url, expected):
    response = client_for(admin_user).get(url)

    assert response.status_code == 200
    assert expected in response.content.decode()
