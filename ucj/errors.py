"""The pages for 400 and 500, in the reader's language, each saying what to do next.

Django's own 400 and 500 views render their templates without the request, so
base.html could not show the sign-in state or the language switch; 400 gets the
request here. 500 deliberately does not: it must draw even when the database or
the session is what failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from regions.params import BadParameter


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Only our own refusals carry a message meant for users; Django's say technical things in English.
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("500.html").render())
