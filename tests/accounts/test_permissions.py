"""`require` and scopes: roles within a unit subtree, no superuser shortcut."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dienhong.accounts import permissions
from dienhong.accounts.models import RoleGrant
from dienhong.core.errors import PermissionDenied


def test_a_role_covers_the_unit_and_its_descendants(world, department_head):
    th = world.units["VPQH-TH"]
    assert permissions.has_perm(department_head, "work.assign", unit=th)
    assert not permissions.has_perm(department_head, "work.assign", unit=world.units["VPQH-HC"])
    assert not permissions.has_perm(department_head, "work.assign", unit=world.root)


def test_paths_are_compared_segment_by_segment(world, department_head):
    """/1/2/ must not cover /1/23/."""
    paths = permissions.scope_paths(department_head, "work.assign")
    assert all(p.endswith("/") for p in paths)
    units = permissions.units_in_scope(department_head, "work.assign")
    assert set(units.values_list("code", flat=True)) == {"VPQH-TH"}


def test_leader_at_the_root_covers_the_whole_office(world, secretary_general):
    scope = permissions.units_in_scope(secretary_general, "work.direct")
    assert scope.filter(code="VPQH-HC-P1").exists()
    assert not scope.filter(code="VPDD-01").exists()  # delegation offices are another tree


def test_superusers_get_no_shortcut(world, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    with pytest.raises(PermissionDenied):
        permissions.require(root, "org.manage", unit=world.root)
    assert permissions.is_administrator(root)  # but the Django admin fallback needs 2FA


def test_expired_and_future_grants_do_not_count(world, staff_member):
    today = timezone.localdate()
    RoleGrant.objects.create(user=staff_member, role="org_admin", unit=world.root, valid_to=today)
    RoleGrant.objects.create(
        user=staff_member, role="auditor", unit=world.root, valid_from=today + timedelta(days=1)
    )
    assert not permissions.has_perm(staff_member, "org.manage")
    assert not permissions.has_perm(staff_member, "audit.view")


def test_inactive_users_have_no_permissions(world, secretary_general):
    secretary_general.is_active = False
    assert not permissions.has_perm(secretary_general, "org.view")


def test_require_reads_the_unit_from_the_object(world, department_head):
    class Thing:
        def permission_unit(self):
            return world.units["VPQH-TH"]

    permissions.require(department_head, "work.assign", obj=Thing())
    with pytest.raises(PermissionDenied):
        permissions.require(department_head, "org.manage", obj=Thing())


def test_anonymous_has_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.has_perm(AnonymousUser(), "org.view")
    assert not permissions.is_administrator(AnonymousUser())
    assert permissions.scope_paths(None, "org.view") == []


def test_an_unverified_administrator_is_sent_to_the_second_factor_everywhere(world, org_admin):
    from django.test import Client

    client = Client()
    client.force_login(org_admin)
    for url in ["/", "/org/", "/accounts/tokens/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/2fa/")
    assert client.get("/accounts/2fa/").status_code == 200


def test_staff_without_a_device_pass_and_the_answer_is_remembered(world, staff_member):
    from django.test import Client

    from dienhong.accounts.middleware import SESSION_KEY

    client = Client()
    client.force_login(staff_member)
    assert client.get("/").status_code == 200
    assert client.session[SESSION_KEY] > 0
