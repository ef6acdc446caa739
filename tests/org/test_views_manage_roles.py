"""Role grants: granting and revoking within the administrator's own scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dienhong.accounts.models import RoleGrant
from dienhong.core.models import AuditEvent
from dienhong.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client_for, org_admin):
    return client_for(org_admin)


def test_it_lists_grants_in_scope(admin):
    response = admin.get(reverse("org:manage_roles"), {"q": "vutruong"})
    users = {g.user.username for g in response.context["page_obj"]}
    assert users == {"vutruong.tonghop", "vutruong.hanhchinh"}


def test_it_grants_a_role(admin, world, clerk):
    response = admin.post(
        reverse("org:manage_roles"),
        {"username": "VANTHU", "role": "unit_head", "unit": world.units["VPQH-HC-P1"].pk},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=clerk, role="unit_head")
    assert grant.unit == world.units["VPQH-HC-P1"]
    assert AuditEvent.objects.filter(action="role.granted").exists()


def test_an_unknown_username_is_shown_on_its_field(admin, world):
    response = admin.post(
        reverse("org:manage_roles"),
        {"username": "khong.co", "role": "staff", "unit": world.units["VPQH-TH"].pk},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["username"] == [
        "Không có tài khoản nào có tên đăng nhập này."
    ]


def test_a_duplicate_grant_is_shown_on_the_role_field(admin, world):
    response = admin.post(
        reverse("org:manage_roles"),
        {"username": "vanthu", "role": "clerk", "unit": world.units["VPQH-HC"].pk},
    )
    assert response.status_code == 422
    assert "Người này đã có vai trò này tại đơn vị này." in response.context["form"].errors["role"]


def test_an_administrator_cannot_grant_themselves_an_administrator_role(admin, world):
    response = admin.post(
        reverse("org:manage_roles"),
        {"username": "quantri", "role": "org_admin", "unit": world.units["VPQH-TH"].pk},
    )
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_the_period_must_be_ordered(admin, world):
    response = admin.post(
        reverse("org:manage_roles"),
        {
            "username": "vanthu",
            "role": "staff",
            "unit": world.units["VPQH-TH"].pk,
            "valid_from": "2026-05-01",
            "valid_to": "2026-04-01",
        },
    )
    assert response.status_code == 422
    assert "valid_to" in response.context["form"].errors


def test_it_revokes_a_grant_and_returns_to_the_page(admin, clerk):
    grant = RoleGrant.objects.get(user=clerk, role="clerk")
    response = admin.post(
        reverse("org:revoke_role", args=[grant.pk]), {"next": "/org/manage/roles/?q=van"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/org/manage/roles/?q=van"
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_revoke_ignores_a_foreign_next(admin, clerk):
    grant = RoleGrant.objects.get(user=clerk, role="clerk")
    response = admin.post(
        reverse("org:revoke_role", args=[grant.pk]), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("org:manage_roles")


def test_revoke_needs_post(admin, clerk):
    grant = RoleGrant.objects.get(user=clerk, role="clerk")
    assert admin.get(reverse("org:revoke_role", args=[grant.pk])).status_code == 405


def test_the_person_page_grants_a_role_to_their_login(admin, world, clerk):
    person = Person.objects.get(user=clerk)
    response = admin.post(
        reverse("org:person_edit", args=[person.pk]),
        {
            "action": "grant",
            "username": "vanthu",
            "role": "staff",
            "unit": world.units["VPQH-TH"].pk,
        },
    )
    assert response.status_code == 302
    page = admin.get(reverse("org:person_edit", args=[person.pk]))
    assert {g.role for g in page.context["grants"]} == {"clerk", "staff"}


def test_the_grants_list_has_a_fixed_query_count(admin, django_assert_num_queries):
    admin.get(reverse("org:manage_roles"))
    with django_assert_num_queries(8):
        admin.get(reverse("org:manage_roles"))
