"""The settings come from the environment and fail loudly on bad values."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ucj.settings import envbool, envint


def run_check(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = run_check(DEBUG="false", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_or_number_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    monkeypatch.setenv("SOME_NUMBER", "ten")

    with pytest.raises(ImproperlyConfigured, match="true or false"):
        envbool("SOME_FLAG", "false")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        envint("SOME_NUMBER", "1")


def test_indonesian_is_the_default_language_in_jakarta_time():
    assert settings.LANGUAGE_CODE == "id"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.TIME_ZONE == "Asia/Jakarta"
