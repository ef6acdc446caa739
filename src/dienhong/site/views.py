"""The shell of the site: home page and health check."""

from __future__ import annotations

import shutil

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dienhong.core import jobs
from dienhong.site import selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", selectors.home_context(request.user))


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
    usage = shutil.disk_usage(settings.MEDIA_ROOT if settings.MEDIA_ROOT.exists() else settings.VAR_DIR)
    disk_ok = usage.free >= settings.DIENHONG_HEALTH_MIN_FREE_BYTES
    healthy = healthy and disk_ok
    checks["disk"] = {"ok": disk_ok, "free_bytes": usage.free, "total_bytes": usage.total}
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
