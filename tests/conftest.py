"""Shared fixtures: the demo world, loaded once per test session, and its named people.

Each test runs inside a transaction that is rolled back, so the world is the same for all.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client

os.environ.setdefault("DIENHONG_TESTING", "1")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_settings(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.JOBS_BACKEND = "immediate"


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
