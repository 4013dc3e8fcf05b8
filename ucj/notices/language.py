"""A user's chosen language for the pages: kept in the session at sign-in, read by ucj.middleware.LanguageMiddleware.

The session, not the profile, is read on each request: the middleware runs before the user is known,
and a query for the profile on every page would cost every signed-in request for a rarely used setting.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from regions.models import Profile

SESSION_KEY = "ucj_language"


def remember_language_at_sign_in(
    sender: object, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    if request is None or not hasattr(request, "session"):
        return
    language = Profile.objects.filter(user_id=user.pk).values_list("language", flat=True).first() or ""
    remember_language(request, language)


def remember_language(request: HttpRequest, language: str) -> None:
    if language in dict(settings.LANGUAGES):
        request.session[SESSION_KEY] = language
    else:
        request.session.pop(SESSION_KEY, None)
