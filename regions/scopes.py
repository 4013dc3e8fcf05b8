"""Which regions a user may see: the one rule every view, export and API goes through.

An admin sees the whole country; a branch officer the regions their branch
(and its sub-offices) serves, with everything below them; a regional official
their region's subtree. Anyone else sees nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from regions import codes
from regions.models import Branch, Profile, Region


@dataclass(frozen=True)
class Scope:
    roots: tuple[Region, ...]
    label: str
    role: str | None
    branch: Branch | None = None

    @property
    def root_codes(self) -> tuple[str, ...]:
        return tuple(region.code for region in self.roots)

    @property
    def cache_key(self) -> str:
        """What makes two users' pages alike: the same role over the same regions (and branch)."""
        return f"{self.role}:{self.branch.pk if self.branch else ''}:{','.join(self.root_codes)}"

    @property
    def is_empty(self) -> bool:
        return not self.roots

    def contains(self, code: str) -> bool:
        return any(codes.is_within(code, root) for root in self.root_codes)

    @property
    def is_admin(self) -> bool:
        return self.role == Profile.Role.ADMIN

    @property
    def may_enter_figures(self) -> bool:
        """Admins and branch officers enter figures; regional officials only read."""
        return self.role in (Profile.Role.ADMIN, Profile.Role.OFFICER) and not self.is_empty


def scope_for(user: User | AnonymousUser) -> Scope:
    if not user.is_authenticated:
        return Scope((), "", None)
    profile = Profile.objects.select_related("branch", "region").filter(user=user).first()
    if user.is_superuser or (profile and profile.role == Profile.Role.ADMIN):
        country = Region.objects.filter(code=codes.COUNTRY_CODE).first()
        return Scope((country,) if country else (), country.name if country else "", Profile.Role.ADMIN)
    if profile is None:
        return Scope((), "", None)
    if profile.role == Profile.Role.OFFICER and profile.branch:
        branch = profile.branch
        return Scope(_outermost(list(branch.served_regions())), branch.name, profile.role, branch)
    if profile.role == Profile.Role.OFFICIAL and profile.region:
        return Scope((profile.region,), profile.region.display_name, profile.role)
    return Scope((), "", profile.role)


def _outermost(regions: list[Region]) -> tuple[Region, ...]:
    """Drop regions that lie inside another served region: their subtree is already in scope."""
    return tuple(
        region
        for region in regions
        if not any(other.code != region.code and codes.is_within(region.code, other.code) for other in regions)
    )


def request_scope(request: HttpRequest) -> Scope:
    """The scope of the request's user: request.scope, set by ScopeMiddleware (worked out on first use)."""
    scope = getattr(request, "scope", None)
    if scope is None:
        # A request that did not pass the middleware (a test's RequestFactory): work it out here, once.
        scope = scope_for(request.user)
        setattr(request, "scope", scope)  # noqa: B010  (HttpRequest declares no scope; the middleware adds it)
    return scope


class ScopeMiddleware:
    """Sets request.scope, the way AuthenticationMiddleware sets request.user: lazily, once per request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        setattr(request, "scope", SimpleLazyObject(lambda: scope_for(request.user)))  # noqa: B010  (see above)
        return self.get_response(request)


def get_region_for_user(request: HttpRequest, code: str) -> Region:
    """The region if the user may see it; otherwise 404, as if it did not exist."""
    scope = request_scope(request)
    if not codes.is_valid_code(code) or not scope.contains(code):
        raise Http404
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    return region


def require_entry_scope(request: HttpRequest) -> Scope:
    """The scope of a user who may enter figures; anyone else is refused with 403."""
    scope = request_scope(request)
    if not scope.may_enter_figures:
        raise PermissionDenied
    return scope


def require_admin_scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not scope.is_admin:
        raise PermissionDenied
    return scope
