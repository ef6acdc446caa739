"""The shell of the site: home page, audit log, language switch and health check."""

from __future__ import annotations

import shutil
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from dienhong.accounts import services as account_services
from dienhong.accounts.permissions import has_perm
from dienhong.accounts.views import set_language_cookie, verified_required
from dienhong.core import jobs
from dienhong.core.selectors import audit_actions, audit_events, audit_object_types
from dienhong.site import selectors

AUDIT_PAGE_SIZE = 50


@verified_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", selectors.home_context(request.user))


class AuditFilterForm(forms.Form):
    actor = forms.TypedChoiceField(
        label=_("Person (actor)"), required=False, coerce=int, empty_value=None
    )
    action = forms.ChoiceField(label=pgettext_lazy("audit", "Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = ("", _("Everyone"))
        self.fields["actor"].choices = [everyone, *selectors.audit_actor_choices()]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", _("All actions")), *((a, a) for a in audit_actions())]  # type: ignore[attr-defined]
        self.fields["object_type"].choices = [  # type: ignore[attr-defined]
            ("", _("All types")),
            *((t, t) for t in audit_object_types()),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("since") and cleaned.get("until") and cleaned["until"] < cleaned["since"]:
            self.add_error("until", _("The end of the period is before its start."))
        return cleaned


@verified_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log for auditors: filter by person, object, action and period; newest first."""
    user = request.user
    if not has_perm(user, "audit.view"):
        raise PermissionDenied
    params = request.GET.copy()
    params.pop("before", None)
    form = AuditFilterForm(params or None)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "actor_id": data["actor"],
            "action": data["action"],
            "object_type": data["object_type"],
            "object_id": data["object_id"].strip(),
            "since": data["since"],
            "until": data["until"],
        }
    queryset = audit_events(user, **filters)
    before = request.GET.get("before", "")
    if before.isdigit():
        queryset = queryset.filter(seq__lt=int(before))
    events = list(queryset[: AUDIT_PAGE_SIZE + 1])
    has_more = len(events) > AUDIT_PAGE_SIZE
    events = events[:AUDIT_PAGE_SIZE]
    for event in events:
        event.change_rows = selectors.change_rows(event)  # type: ignore[attr-defined]
    context = {
        "form": form,
        "events": events,
        "older": events[-1].seq if has_more else None,
        "paged": before.isdigit(),
        "filter_query": params.urlencode(),
    }
    return render(request, "site/audit.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, remembered for a year and, for a user, at the next login."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        set_language_cookie(response, language)
        if request.user.is_authenticated:
            account_services.set_preferred_language(actor=request.user, language=language)
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, job queue and disk, for monitoring. 503 when something is down."""
    checks: dict[str, object] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True, "engine": connection.vendor}
    except Exception as error:  # pragma: no cover - exercised by the PostgreSQL outage test
        healthy = False
        checks["database"] = {"ok": False, "error": type(error).__name__}
    try:
        status = jobs.queue_status()
        checks["jobs"] = {"ok": True, **status}
    except Exception as error:
        healthy = False
        checks["jobs"] = {"ok": False, "error": type(error).__name__}
    usage = shutil.disk_usage(
        settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.VAR_DIR
    )
    disk_ok = usage.free >= settings.DIENHONG_HEALTH_MIN_FREE_BYTES
    healthy = healthy and disk_ok
    checks["disk"] = {"ok": disk_ok, "free_bytes": usage.free, "total_bytes": usage.total}
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503
    )
