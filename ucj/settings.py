"""Settings for the UCJ coverage tracker, all read from the environment.

DEBUG is off unless asked for (DEBUG=true: `make run` and the tests do), and
then SECRET_KEY must be set. The database is a SQLite file beside manage.py
unless DATABASE_URL=postgres://... says otherwise. docs/DEPLOY.md lists what
production sets.
"""

from __future__ import annotations

import ipaddress
import os
from email.utils import parseaddr
from pathlib import Path
from typing import Any

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


def envnetworks(name: str) -> list[str]:
    """Addresses and CIDR ranges, comma separated; a typo stops the app rather than trusting nobody or anybody."""
    found = envlist(name, "")
    for item in found:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must list IP addresses or ranges, not {item!r}") from None
    return found


def envaddresses(name: str) -> list[tuple[str, str]]:
    """ "Name <mail@example.id>, other@example.id" as Django's ADMINS wants it: (name, address) pairs."""
    found = []
    for item in envlist(name, ""):
        display, address = parseaddr(item)
        if "@" not in address:
            raise ImproperlyConfigured(f"{name} must list e-mail addresses, not {item!r}")
        found.append((display or address, address))
    return found


DEBUG = envbool("DEBUG", "false")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on: on a developer's machine or in the tests.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tables2",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "regions",
    "programs",
    "ucj",
    "ucj.notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ucj.middleware.ContentSecurityPolicyMiddleware",
    # Static files, compressed (brotli, gzip) where a compressed copy exists: from collectstatic's output in
    # production, straight from the source folders under DEBUG (runserver's own serving is switched off).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ucj.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regions.scopes.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ucj.middleware.BadParameterMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its own answer.
    "axes.middleware.AxesMiddleware",
]

# export_all writes this format: JSON lines with timestamps to the microsecond (ucj/serializers.py).
SERIALIZATION_MODULES = {"jsonl-exact": "ucj.serializers"}

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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks: each transaction takes the write lock when it begins, so two saves that
    # recompute the same totals never interleave (PostgreSQL queues them on an advisory lock instead),
    # and waits up to 20 s for it rather than failing with "database is locked".
    # Write-ahead logging lets pages read while the worker (ucj/jobs.py) writes a long import.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # The test database in a file, not in memory, so that a test can start a real worker process on it.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(BASE_DIR / "var" / "test.sqlite3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered dashboard parts are cached, keyed by the data version (regions.models.DataVersion): in this
# process's memory by default (nothing to install), in Redis when CACHE_URL=redis://host:6379/1 is set, so
# that every worker on every machine shares them.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES: dict[str, dict[str, Any]] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be redis://... (or unset for memory), not {CACHE_URL!r}")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}
# The progress and heartbeat of work in the background (ucj/jobs.py), written by the worker and read by
# every web process, on whichever machine: in Redis with CACHE_URL; else in the database on PostgreSQL
# (a table made by ucj's migrations); else in files beside the SQLite database, which is on one machine.
if CACHE_URL:
    CACHES["jobs"] = {**CACHES["default"], "KEY_PREFIX": "jobs"}
elif DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    CACHES["jobs"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ucj_job_progress"}
else:
    CACHES["jobs"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("UCJ_JOBS_DIR", str(BASE_DIR / "var" / "jobs")),
    }
# Entries of an old data version are never read again; they go when they time out (or memory fills).
UCJ_PAGE_CACHE_SECONDS = envint("UCJ_PAGE_CACHE_SECONDS", str(24 * 60 * 60))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that pair out for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", "1")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Failures are counted per client address. Behind load balancers, list them in TRUSTED_PROXIES
# (addresses or CIDR ranges): only a request from one of them has its X-Forwarded-For believed, so
# one client's wrong passwords do not lock everyone behind the balancer out. Default: none, REMOTE_ADDR.
TRUSTED_PROXIES = envnetworks("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "ucj.signin.client_ip"

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
SESSION_COOKIE_HTTPONLY = True
# The language switch's cookie follows the session cookie: secure over HTTPS, out of scripts' reach.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false" if DEBUG else "true")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only the app's own scripts run: no inline script, no inline event handler, nothing from another
# site, so a name or a link that slipped past the escaping still cannot run in a reader's browser.
# Styles also come only from this site, but inline styles are allowed: plotly.js writes <style>
# elements and style attributes as it draws (a nonce cannot cover attributes), and so does the
# Django admin. Inline CSS cannot run script; docs/DEPLOY.md has the whole policy.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
if envbool("BEHIND_TLS_PROXY", "false"):
    # The load balancer ends TLS and says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

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
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In production collectstatic writes hashed, compressed copies that whitenoise serves for a year.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Under DEBUG whitenoise serves the source folders as they change; in production only collectstatic's output.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Long work (imports, undo, large reports) runs in the worker: `manage.py db_worker`, which `make run`
# starts beside the server (docs/DEPLOY.md). Tasks wait in the database, so enqueuing one is part of
# the transaction that asks for it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A running job whose worker has not been heard from for this long has died (killed, out of memory).
UCJ_JOB_STALE_SECONDS = envint("UCJ_JOB_STALE_SECONDS", "60")

# The public address of the app, for links made outside a request (the coverage
# command's summary, emails); a page uses the address it was asked on.
UCJ_SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

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
# Exports of more rows than this are written by the worker, their page showing progress (a kabupaten's
# 825 rows take 0,1 s in the request; a province's 14.124 rows 1,4 s: docs/PERFORMANCE.md).
UCJ_EXPORT_IN_REQUEST_ROWS = envint("UCJ_EXPORT_IN_REQUEST_ROWS", "5000")
# The most cells one sheet may span, first used cell to last: 250.000 rows of 20 columns.
UCJ_IMPORT_MAX_CELLS = envint("UCJ_IMPORT_MAX_CELLS", "5000000")

# Errors: every server error, with its traceback, goes to stderr (gunicorn or systemd keep it) and,
# when ADMINS is set, by mail to them. Warnings (a 404, a refused sign-in) go to stderr too.
ADMINS = envaddresses("ADMINS")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "ucj@localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", SERVER_EMAIL)
# Email (reminders, error reports) goes out by SMTP once EMAIL_HOST is set; until then it is printed
# to the console, so a fresh machine never tries to reach a mail server it does not have.
# EMAIL_BACKEND may name another backend outright (the tests use Django's in-memory outbox).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
# A mail server that does not answer fails the run after this many seconds rather than hanging the timer.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain"},
        # Sends nothing while ADMINS is empty; with DEBUG on the developer reads the page instead.
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stderr", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        "ucj": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        "regions": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        "programs": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
    },
}
