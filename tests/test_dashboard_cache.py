"""Dashboards are cached under the data version: a warm page costs a handful of queries, and is never stale.

CI runs this file again against a real Redis server (CACHE_URL=redis://...), as production does.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.actions import save_program
from regions.actions import FigureInput, save_figures
from tests.conftest import text_of

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

PAGE = "/regions/13.02/?month=2025-06"


def queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in context.captured_queries]


def test_a_warm_page_reads_no_figures_at_all(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    cold = queries(client, PAGE)

    warm = queries(client, PAGE)

    assert any("rolluptotal" in sql for sql in cold)
    assert not any("rolluptotal" in sql or "enrolment" in sql for sql in warm)
    assert len(warm) <= 6  # session, user, data version, profile, region


def test_a_write_shows_on_the_very_next_request(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    assert "31.442 peserta dari" in text_of(client.get(PAGE))

    save_figures(
        "enrolment", datetime.date(2025, 6, 1), [FigureInput("13.02", {"participants": 31500})], user=None,
        channel="form",
    )  # fmt: skip

    page = text_of(client.get(PAGE))
    assert "31.500 peserta dari" in page
    assert "31.442 peserta dari" not in page


def test_a_programs_write_shows_in_the_panels_at_once(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    client.get(PAGE)

    save_program(
        user=None, name="SINTETIS Program Uji Cache", year=2025,
        values={"funding_source": "apbd", "funding_region_id": "13.02", "bpjs_programs": ["JKK", "JKM"]},
    )  # fmt: skip

    assert "SINTETIS Program Uji Cache" in text_of(client.get(PAGE))


def test_each_language_and_each_scope_has_its_own_copy(client_for, official_kabsolok, admin_user):
    official = client_for(official_kabsolok)
    admin = client_for(admin_user)
    indonesian = text_of(official.get(PAGE))
    official.post("/i18n/setlang/", {"language": "en", "next": PAGE})

    english = text_of(official.get(PAGE))
    as_admin = admin.get(PAGE).content.decode()

    assert "Cakupan" in indonesian
    assert "Coverage" in english
    # The admin may open the province; the official's cached page has no link to it.
    assert 'href="/regions/13/"' in as_admin
    assert 'href="/regions/13/"' not in official.get(PAGE).content.decode()


def test_the_api_is_cached_and_follows_writes(client_for, official_kabsolok):
    client = client_for(official_kabsolok)
    url = "/api/regions/13.02/coverage/?month=2025-06"
    assert client.get(url).json()["participants"] == 31442
    warm = queries(client, url)

    save_figures(
        "enrolment", datetime.date(2025, 6, 1), [FigureInput("13.02", {"participants": 31500})], user=None,
        channel="form",
    )  # fmt: skip

    assert not any("rolluptotal" in sql for sql in warm)
    assert client.get(url).json()["participants"] == 31500


def test_the_user_s_own_bits_are_not_cached(client_for, official_kabsolok, official_binjai, admin_user):
    admin = client_for(admin_user)
    admin.get(PAGE)

    page = admin.get(PAGE).content.decode()

    assert "Admin UCJ" in page  # the signed-in user's name comes from base.html, outside the cached part


def test_the_cache_in_use_is_the_one_configured():
    import os

    from django.conf import settings
    from django.core.cache import cache

    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("CACHE_URL"):
        assert backend == "django.core.cache.backends.redis.RedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"
    cache.set("ucj:probe", {"ok": 1}, 5)
    assert cache.get("ucj:probe") == {"ok": 1}


def test_a_figures_write_rebuilds_the_page_but_not_its_programme_panels(client_for, official_kabsolok, monkeypatch):
    from programs import queries as program_queries

    built = []
    original = program_queries.region_panels
    monkeypatch.setattr(
        "ucj.dashboards.cache.region_panels", lambda region: built.append(region.code) or original(region)
    )
    client = client_for(official_kabsolok)
    client.get(PAGE)

    save_figures(
        "enrolment", datetime.date(2025, 6, 1), [FigureInput("13.02", {"participants": 31500})], user=None,
        channel="form",
    )  # fmt: skip
    page = text_of(client.get(PAGE))

    assert "31.500 peserta dari" in page
    assert built == ["13.02"]  # built once, for the first request; the write left them cached


def test_a_regions_rename_reaches_the_programme_panels_at_once(client_for, admin_user):
    from regions.actions import save_regions

    client = client_for(admin_user)
    client.get("/regions/13.11/")

    save_regions(
        {"13.11": "Kabupaten Solok Selatan (SINTETIS nama baru)"}, user=admin_user, channel="form", reason="uji"
    )

    assert "SINTETIS nama baru" in text_of(client.get("/regions/13.11/"))
