"""The project's URLs plus three that fail on purpose, for the error-page tests."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from regions.params import BadParameter
from ucj.urls import handler400, handler500  # noqa: F401
from ucj.urls import urlpatterns as project_urls


def boom(request):
    raise RuntimeError("boom: a bug in a view")


def bad_parameter(request):
    raise BadParameter("Tulis tahun dengan empat angka.")


def suspicious(request):
    raise SuspiciousOperation("a technical reason users should not read")


urlpatterns = [
    path("boom/", boom),
    path("bad-parameter/", bad_parameter),
    path("suspicious/", suspicious),
    *project_urls,
]
