"""Settings for the UCJ coverage tracker, all read from the environment.

With no environment at all the app runs in DEBUG on a SQLite file beside
manage.py, so a fresh checkout starts with nothing else installed.
Production sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL=postgres://...
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used on a developer's machine: DEBUG is on.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "regions",
    "programs",
    "ucj",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ucj.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ucj.urls"
WSGI_APPLICATION = "ucj.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers are shown the way the reader's language writes them: 31.442 and
# 13,85 in Indonesian, 31,442 and 13.85 in English.
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
# plotly.js is served from the copy inside the plotly package: the charts
# work offline and never load anything from a CDN.
_PLOTLY_PACKAGE = importlib.util.find_spec("plotly")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/plotly", Path(_PLOTLY_PACKAGE.submodule_search_locations[0]) / "package_data"),  # type: ignore[union-attr]
]
STATIC_ROOT = BASE_DIR / "staticfiles"

# The lowest BPU contribution for JKK + JKM per worker per month (PP 44/2015),
# used to estimate what closing a gap through a pekerja-rentan scheme costs.
UCJ_RENTAN_MONTHLY_RATE = envint("UCJ_RENTAN_MONTHLY_RATE", "16800")
# How many of the latest months with figures the "recent pace" averages over.
UCJ_RECENT_PACE_MONTHS = envint("UCJ_RECENT_PACE_MONTHS", "3")
# A month-on-month change of participants larger than this (in percent) is only
# saved after the officer confirms it and gives a reason.
UCJ_CHANGE_CONFIRM_PCT = envint("UCJ_CHANGE_CONFIRM_PCT", "20")
# Months older than this many months are read-only for branch officers.
UCJ_LOCK_MONTHS = envint("UCJ_LOCK_MONTHS", "3")
# A month's figures are late after this day of the following month.
UCJ_REPORT_DEADLINE_DAY = envint("UCJ_REPORT_DEADLINE_DAY", "10")
# Spreadsheet imports: the largest upload, the most a file may unpack to, the most rows in one sheet.
UCJ_IMPORT_MAX_BYTES = envint("UCJ_IMPORT_MAX_BYTES", str(20 * 1024 * 1024))
UCJ_IMPORT_MAX_UNPACKED_BYTES = envint("UCJ_IMPORT_MAX_UNPACKED_BYTES", str(400 * 1024 * 1024))
UCJ_IMPORT_MAX_ROWS = envint("UCJ_IMPORT_MAX_ROWS", "250000")
