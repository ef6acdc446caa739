"""Two-factor enforcement: administrators must verify with TOTP before anything else."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Paths an unverified user may still reach: signing in and out, the second factor itself,
# assets and language switching. The API checks tokens and sessions itself (api/auth.py).
EXEMPT_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/api/",
    "/favicon",
)
# A "no second factor needed" answer is remembered in the session for this long, so ordinary
# staff do not pay its queries on every request; a role granted meanwhile counts within it.
NOT_NEEDED_CACHE_SECONDS = 300
SESSION_KEY = "dienhong_2fa_not_needed_until"


def needs_second_factor(user) -> bool:  # type: ignore[no-untyped-def]
    """True when this user must pass TOTP: they have a device, or an administrator role."""
    from django_otp import user_has_device

    from dienhong.accounts.permissions import is_administrator

    if user_has_device(user):
        return True
    return settings.DIENHONG_2FA_REQUIRED_FOR_ADMINS and is_administrator(user)


class TwoFactorEnforcementMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not user.is_verified()  # type: ignore[union-attr]
            and _needs_second_factor_cached(request, user)
        ):
            return redirect("accounts:two_factor")
        return self.get_response(request)


def _needs_second_factor_cached(request: HttpRequest, user) -> bool:  # type: ignore[no-untyped-def]
    now = time.time()
    if request.session.get(SESSION_KEY, 0) > now:
        return False
    needed = needs_second_factor(user)
    if not needed:
        request.session[SESSION_KEY] = now + NOT_NEEDED_CACHE_SECONDS
    return needed
