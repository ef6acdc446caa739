"""``GET /audit-events``: the audit log for auditors (``audit.view``), filtered and paged.

The log belongs to ``core``, which has no router of its own (routers live in their app, and
``core`` is below ninja's users), so the API app serves it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dienhong.core.errors import PermissionDenied
from dienhong.core.schemas import DayOrMoment, Id, PageParams, Text, paginate
from dienhong.core.selectors import audit_events, may_read_audit_log

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    seq: int = Field(description="Position in the hash chain (1, 2, 3 …).")
    at: datetime
    actor_id: int | None = Field(description="The user who acted; null for the system.")
    actor_label: str = Field(description="The user's login name at the time, or `system`.")
    action: str = Field(description="What happened, e.g. `unit.renamed`.")
    object_type: str = Field(description="The kind of object, e.g. `org.unit`.")
    object_id: str
    object_repr: str
    changes: dict[str, Any] = Field(description="Before/after summary of the change.")
    request_id: str
    ip: str | None
    prev_hash: str
    hash: str


class AuditEventPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AuditEventOut]


class AuditFilters(PageParams):
    actor: Id | None = Field(None, description="Only events by this user id.")
    object_type: Text = Field(
        "", max_length=100, description="Only this kind of object, e.g. `org.person`."
    )
    object_id: Text = Field("", max_length=64, description="Only this object (with `object_type`).")
    action: Text = Field(
        "",
        max_length=100,
        description="Only this action; ending with `.` matches a family (`unit.`).",
    )
    since: DayOrMoment | None = Field(None, description="From this day or moment (inclusive).")
    until: DayOrMoment | None = Field(
        None, description="Until this day (inclusive) or before this moment (exclusive)."
    )


@router.get("/audit-events", response=AuditEventPage, summary="List audit events")
def list_audit_events(request: HttpRequest, filters: Query[AuditFilters]) -> dict[str, Any]:
    """Newest first. Needs the `audit.view` permission (the auditor role)."""
    if not may_read_audit_log(request.auth):  # type: ignore[attr-defined]
        raise PermissionDenied()
    events = audit_events(
        request.auth,  # type: ignore[attr-defined]
        actor_id=filters.actor,
        object_type=filters.object_type,
        object_id=filters.object_id,
        action=filters.action,
        since=filters.since,
        until=filters.until,
    )
    return paginate(events, filters)
