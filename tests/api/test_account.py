"""``/me`` and personal API tokens."""

from __future__ import annotations

from dienhong.accounts.models import ApiToken
from dienhong.core.models import AuditEvent


def test_me_describes_the_caller(api_for, department_head):
    body = api_for(department_head, language="en").get("/api/v1/me").json()
    assert body["username"] == "vutruong.tonghop"
    assert body["posts"][0]["unit"]["code"] == "VPQH-TH"
    assert body["posts"][0]["position"]["title"] == "Vụ trưởng"
    assert [(role["role"], role["unit"]["code"]) for role in body["roles"]] == [
        ("unit_head", "VPQH-TH")
    ]
    assert body["roles"][0]["label"] == "Head of unit"
    assert "org.view_private" in body["permissions"]
    assert body["two_factor"] == {"required": False, "enabled": False, "verified": False}


def test_tokens_are_created_from_a_session_and_shown_once(client_for, staff_member):
    client = client_for(staff_member)
    response = client.post(
        "/api/v1/tokens", {"name": "Báo cáo tuần", "days": 30}, content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["secret"].startswith("dh_") and body["secret"].startswith(body["prefix"])
    assert body["is_usable"] is True
    listed = client.get("/api/v1/tokens").json()
    assert listed["count"] == 1 and "secret" not in listed["items"][0]
    # The new token works at once.
    from django.test import Client

    me = Client(HTTP_AUTHORIZATION=f"Bearer {body['secret']}").get("/api/v1/me")
    assert me.json()["username"] == staff_member.username


def test_a_token_cannot_create_tokens(api_for, staff_member):
    response = api_for(staff_member, language="en").post("/api/v1/tokens", {"name": "more"})
    assert response.status_code == 403
    assert "browser session" in response.json()["detail"]


def test_token_lifetime_is_bounded(client_for, staff_member):
    response = client_for(staff_member).post(
        "/api/v1/tokens", {"name": "x", "days": 400}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "days"


def test_a_token_is_revoked_and_stops_working(api_for, token_for, staff_member):
    secret = token_for(staff_member)
    token = ApiToken.objects.get(user=staff_member)
    api = api_for(staff_member)
    assert api.delete(f"/api/v1/tokens/{token.pk}").status_code == 204
    assert AuditEvent.objects.filter(action="token.revoked", object_id=str(token.pk)).exists()
    from django.test import Client

    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").status_code == 401


def test_someone_elses_token_is_not_found(api_for, token_for, staff_member, clerk):
    token_for(clerk)
    token = ApiToken.objects.get(user=clerk)
    response = api_for(staff_member).delete(f"/api/v1/tokens/{token.pk}")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
