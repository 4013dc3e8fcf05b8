"""The account page: the email address on file, reminders on or off, the monthly summary, the language."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from regions.models import Profile
from ucj.notices.forms import AccountSettingsForm
from ucj.notices.language import remember_language


@require_http_methods(["GET", "POST"])
@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required: never the anonymous user here
    profile = Profile.objects.select_related("branch", "region").filter(user=user).first()
    if profile is None:
        # An account without a role (a superuser made on the command line): nothing to set until an admin gives one.
        return render(request, "notices/account.html", {"profile": None, "form": None})
    form = AccountSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("Not saved: see the message beside the field."))
            return render(request, "notices/account.html", _context(profile, form), status=400)
        form.save()
        language = profile.language
        remember_language(request, language)
        with translation.override(language):
            messages.success(request, _("Your settings are saved."))
            if (profile.email_reminders or profile.monthly_summary) and not user.email:
                messages.warning(
                    request, _("No email address is on file for your account, so no email can reach you: ask an admin.")
                )
        response = redirect("account")
        # The switch's cookie wins over the account's language on every page (ucj.middleware.LanguageMiddleware):
        # set it too, or an old choice made with the switch would hide the one just saved.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # a str in settings
        )
        return response
    return render(request, "notices/account.html", _context(profile, form))


def _context(profile: Profile, form: AccountSettingsForm) -> dict[str, object]:
    return {"profile": profile, "form": form, "deadline_day": settings.UCJ_REPORT_DEADLINE_DAY}


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The header's language switch (Django's set_language); for a signed-in user it is also the account's
    language, so the account page and the emails say what the pages show."""
    response = set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if isinstance(user, User) and language in dict(settings.LANGUAGES):
        Profile.objects.filter(user=user).update(language=language)
        remember_language(request, language)
    return response
