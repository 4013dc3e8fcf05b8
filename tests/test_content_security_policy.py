"""Every answer carries a Content-Security-Policy that lets only the app's own scripts run."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";")}


@pytest.mark.parametrize("path", ["/", "/regions/13.02/", "/login/", "/no/such/page/", "/admin/"])
def test_pages_carry_a_policy_that_allows_only_the_apps_own_scripts(client_for, official_kabsolok, path):
    policy = directives(client_for(official_kabsolok).get(path))

    assert policy["script-src"] == "script-src 'self'"
    assert policy["default-src"] == "default-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["base-uri"] == "base-uri 'self'"
    assert policy["form-action"] == "form-action 'self'"


def test_downloads_and_the_api_carry_it_too(client_for, official_kabsolok):
    client = client_for(official_kabsolok)

    assert "Content-Security-Policy" in client.get("/api/regions/13.02/coverage/").headers
    assert "Content-Security-Policy" in client.get("/regions/13.02/?format=csv").headers
    assert "Content-Security-Policy" in Client().get("/login/").headers


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: path.name)
def test_no_template_has_an_inline_script_or_event_handler(template):
    text = template.read_text(encoding="utf-8")

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>: move it to static/js"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler: use a data- attribute and static/js"
