"""The API's two ways in: a personal bearer token, or the browser session (with CSRF).

A request carrying ``Authorization: Bearer …`` is judged by the token alone: an unknown,
expired or revoked token is refused with a message saying which, never silently passed on
to the session. A session must have passed the second factor when the user needs one (the
two-factor middleware leaves ``/api/`` to us), and unsafe methods must carry the CSRF token.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from dienhong.accounts.middleware import needs_second_factor
from dienhong.accounts.models import ApiToken
from dienhong.accounts.services import TOKEN_PREFIX, authenticate_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer dh_…`` with a personal token (create one at ``POST /tokens``)."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is None:
            raise AuthenticationError(401, refusal_reason(token))
        request.user = user
        request.auth_method = "token"  # type: ignore[attr-defined]
        return user


def refusal_reason(secret: str) -> str:
    """Why ``secret`` was refused, in words the integrator can act on."""
    if not secret.startswith(TOKEN_PREFIX):
        return _("This is not a Diên Hồng API token (they start with %(prefix)s).") % {
            "prefix": TOKEN_PREFIX
        }
    # Same digest as accounts.services stores; only the digest is ever compared.
    digest = hashlib.sha256(secret.encode("utf-8")).hexdigest()
    token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
    if token is None:
        return _("Unknown API token.")
    if token.revoked_at is not None:
        return _("This API token was revoked; create a new one.")
    if token.expires_at <= timezone.now():
        return _("This API token expired on %(date)s; create a new one.") % {
            "date": timezone.localtime(token.expires_at).strftime("%d/%m/%Y")
        }
    return _("The account that owns this API token is disabled.")


class SessionAuth(APIKeyCookie):
    """The browser session of a logged-in user (as used by the browsable docs)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not user.is_verified() and needs_second_factor(user):
            raise AuthenticationError(
                401,
                _("Complete the two-factor check at login before using the API with this session."),
            )
        if (
            request.method not in SAFE_METHODS
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise HttpError(403, "CSRF check Failed")
        request.auth_method = "session"  # type: ignore[attr-defined]
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None  # __call__ does the work; kept for the abstract base class
