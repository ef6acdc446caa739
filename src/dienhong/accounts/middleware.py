"""Two-factor enforcement: administrators must verify with TOTP before anything else."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/api/", "/favicon")


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
            and needs_second_factor(user)
        ):
            return redirect("accounts:two_factor")
        return self.get_response(request)
