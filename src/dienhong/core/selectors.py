"""Reads of the audit log, scoped to the reader in the query.

Reading the log needs the ``audit.view`` permission. Roles live in ``accounts``, a layer above
``core``, so ``core`` cannot ask them directly: the accounts layer installs its check with
``set_permission_check`` (dependency inversion); until it does, nobody may read the log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from dienhong.core.models import AuditEvent

PermissionCheck = Callable[[Any, str], bool]


def _deny(user: Any, permission: str) -> bool:
    return False


_permission_check: PermissionCheck = _deny


def set_permission_check(check: PermissionCheck) -> None:
    """Install ``check(user, permission) -> bool`` (called by the accounts layer)."""
    global _permission_check
    _permission_check = check


def may_read_audit_log(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _permission_check(user, "audit.view")


def _start_of(day: date | datetime) -> datetime:
    if isinstance(day, datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events(
    user: Any,
    *,
    actor_id: int | None = None,
    object_type: str = "",
    object_id: str = "",
    action: str = "",
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> QuerySet[AuditEvent]:
    """Events ``user`` may read, newest first, filtered.

    ``since`` is inclusive; ``until`` is inclusive for a date (the whole day) and exclusive
    for a datetime. ``action`` matches exactly, or as a prefix when it ends with ``.``
    (``"unit."`` gives every unit event).
    """
    if not may_read_audit_log(user):
        return AuditEvent.objects.none()
    queryset = AuditEvent.objects.all()
    if actor_id is not None:
        queryset = queryset.filter(actor_id=actor_id)
    if object_type:
        queryset = queryset.filter(object_type=object_type)
    if object_id:
        queryset = queryset.filter(object_id=str(object_id))
    if action:
        if action.endswith("."):
            queryset = queryset.filter(action__startswith=action)
        else:
            queryset = queryset.filter(action=action)
    if since is not None:
        queryset = queryset.filter(at__gte=_start_of(since))
    if until is not None:
        if isinstance(until, datetime):
            queryset = queryset.filter(at__lt=_start_of(until))
        else:
            queryset = queryset.filter(at__lt=_start_of(until + timedelta(days=1)))
    return queryset.order_by("-seq")


def audit_actions() -> list[str]:
    """The distinct action names recorded so far (for filter choices)."""
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_object_types() -> list[str]:
    return list(
        AuditEvent.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
