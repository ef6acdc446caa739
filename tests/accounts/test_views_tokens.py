"""Personal API tokens: list, create (secret shown once), revoke."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dienhong.accounts.models import ApiToken
from dienhong.accounts.services import authenticate_token, create_api_token

pytestmark = pytest.mark.django_db


def test_it_creates_a_token_and_shows_the_secret_once(client_for, staff_member):
    client = client_for(staff_member)
    response = client.post(reverse("accounts:tokens"), {"name": "Bảng tính báo cáo", "days": "30"})
    secret = response.context["created_secret"]
    assert secret.startswith("dh_")
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert authenticate_token(secret) == staff_member
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert secret not in again
    assert "Bảng tính báo cáo" in again


def test_a_token_needs_a_name_and_a_sane_lifetime(client_for, staff_member):
    response = client_for(staff_member).post(
        reverse("accounts:tokens"), {"name": "", "days": "999"}
    )
    form = response.context["form"]
    assert form.errors["name"] and form.errors["days"]
    assert not ApiToken.objects.filter(user=staff_member).exists()


def test_a_blank_name_is_refused_by_the_service_on_the_field(client_for, staff_member):
    response = client_for(staff_member).post(
        reverse("accounts:tokens"), {"name": "   ", "days": "10"}
    )
    assert response.context["form"].errors["name"]


def test_it_revokes_a_token(client_for, staff_member):
    token, secret = create_api_token(actor=staff_member, name="cũ")
    response = client_for(staff_member).post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert authenticate_token(secret) is None
    html = client_for(staff_member).get(reverse("accounts:tokens")).content.decode()
    assert "đã thu hồi" in html


def test_nobody_revokes_someone_elses_token(client_for, staff_member, clerk):
    token, _secret = create_api_token(actor=clerk, name="của văn thư")
    response = client_for(staff_member).post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_page_lists_only_ones_own_tokens(client_for, staff_member, clerk):
    create_api_token(actor=clerk, name="của văn thư")
    tokens = client_for(staff_member).get(reverse("accounts:tokens")).context["tokens"]
    assert all(t.user_id == staff_member.pk for t in tokens)


def test_an_administrator_must_pass_the_second_factor_before_making_tokens(org_admin):
    client = Client()
    client.force_login(org_admin)
    response = client.post(reverse("accounts:tokens"), {"name": "lách", "days": "5"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    assert not ApiToken.objects.filter(user=org_admin).exists()
