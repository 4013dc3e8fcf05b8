"""Every URL of the project, for every role, against an explicit table of expected answers.

A new URL pattern without a row here fails the test: decide who may open it first.
"""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from programs.models import Commitment, FundingProgram, Meeting, Person
from regions.models import FigureChange
from ucj.models import ImportBatch, Job

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "pejabat.kabsolok", "petugas.binjai", "petugas.solok", "admin"]
# For each URL name: its path (objects of Kab. Solok / Cabang Solok) and the answer to a GET per role:
# anonymous, the official of Kab. Solok, the officer of another branch (Binjai), the Solok officer, an admin.
EXPECTED = {
    "overview": ("/", [302, 200, 200, 200, 200]),
    "region": ("/regions/13.02/", [302, 200, 404, 200, 200]),
    "region_map": ("/regions/13.02/map.json", [302, 200, 404, 200, 200]),
    "region_report": ("/regions/13.02/report.pdf?month=2025-06", [302, 200, 404, 200, 200]),
    "region_history": ("/regions/13.02/history/", [302, 200, 404, 200, 200]),
    "region_figures": ("/regions/13.02/figures/", [302, 403, 403, 403, 200]),
    "revert_change": ("/history/{change}/revert/", [405, 405, 405, 405, 405]),
    "entry_index": ("/entry/", [302, 403, 200, 200, 200]),
    "entry_completeness": ("/entry/completeness/", [302, 403, 200, 200, 200]),
    "entry_grid": ("/entry/{month}/?region=13.02", [302, 403, 404, 200, 200]),
    "imports": ("/imports/", [302, 403, 403, 403, 200]),
    "import_preview": ("/imports/{batch}/", [302, 403, 403, 403, 200]),
    "import_status": ("/imports/{batch}/status.json", [302, 403, 403, 403, 200]),
    "import_confirm": ("/imports/{batch}/confirm/", [405, 405, 405, 405, 405]),
    "import_retry": ("/imports/{batch}/retry/", [405, 405, 405, 405, 405]),
    "import_discard": ("/imports/{batch}/discard/", [405, 405, 405, 405, 405]),
    "import_undo": ("/imports/{batch}/undo/", [405, 405, 405, 405, 405]),
    "import_template": ("/imports/templates/enrolment.xlsx", [302, 403, 403, 403, 200]),
    "export_figures": ("/exports/figures/?region=13.02", [302, 200, 404, 200, 200]),
    "export_prepare": ("/exports/figures/prepare/", [405, 405, 405, 405, 405]),
    # An export prepared by the worker for petugas.solok: nobody else's, not even an admin's.
    "export_job": ("/exports/{export}/", [302, 404, 404, 200, 404]),
    "export_status": ("/exports/{export}/status.json", [302, 404, 404, 200, 404]),
    "export_file": ("/exports/{export}/file", [302, 404, 404, 200, 404]),
    "programs": ("/programs/", [302, 200, 200, 200, 200]),
    "program": ("/programs/{program}/", [302, 200, 404, 200, 200]),
    "meetings": ("/meetings/", [302, 200, 200, 200, 200]),
    "meeting_new": ("/meetings/new/", [302, 403, 200, 200, 200]),
    "meeting": ("/meetings/{meeting}/", [302, 200, 404, 200, 200]),
    "person": ("/people/{person}/", [302, 200, 404, 200, 200]),
    "commitments": ("/commitments/", [302, 200, 200, 200, 200]),
    "commitment_status": ("/commitments/{commitment}/status/", [405, 405, 405, 405, 405]),
    "region_coverage_api": ("/api/regions/13.02/coverage/", [401, 200, 404, 200, 200]),
    "account": ("/akun/", [302, 200, 200, 200, 200]),
    "login": ("/login/", [200, 302, 302, 302, 302]),
    "logout": ("/logout/", [405, 405, 405, 405, 405]),
    "set_language": ("/i18n/setlang/", [405, 405, 405, 405, 405]),
    "admin:index": ("/admin/", [302, 302, 302, 302, 200]),
}


def url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                names.add("admin:index")  # the admin site is one door: staff only
            else:
                names |= url_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_pattern_has_a_row_in_the_table():
    assert url_names(get_resolver().url_patterns) == set(EXPECTED)


@pytest.fixture
def objects(admin_user):
    batch = ImportBatch.objects.create(user=admin_user, file_name="x.xlsx", sha256="0" * 64, content=b"")
    return {
        "change": FigureChange.objects.filter(region_id="13.02").first().pk,
        "month": f"{timezone.localdate():%Y-%m}",
        "batch": batch.pk,
        "program": FundingProgram.objects.get(funding_region_id="13.02").pk,
        "meeting": Meeting.objects.get(kind="launching").pk,
        "person": Person.objects.get(name="Maulana Anshari Siregar").pk,
        "commitment": Commitment.objects.get(region_id="13.11").pk,
        "export": Job.objects.create(
            kind=Job.Kind.EXPORT,
            state=Job.State.DONE,
            user=User.objects.get(username="petugas.solok"),
            output=b"kode_wilayah\n",
            output_name="x.csv",
            output_type="text/csv",
        ).uid,
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_the_expected_answer(objects, name):
    path, expected = EXPECTED[name]
    path = path.format(**objects)
    answers = []
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(User.objects.get(username=role))
        answers.append(client.get(path).status_code)

    assert answers == expected, path


# A program funded by the province, with villages taking part in Kab. Solok and in Kab. Solok Selatan: which
# of those villages each role's program page counts (None: the page is not theirs to open).
PROGRAM_SCOPE = {
    "anonymous": None,
    "pejabat.kabsolok": {"13.02.03"},
    "petugas.binjai": None,
    "petugas.solok": {"13.02.03", "13.11.01"},
    "admin": {"13.02.03", "13.11.01"},
}


@pytest.fixture
def province_program():
    from programs.models import Participation

    program = FundingProgram.objects.create(
        name="Perlindungan Pekerja Rentan Provinsi", funding_source="apbd", funding_region_id="13", year=2025,
        reported_taking_part=120, reported_of=900, reported_source="Dinas Provinsi",
    )  # fmt: skip
    for village in ("13.02.03.2001", "13.11.01.2001"):
        Participation.objects.create(program=program, region_id=village)
    return program


@pytest.mark.parametrize("role", ROLES)
def test_the_program_page_counts_only_the_villages_of_the_readers_scope(province_program, role):
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))

    response = client.get(f"/programs/{province_program.pk}/")

    expected = PROGRAM_SCOPE[role]
    if expected is None:
        assert response.status_code in (302, 404)
        return
    assert response.status_code == 200
    kecamatan_with_villages_taking_part = {rate.code for rate in response.context["per_kecamatan"] if rate.taking_part}
    counted_kecamatan = {rate.code for rate in response.context["per_kecamatan"]}
    assert kecamatan_with_villages_taking_part == expected
    if role == "pejabat.kabsolok":
        assert all(code.startswith("13.02.") for code in counted_kecamatan)
        assert response.context["overall"].taking_part == 1
        assert "120 dari 900" not in response.content.decode()
        assert "Lubuk Gadang" not in response.content.decode()
