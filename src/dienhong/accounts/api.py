"""The caller's account in the API: ``GET /me`` and personal API tokens.

Tokens are created from a logged-in browser session only (the docs page at ``/api/v1/docs``
or *Account → API tokens*), so a leaked token cannot mint longer-lived ones.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import user_has_device
from ninja import Query, Router, Status

from dienhong.accounts import services
from dienhong.accounts.models import ApiToken, RoleGrant
from dienhong.accounts.permissions import is_administrator
from dienhong.accounts.roles import ROLES, permissions_of
from dienhong.accounts.schemas import MeOut, TokenCreatedOut, TokenCreateIn, TokenPage
from dienhong.core.errors import NotFound, PermissionDenied
from dienhong.core.schemas import Id, PageParams, paginate
from dienhong.org.selectors import current_memberships

router = Router(tags=["account"])


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _auth_method(request: HttpRequest) -> str:
    return getattr(request, "auth_method", "session")


@router.get("/me", response=MeOut, summary="Who am I")
def me(request: HttpRequest) -> dict[str, Any]:
    """The caller's login, person, posts, roles, permissions and two-factor state."""
    user = _user(request)
    person = getattr(user, "person", None)
    grants = list(
        RoleGrant.objects.active()
        .filter(user=user)
        .select_related("unit")
        .order_by("role", "unit__path")
    )
    permissions = sorted({perm for grant in grants for perm in permissions_of(grant.role)})
    method = _auth_method(request)
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": person.full_name if person else (user.get_full_name() or user.username),
        "language": user.preferred_language,
        "auth_method": method,
        "person": person,
        "posts": list(current_memberships().filter(person=person)) if person else [],
        "roles": [
            {
                "role": grant.role,
                "label": str(ROLES[grant.role].label) if grant.role in ROLES else grant.role,
                "unit": grant.unit,
                "valid_from": grant.valid_from,
                "valid_to": grant.valid_to,
            }
            for grant in grants
        ],
        "permissions": permissions,
        "two_factor": {
            "required": bool(settings.DIENHONG_2FA_REQUIRED_FOR_ADMINS and is_administrator(user)),
            "enabled": user_has_device(user),
            "verified": method == "session" and bool(user.is_verified()),
        },
    }


@router.get("/tokens", response=TokenPage, summary="List my API tokens")
def list_tokens(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    """The caller's own tokens, newest first (secrets are never shown again)."""
    tokens = ApiToken.objects.filter(user=_user(request)).order_by("-created_at", "-id")
    return paginate(tokens, page)


@router.post("/tokens", response={201: TokenCreatedOut}, summary="Create an API token")
def create_token(request: HttpRequest, payload: TokenCreateIn) -> Status[dict[str, Any]]:
    """From a logged-in session only. The `secret` is in this response and nowhere else."""
    if _auth_method(request) != "session":
        raise PermissionDenied(
            _("Create API tokens from a logged-in browser session, not with another token.")
        )
    token, secret = services.create_api_token(
        actor=_user(request), name=payload.name, days=payload.days
    )
    return Status(201, {**_token_data(token), "secret": secret})


@router.delete("/tokens/{int:token_id}", response={204: None}, summary="Revoke an API token")
def revoke_token(request: HttpRequest, token_id: Id) -> Status[None]:
    """Revoke one of the caller's tokens at once (revoking twice is harmless)."""
    user = _user(request)
    token = ApiToken.objects.filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound(_("You have no API token with id %(id)s.") % {"id": token_id})
    services.revoke_api_token(actor=user, token=token)
    return Status(204, None)


def _token_data(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "is_usable": token.is_usable,
    }
