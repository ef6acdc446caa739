"""Login with lockout, the post-login redirect to the second factor, and logout."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from dienhong.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _demo_password(world):
    """The demo users were created with the session's hasher; reset to the fast one."""
    for username in ["tongthuky", "quantri", "chuyenvien.tonghop"]:
        user = world.users[username]
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def login(client, username, password=DEMO_PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, **extra}
    )


def test_the_login_page_is_in_vietnamese_by_default(client):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert '<label for="id_username">Tên đăng nhập</label>' in html
    assert '<label for="id_password">Mật khẩu</label>' in html


def test_a_user_logs_in_and_lands_on_the_home_page(client):
    response = login(client, "tongthuky")
    assert response.status_code == 302
    assert response["Location"] == reverse("site:home")
    assert client.get(reverse("site:home")).status_code == 200


def test_wrong_credentials_get_a_translated_message(client):
    response = login(client, "tongthuky", "sai-mat-khau")
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "mật khẩu chính xác" in response.content.decode()


def test_five_failures_lock_the_account_with_a_translated_429(client):
    statuses = [login(client, "tongthuky", f"sai-{i}").status_code for i in range(5)]
    assert statuses[:4] == [200, 200, 200, 200]
    locked = login(client, "tongthuky")  # even the right password is refused now
    assert statuses[4] == 429 and locked.status_code == 429
    assert "Tài khoản bị tạm khóa" in locked.content.decode()


def test_the_locked_page_is_in_english_when_chosen(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for i in range(5):
        response = login(client, "tongthuky", f"wrong-{i}")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_a_user_with_a_device_is_sent_to_the_second_factor(client):
    response = login(client, "quantri", next="/org/manage/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor") + "?next=%2Forg%2Fmanage%2F"


def test_the_user_language_is_applied_at_login_when_the_browser_has_none(client, world):
    user = world.users["tongthuky"]
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    response = login(client, "tongthuky")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) == 365 * 24 * 3600


def test_a_language_chosen_on_the_login_page_wins(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = login(client, "tongthuky")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_logout_needs_post(client_for, staff_member):
    client = client_for(staff_member)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("site:home")).status_code == 302


def test_a_logged_in_user_is_sent_home_from_the_login_page(client_for, staff_member):
    response = client_for(staff_member).get(reverse("accounts:login"))
    assert response.status_code == 302
