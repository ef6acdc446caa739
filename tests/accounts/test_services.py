from datetime import timedelta

import pytest
from django.utils import timezone

from dienhong.accounts import services
from dienhong.accounts.models import RoleGrant
from dienhong.accounts.permissions import has_perm
from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.org.models import Person


def test_token_secret_is_shown_once_and_only_its_hash_is_stored(world, staff_member):
    token, secret = services.create_api_token(actor=staff_member, name="Tích hợp")
    assert secret.startswith("dh_") and secret not in token.key_hash
    assert services.authenticate_token(secret) == staff_member
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_expired_and_unknown_tokens_are_refused(world, staff_member):
    token, secret = services.create_api_token(actor=staff_member, name="t")
    services.revoke_api_token(actor=staff_member, token=token)
    assert services.authenticate_token(secret) is None
    token2, secret2 = services.create_api_token(actor=staff_member, name="t2")
    token2.expires_at = timezone.now() - timedelta(seconds=1)
    token2.save()
    assert services.authenticate_token(secret2) is None
    assert services.authenticate_token("dh_nonsense") is None
    assert services.authenticate_token("Bearer xyz") is None


def test_tokens_of_deactivated_users_stop_working(world, staff_member):
    _, secret = services.create_api_token(actor=staff_member, name="t")
    staff_member.is_active = False
    staff_member.save()
    assert services.authenticate_token(secret) is None


def test_token_validation(world, staff_member, secretary_general):
    with pytest.raises(ValidationFailed):
        services.create_api_token(actor=staff_member, name="  ")
    with pytest.raises(ValidationFailed):
        services.create_api_token(actor=staff_member, name="x", days=1000)
    token, _ = services.create_api_token(actor=staff_member, name="x")
    with pytest.raises(PermissionDenied):
        services.revoke_api_token(actor=secretary_general, token=token)


def test_granting_roles_within_the_admins_scope(world, org_admin, staff_member):
    grant = services.grant_role(
        actor=org_admin, user=staff_member, role="unit_head", unit=world.units["VPQH-TH"]
    )
    assert has_perm(staff_member, "work.accept", unit=world.units["VPQH-TH"])
    with pytest.raises(Conflict):
        services.grant_role(
            actor=org_admin, user=staff_member, role="unit_head", unit=world.units["VPQH-TH"]
        )
    with pytest.raises(ValidationFailed):
        services.grant_role(
            actor=org_admin, user=staff_member, role="emperor", unit=world.units["VPQH-TH"]
        )
    services.revoke_role(actor=org_admin, grant=grant)
    assert not has_perm(staff_member, "work.accept", unit=world.units["VPQH-TH"])


def test_no_one_grants_an_administrator_role_to_themselves(world, org_admin):
    with pytest.raises(PermissionDenied):
        services.grant_role(
            actor=org_admin, user=org_admin, role="org_admin", unit=world.units["VPQH-TH"]
        )


def test_non_admins_cannot_grant_roles(world, secretary_general, staff_member):
    with pytest.raises(PermissionDenied):
        services.grant_role(
            actor=secretary_general, user=staff_member, role="leader", unit=world.root
        )
    assert not RoleGrant.objects.filter(user=staff_member, role="leader").exists()


def test_create_login_for_a_person(world, org_admin):
    person = Person.objects.filter(
        user__isnull=True, memberships__unit=world.units["VPQH-TH"]
    ).first()
    user = services.create_login(
        actor=org_admin,
        person=person,
        username="nguoimoi",
        password="Mat-khau-rat-dai-2026",
        unit=world.units["VPQH-TH"],
    )
    assert user.check_password("Mat-khau-rat-dai-2026")
    with pytest.raises(Conflict):
        services.create_login(
            actor=org_admin,
            person=person,
            username="khac",
            password="Mat-khau-rat-dai-2026",
            unit=world.units["VPQH-TH"],
        )


def test_create_login_refuses_weak_passwords_and_taken_usernames(world, org_admin):
    person = Person.objects.filter(
        user__isnull=True, memberships__unit=world.units["VPQH-TH"]
    ).first()
    with pytest.raises(ValidationFailed) as error:
        services.create_login(
            actor=org_admin,
            person=person,
            username="nguoimoi",
            password="123",
            unit=world.units["VPQH-TH"],
        )
    assert error.value.field == "password"
    with pytest.raises(Conflict):
        services.create_login(
            actor=org_admin,
            person=person,
            username="TONGTHUKY",
            password="Mat-khau-rat-dai-2026",
            unit=world.units["VPQH-TH"],
        )
