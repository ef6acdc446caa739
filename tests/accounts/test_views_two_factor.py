"""The second factor: verifying a code, and the enrolment forced on administrators."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from dienhong.accounts.models import RoleGrant, User
from dienhong.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def unverified_admin(org_admin):
    client = Client()
    client.force_login(org_admin)
    return client


@pytest.fixture
def new_admin(world):
    """An organisation administrator without any device yet."""
    user = User.objects.create_user(username="qt.moi", password="x" * 12)
    RoleGrant.objects.create(user=user, role="org_admin", unit=world.units["VPQH-TH"])
    client = Client()
    client.force_login(user)
    return user, client


def test_an_administrator_is_stopped_until_the_code_is_given(unverified_admin):
    response = unverified_admin.get(reverse("site:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    page = unverified_admin.get(reverse("accounts:two_factor"))
    assert "Nhập mã gồm sáu chữ số" in page.content.decode()


def test_the_right_code_opens_the_session_and_follows_next(unverified_admin, org_admin):
    device = TOTPDevice.objects.get(user=org_admin)
    response = unverified_admin.post(
        reverse("accounts:two_factor"), {"token": code_for(device), "next": "/org/manage/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/org/manage/"
    assert unverified_admin.get(reverse("org:manage")).status_code == 200


def test_a_wrong_code_is_refused_on_the_field(unverified_admin, org_admin):
    device = TOTPDevice.objects.get(user=org_admin)
    wrong = code_for(device, offset=10)
    response = unverified_admin.post(reverse("accounts:two_factor"), {"token": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert unverified_admin.get(reverse("site:home")).status_code == 302


def test_letters_are_not_a_code(unverified_admin):
    response = unverified_admin.post(reverse("accounts:two_factor"), {"token": "abcdef"})
    assert "Nhập các chữ số" in response.content.decode()


def test_repeated_wrong_codes_are_throttled(unverified_admin, org_admin):
    device = TOTPDevice.objects.get(user=org_admin)
    unverified_admin.post(reverse("accounts:two_factor"), {"token": code_for(device, offset=10)})
    response = unverified_admin.post(reverse("accounts:two_factor"), {"token": code_for(device)})
    assert "Nhập sai mã quá nhiều lần" in response.content.decode()


def test_an_outside_next_is_ignored(unverified_admin, org_admin):
    device = TOTPDevice.objects.get(user=org_admin)
    response = unverified_admin.post(
        reverse("accounts:two_factor"), {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("site:home")


def test_an_administrator_without_a_device_must_enrol(new_admin):
    user, client = new_admin
    response = client.get(reverse("org:manage"))
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    page = client.get(reverse("accounts:two_factor"))
    html = page.content.decode()
    assert page.context["mode"] == "enrol" and page.context["required"]
    assert "<svg" in html and "<path" in html  # the QR code, drawn locally
    assert page.context["secret"].replace(" ", "").isalnum()
    assert 'class="modnav"' not in html  # no way around it
    assert TOTPDevice.objects.filter(user=user, confirmed=False).count() == 1


def test_enrolment_is_confirmed_with_a_code(new_admin):
    user, client = new_admin
    client.get(reverse("accounts:two_factor"))
    client.get(reverse("accounts:two_factor"))  # a reload keeps the same secret
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="2fa.enrolled", actor=user).exists()
    assert client.get(reverse("org:manage")).status_code == 200


def test_a_wrong_enrolment_code_is_refused(new_admin):
    user, client = new_admin
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor"), {"token": code_for(device, offset=10)})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_staff_may_enrol_voluntarily_and_skip(client_for, staff_member):
    client = client_for(staff_member)
    page = client.get(reverse("accounts:two_factor"))
    assert page.context["mode"] == "enrol" and not page.context["required"]
    assert "Để sau" in page.content.decode()
    assert client.get(reverse("site:home")).status_code == 200


def test_a_verified_user_is_sent_on(client_for, org_admin):
    response = client_for(org_admin).get(reverse("accounts:two_factor"), {"next": "/org/"})
    assert response["Location"] == "/org/"


def test_the_page_needs_a_login(client):
    assert client.get(reverse("accounts:two_factor"))["Location"].startswith(
        reverse("accounts:login")
    )
