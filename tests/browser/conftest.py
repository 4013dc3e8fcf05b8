"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from ucj.demo import DEFAULT_PASSWORD, load_demo

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT = Path(settings.BASE_DIR) / "test-results"

# Playwright's sync API runs an event loop in the test's thread; the Django
# ORM calls the tests make there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI; .ci/run installs Debian's chromium package.")
        pytest.skip("Debian's Chromium is not installed (apt-get install -y chromium): browser tests skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(live_server):
    """The live server with the demo loaded (live-server tests start from an empty database)."""
    load_demo()
    return live_server


class Visit:
    """A browser tab that remembers every console error and dialog it met."""

    def __init__(self, page: object, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> object:
        return self.page.goto(self.base_url + path)

    def sign_in(self, username: str) -> None:
        self.open("/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", DEFAULT_PASSWORD)
        self.page.click(".login button[type=submit]")
        self.page.wait_for_url(self.base_url + "/")

    def traces_in(self, selector: str) -> int:
        self.page.wait_for_selector(f"{selector} .main-svg")
        return self.page.evaluate(f"document.querySelector('{selector}').data.length")


@pytest.fixture
def visit(browser, server) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Visit(context.new_page(), server.url)
    context.close()


@pytest.fixture
def phone_visit(browser, server) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    yield Visit(context.new_page(), server.url)
    context.close()
