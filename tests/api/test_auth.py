"""Who may call the API: personal tokens, browser sessions, and the refusals in between."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dienhong.accounts.models import ApiToken


def test_a_token_authenticates(api_for, staff_member):
    response = api_for(staff_member).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["username"] == "chuyenvien.tonghop"
    assert response.json()["auth_method"] == "token"


def test_it_refuses_a_request_without_credentials(anonymous_api):
    response = anonymous_api.get("/api/v1/units")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "not_authenticated"


def _bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", HTTP_ACCEPT_LANGUAGE="en")


def test_it_says_when_a_token_is_unknown(db):
    response = _bearer("dh_not-a-real-token").get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["detail"] == "Unknown API token."


def test_it_says_when_a_token_is_not_ours(db):
    response = _bearer("ghp_something").get("/api/v1/me")
    assert response.status_code == 401
    assert "start with dh_" in response.json()["detail"]


def test_it_says_when_a_token_expired(token_for, staff_member):
    secret = token_for(staff_member)
    ApiToken.objects.filter(user=staff_member).update(expires_at=timezone.now() - timedelta(days=1))
    response = _bearer(secret).get("/api/v1/me")
    assert response.status_code == 401
    assert "expired on" in response.json()["detail"]


def test_it_says_when_a_token_was_revoked(token_for, staff_member):
    secret = token_for(staff_member)
    ApiToken.objects.filter(user=staff_member).update(revoked_at=timezone.now())
    response = _bearer(secret).get("/api/v1/me")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_it_refuses_the_token_of_a_disabled_account(token_for, staff_member):
    secret = token_for(staff_member)
    staff_member.is_active = False
    staff_member.save(update_fields=["is_active"])
    response = _bearer(secret).get("/api/v1/me")
    assert response.status_code == 401
    assert "disabled" in response.json()["detail"]


def test_a_bad_token_is_not_rescued_by_the_session(client_for, staff_member):
    client = client_for(staff_member)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer dh_wrong")
    assert response.status_code == 401


def test_the_refusal_is_in_vietnamese_by_default(db):
    response = Client(HTTP_AUTHORIZATION="Bearer dh_nope").get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập API không tồn tại."
    assert response["Content-Language"] == "vi"


def test_a_session_authenticates(client_for, staff_member):
    response = client_for(staff_member).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["auth_method"] == "session"


def test_a_session_write_needs_the_csrf_token(staff_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_member)
    response = client.post("/api/v1/tokens", data={"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_a_session_write_with_the_csrf_token_passes(staff_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_member)
    client.get("/api/v1/docs")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/tokens",
        data={"name": "script"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201


def test_an_administrator_session_needs_the_second_factor(org_admin):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(org_admin)  # password only: the TOTP step was not passed
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "two-factor" in response.json()["detail"]


def test_an_administrator_session_after_the_second_factor_passes(client_for, org_admin):
    response = client_for(org_admin).get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["two_factor"] == {"required": True, "enabled": True, "verified": True}


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Token abc"])
def test_other_schemes_are_not_credentials(db, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/me")
    assert response.status_code == 401
