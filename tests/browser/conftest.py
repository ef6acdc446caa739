"""Fixtures for the browser tests: a live server over the shared demo world, and Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def _live_server_helper(request: pytest.FixtureRequest) -> Iterator[None]:
    """Replace pytest-django's helper so a live-server test keeps the shared demo world.

    pytest-django gives live-server tests ``transactional_db``, which empties every table
    afterwards, and the demo world is loaded once per session for all tests. With ``db``
    the test runs in a transaction that is rolled back; on SQLite the in-memory connection
    is shared with the server thread, so the server sees and undoes the same data.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("db")
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture
def browser_settings(settings: Any) -> Any:
    """Real password hashing (the demo logins use Argon2) and the project's static files."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    static = Path(settings.BASE_DIR) / "static"
    if static not in [Path(p) for p in getattr(settings, "STATICFILES_DIRS", [])]:
        settings.STATICFILES_DIRS = [*getattr(settings, "STATICFILES_DIRS", []), static]
    return settings


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls made from that
    # thread are still synchronous. Set for this test only: ``check --deploy`` rejects it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/system-deps.sh)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def screenshot() -> Any:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Any, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
