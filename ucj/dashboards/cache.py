"""The rendered parts of dashboards, cached under the data version, so a warm page costs about a bare one.

A key holds everything the rendered part depends on: the data version (bumped
in the same transaction as every write, so a page is never stale by even one
request), the host and the page with its query string (the summary to share
holds an absolute link), the language and the scope. The user's own bits
(name, sign-out form, CSRF token) are outside what is cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from programs.queries import RegionPanels, region_panels
from regions.models import DataVersion, Region
from regions.scopes import request_scope

T = TypeVar("T")


def page_key(request: HttpRequest, part: str) -> str:
    scope = request_scope(request)
    figures, programs = data_versions(request)
    parts = [part, f"{figures}.{programs}", request.get_host(), request.get_full_path()]
    raw = "\n".join([*parts, get_language() or "", scope.cache_key])
    return f"ucj:{part}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached(key: str, build: Callable[[], T]) -> T:
    """The value under `key`, built once by `build` when it is not there yet."""
    found = cache.get(key)
    if found is not None:
        return found  # what `build` stored under this key
    value = build()
    cache.set(key, value, settings.UCJ_PAGE_CACHE_SECONDS)
    return value


def data_versions(request: HttpRequest) -> tuple[int, int]:
    """The figures' and the programs' data versions, read once per request."""
    found: tuple[int, int] | None = getattr(request, "_ucj_data_versions", None)
    if found is None:
        found = DataVersion.both()
        setattr(request, "_ucj_data_versions", found)  # noqa: B010  # HttpRequest has no such attribute to type
    return found


def cached_panels(request: HttpRequest, region: Region) -> RegionPanels:
    """A region's programme panels, kept across writes of figures: only programs' writes change them.

    Keyed by the day too: whether a commitment is overdue turns at midnight in Jakarta.
    """
    _figures, programs = data_versions(request)
    key = f"ucj:panels:{region.code}:{programs}:{timezone.localdate():%Y-%m-%d}"
    return cached(key, lambda: region_panels(region))
