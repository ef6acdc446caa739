"""Writes on accounts: role grants, API tokens, logins for people, two-factor devices."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhong.accounts.models import ApiToken, RoleGrant, User
from dienhong.accounts.permissions import clear_cache, require
from dienhong.accounts.roles import ROLES
from dienhong.core import audit
from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.org.models import Person, Unit

TOKEN_PREFIX = "dh_"  # noqa: S105 - a public marker, not a secret


@transaction.atomic
def grant_role(
    *,
    actor: Any,
    user: User,
    role: str,
    unit: Unit,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> RoleGrant:
    """Give ``user`` ``role`` over ``unit``'s subtree. Only within the actor's own scope."""
    require(actor, "accounts.manage", unit=unit)
    if role not in ROLES:
        raise ValidationFailed(_("Unknown role."), field="role")
    if actor == user and ROLES[role].administrator:
        raise PermissionDenied(_("You cannot grant an administrator role to yourself."))
    try:
        with transaction.atomic():
            grant = RoleGrant.objects.create(
                user=user,
                role=role,
                unit=unit,
                valid_from=valid_from,
                valid_to=valid_to,
                granted_by=actor,
            )
    except IntegrityError as error:
        raise Conflict(
            _("This person already holds this role in this unit."), field="role"
        ) from error
    clear_cache(user)
    audit.record(
        actor,
        "role.granted",
        grant,
        changes={"user": user.username, "role": role, "unit": unit.name},
    )
    return grant


@transaction.atomic
def revoke_role(*, actor: Any, grant: RoleGrant) -> None:
    require(actor, "accounts.manage", unit=grant.unit)
    label = str(grant)
    grant.delete()
    clear_cache(grant.user)
    audit.record(actor, "role.revoked", None, changes={"grant": label})


@transaction.atomic
def create_login(*, actor: Any, person: Person, username: str, password: str, unit: Unit) -> User:
    """Give a person a login (usernames are unique, passwords validated)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    require(actor, "accounts.manage", unit=unit)
    if person.user_id is not None:
        raise Conflict(_("This person already has a login."), field="person")
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(_("This username is taken."), field="username")
    user = User(username=username, email=person.email, first_name=person.full_name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationFailed(error.messages[0], field="password") from error
    user.set_password(password)
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    audit.record(actor, "user.created", user, changes={"person": person.full_name})
    return user


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(*, actor: Any, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Create a personal token for ``actor``; the secret is returned once and never stored."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the token a name."), field="name")
    days = days or settings.DIENHONG_API_TOKEN_DAYS
    if not 1 <= days <= 366:
        raise ValidationFailed(_("A token lasts between 1 and 366 days."), field="days")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name[:100],
        prefix=secret[:10],
        key_hash=_hash(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit.record(actor, "token.created", token)
    return token, secret


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    if token.user_id != getattr(actor, "pk", None):
        raise PermissionDenied()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor, "token.revoked", token)
    return token


def authenticate_token(secret: str) -> User | None:
    """The active user behind a usable token, recording its use (at most once a minute)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(secret)).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- pages: two-factor enrolment and language preference (added for the account pages) -------


def start_totp_enrolment(*, actor: Any) -> Any:
    """The unconfirmed TOTP device ``actor`` is enrolling (created on first call, reused after).

    Nothing is audited yet: an unconfirmed device cannot be used to log in.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def confirm_totp_enrolment(*, actor: Any, device: Any, token: str) -> Any:
    """Confirm ``device`` with a code from the app; other unconfirmed devices are removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if device.user_id != getattr(actor, "pk", None) or device.confirmed:
        raise PermissionDenied()
    if not device.verify_token(token.strip()):
        raise ValidationFailed(
            _("The code is not correct. Check the time on your phone and try again."), field="token"
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=actor, confirmed=False).exclude(pk=device.pk).delete()
    audit.record(actor, "2fa.enrolled", actor, changes={"device": device.name})
    return device


@transaction.atomic
def set_preferred_language(*, actor: Any, language: str) -> User:
    """Remember the interface language ``actor`` chose (applied again at each login)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    codes = [code for code, _label in settings.LANGUAGES]
    if language not in codes:
        raise ValidationFailed(_("Unknown language."), field="language")
    if actor.preferred_language != language:
        old = actor.preferred_language
        actor.preferred_language = language
        actor.save(update_fields=["preferred_language"])
        audit.record(
            actor, "user.language_changed", actor, changes={"preferred_language": [old, language]}
        )
    return actor
