"""Shared fixtures: the demo world, loaded once per test session, and its named people.

Each test runs inside a transaction that is rolled back, so the world is the same for all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    with django_db_blocker.unblock(), override_settings(SEARCH_SEMANTIC=False):
        call_command("demo", verbosity=0)


@pytest.fixture(autouse=True)
def _default_language():  # type: ignore[no-untyped-def]
    """Each test starts in Vietnamese, whatever language an earlier request activated."""
    from django.utils import translation

    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _fast_settings(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.JOBS_BACKEND = "immediate"
    settings.SEARCH_SEMANTIC = False  # embedding costs CPU: on only in tests about it


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    """Handles on the demo world: ``world.users['tongthuky']``, ``world.units['VPQH-TH']`` ..."""
    from dienhong.org.demo import world as load_world

    return load_world()


@pytest.fixture
def secretary_general(world):  # type: ignore[no-untyped-def]
    return world.users["tongthuky"]


@pytest.fixture
def department_head(world):  # type: ignore[no-untyped-def]
    """Vụ trưởng Vụ Tổng hợp (unit_head over the department)."""
    return world.users["vutruong.tonghop"]


@pytest.fixture
def staff_member(world):  # type: ignore[no-untyped-def]
    return world.users["chuyenvien.tonghop"]


@pytest.fixture
def clerk(world):  # type: ignore[no-untyped-def]
    return world.users["vanthu"]


@pytest.fixture
def delegation_clerk(world):  # type: ignore[no-untyped-def]
    """A clerk of the Hà Nội delegation office."""
    return world.users["vanphong.hanoi"]


@pytest.fixture
def auditor(world):  # type: ignore[no-untyped-def]
    return world.users["kiemtoan"]


@pytest.fixture
def org_admin(world):  # type: ignore[no-untyped-def]
    return world.users["quantri"]


def login_client(user) -> Client:  # type: ignore[no-untyped-def]
    """A test client logged in as ``user`` with the second factor already passed."""
    client = Client()
    client.force_login(user)
    if user.username == "quantri":
        from django_otp.plugins.otp_totp.models import TOTPDevice

        session = client.session
        device = TOTPDevice.objects.filter(user=user).first()
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    return login_client


# --- browser tests ----------------------------------------------------------------------------


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Run browser tests last: on PostgreSQL the live server's writes are committed."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


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
            # While Playwright's event loop runs in this thread, Django keeps database
            # connections per async context: the ORM calls a test makes meanwhile open one of
            # their own, outside the test's transaction. Close it here, in that context, or
            # PostgreSQL cannot drop the test database ("being accessed by other users").
            from django.db import connections

            connections.close_all()


@pytest.fixture
def screenshot() -> Any:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Any, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
