"""Production settings: DEBUG off by default, the deploy checks clean, static files, sign-in protection."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

PRODUCTION = {
    "DEBUG": "",
    "SECRET_KEY": "k7#Qz9!pL2@vX5$wR8^tY1&uI4*oP6(aS3)dF0_gH-jK+lZ=xC%vB",
    "ALLOWED_HOSTS": "ucj.example.id",
    "CSRF_TRUSTED_ORIGINS": "https://ucj.example.id",
    "DATABASE_URL": "postgres://ucj@db.internal:5432/ucj",
}


# What the test run itself sets (the browser tests allow sync ORM calls inside Playwright's loop) is no production's.
NOT_PRODUCTION = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in NOT_PRODUCTION}
    environment.update({key: value for key, value in env.items() if value})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


def production_value(expression: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    environment = {key: value for key, value in os.environ.items() if key not in NOT_PRODUCTION}
    environment.update({k: v for k, v in PRODUCTION.items() if v}, DJANGO_SETTINGS_MODULE="ucj.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_the_deploy_checks_are_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_asked_for_and_cookies_are_secure():
    assert production_value("settings.DEBUG") == "False"
    assert production_value("(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)") == "(True, True)"
    assert int(production_value("settings.SECURE_HSTS_SECONDS")) >= 31536000
    assert production_value("settings.X_FRAME_OPTIONS") == "DENY"
    assert production_value("settings.CSRF_TRUSTED_ORIGINS") == "['https://ucj.example.id']"
    assert "WhiteNoiseMiddleware" in production_value("settings.MIDDLEWARE")


def test_without_a_secret_key_production_refuses_to_start():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_collectstatic_gathers_the_vendored_plotly_with_hashed_names_and_compressed_copies(tmp_path):
    result = manage("collectstatic", "--noinput", **PRODUCTION, STATIC_ROOT=str(tmp_path))

    assert result.returncode == 0, result.stderr
    plotly = tmp_path / "vendor" / "plotly"
    assert list(plotly.glob("plotly-ucj.min.*.js"))
    assert list(plotly.glob("plotly-ucj.min.*.js.br"))
    assert list(plotly.glob("plotly-ucj.min.*.js.gz"))
    assert (tmp_path / "staticfiles.json").exists()


def test_sessions_expire_and_passwords_are_validated():
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    with pytest.raises(ValidationError):
        validate_password("12345678")


@pytest.mark.django_db
def test_repeated_failed_sign_ins_are_locked_out_even_with_the_right_password_after():
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/login/", {"username": "pejabat.kabsolok", "password": "salah"}).status_code == 200
    assert client.post("/login/", {"username": "pejabat.kabsolok", "password": "salah"}).status_code == 429

    locked = client.post("/login/", {"username": "pejabat.kabsolok", "password": "demo-ucj-2025"})

    assert locked.status_code == 429
    assert "Terlalu banyak percobaan" in locked.content.decode()
    assert Client().get("/").status_code == 302


@pytest.mark.django_db
def test_other_accounts_are_not_locked_by_someone_elses_failures():
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post("/login/", {"username": "pejabat.kabsolok", "password": "salah"})

    assert client.post("/login/", {"username": "pejabat.binjai", "password": "demo-ucj-2025"}).status_code == 302
