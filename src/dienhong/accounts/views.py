"""Login (with lockout), logout, the second factor and personal API tokens."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from dienhong.accounts import services
from dienhong.accounts.forms import ApiTokenForm, TokenCodeForm, add_service_error
from dienhong.accounts.middleware import EXEMPT_PREFIXES, needs_second_factor
from dienhong.accounts.models import ApiToken
from dienhong.core.errors import DomainError

LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600

View = Callable[..., HttpResponse]


def _safe_next(request: HttpRequest, default: str = "") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def verified_required(view: View) -> View:
    """Logged in, and past the second factor when the user needs one.

    The middleware enforces this on most paths; pages under its exempt prefixes (such as
    ``/accounts/``) act on the user's behalf too, so they check here.
    """

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        exempt = request.path.startswith(EXEMPT_PREFIXES)
        if exempt and not user.is_verified() and needs_second_factor(user):
            return redirect(
                f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}"
            )
        return view(request, *args, **kwargs)

    return wrapped


def set_language_cookie(response: HttpResponse, language: str) -> None:
    """Remember the interface language on this browser for a year."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite=cast(Any, settings.LANGUAGE_COOKIE_SAMESITE),
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if settings.LANGUAGE_COOKIE_NAME not in self.request.COOKIES:
            # Nobody chose a language on this browser yet: use the one the user chose before.
            set_language_cookie(response, user.preferred_language)
        return response

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if needs_second_factor(self.request.user):
            return f"{reverse('accounts:two_factor')}?{urlencode({'next': url})}"
        return url


def lockout(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:  # type: ignore[type-arg,no-untyped-def]
    """Shown by django-axes once an account and address have failed too often."""
    return render(
        request,
        "accounts/locked.html",
        {
            "message": _(
                "Too many failed attempts. This account is locked for a while; "
                "try again later or ask an administrator."
            )
        },
        status=429,
    )


def _qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG, drawn here (no network, no image file)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    return svg.split("?>", 1)[-1].strip()


def _group(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for a code (users with a device) or enrol a device (administrators without one)."""
    user: Any = request.user
    next_url = _safe_next(request)
    if user.is_verified():
        return HttpResponseRedirect(next_url)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    form = TokenCodeForm(request.POST or None)
    if device is not None:
        allowed, _details = device.verify_is_allowed()
        if request.method == "POST" and form.is_valid():
            if not allowed:
                form.add_error("token", _("Too many wrong codes. Wait a moment, then try again."))
            elif device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return HttpResponseRedirect(next_url)
            else:
                form.add_error(
                    "token",
                    _("The code is not correct. Check the time on your phone and try again."),
                )
        context = {"mode": "verify", "form": form, "next": next_url, "hide_nav": True}
        return render(request, "accounts/two_factor.html", context)

    required = needs_second_factor(user)
    enrolling = services.start_totp_enrolment(actor=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.confirm_totp_enrolment(
                actor=user, device=enrolling, token=form.cleaned_data["token"]
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            otp_login(request, enrolling)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return HttpResponseRedirect(next_url)
    secret = base64.b32encode(enrolling.bin_key).decode("ascii")
    context = {
        "mode": "enrol",
        "form": form,
        "hide_nav": required,
        "next": next_url,
        "required": required,
        "qr_svg": mark_safe(_qr_svg(enrolling.config_url)),
        "secret": _group(secret),
    }
    return render(request, "accounts/two_factor.html", context)


@never_cache
@verified_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's personal API tokens; a new token's secret is shown on this response only."""
    user: Any = request.user
    form = ApiTokenForm(request.POST or None)
    created_secret = ""
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created, created_secret = services.create_api_token(
                actor=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
            )
        except DomainError as error:
            add_service_error(form, error)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=user).order_by("-created_at"),
        "created": created,
        "created_secret": created_secret,
    }
    response = render(request, "accounts/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@verified_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
