"""Work in the API: tasks (list, detail, progress, submit, approve, return), directives, the
dashboard and a period's report. Thin: selectors read (scoped in the query), services write.
Mounted by ``dienhong.api.main`` (routers declare full paths); errors raised here are turned
into ``application/problem+json`` by the API app.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from dienhong.core.errors import NotFound, ValidationFailed
from dienhong.core.schemas import Day, Id, InputSchema, PageParams, SearchText, Text
from dienhong.org.models import Unit
from dienhong.work import reports, selectors, services
from dienhong.work.models import Directive, Task, TaskState

router = Router(tags=["work"])


class TaskOut(Schema):
    id: int
    title: str
    directive_id: int | None
    directive: str = ""
    lead_unit_id: int | None
    lead_unit: str = ""
    owner_id: int | None
    owner: str = ""
    state: str
    progress: int
    assigned_on: date | None
    due: date | None
    original_due: date | None
    completed_on: date | None
    timeliness: str = Field(description="on_time, late, in_time, overdue or none (computed).")
    due_soon: bool = False
    version: int


class EventOut(Schema):
    kind: str
    at: datetime
    actor: str
    percent: int | None
    comment: str


class MilestoneOut(Schema):
    title: str
    due: date
    done_on: date | None


class TaskDetailOut(TaskOut):
    description: str
    expected_result: str
    acceptor: str = ""
    responsible_leader: str = ""
    support_units: list[str]
    milestones: list[MilestoneOut]
    events: list[EventOut]
    allowed_actions: list[str]


class TaskPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TaskOut]


class TaskFilters(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000_000)
    unit: int | None = Field(
        None, ge=1, le=2**63 - 1, description="Lead unit id (its subtree included)."
    )
    state: TaskState | None = None
    timeliness: str | None = Field(None, pattern="^(on_time|late|in_time|overdue|due_soon|open)$")
    mine: bool = Field(False, description="Only tasks I am responsible for.")
    due_from: Day | None = None
    due_to: Day | None = None
    q: SearchText = ""


class ProgressIn(InputSchema):
    percent: int = Field(ge=0, le=100)
    comment: Text = Field("", max_length=5000)
    version: int | None = Field(
        None, ge=1, le=2**31, description="The version you read (optimistic locking)."
    )


class CommentIn(InputSchema):
    comment: Text = Field("", max_length=5000)
    version: int | None = Field(None, ge=1, le=2**31)


class ReasonIn(InputSchema):
    reason: Text = Field(min_length=1, max_length=5000)
    version: int | None = Field(None, ge=1, le=2**31)


class DirectiveOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    issued_on: date
    issuer: str
    meeting: str
    task_count: int = 0
    done_count: int = 0
    overdue_count: int = 0


class DirectivePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DirectiveOut]


class PageIn(PageParams):
    q: SearchText = ""


class CountsOut(Schema):
    total: int
    on_time: int
    late: int
    in_time: int
    overdue: int
    due_soon: int


class UnitCountsOut(Schema):
    unit_id: int
    unit: str
    counts: CountsOut


class MonthOut(Schema):
    month: date
    on_time: int
    late: int
    in_time: int
    overdue: int


class DashboardOut(Schema):
    unit_id: int | None
    unit: str
    on: date
    counts: CountsOut
    units: list[UnitCountsOut]
    trend: list[MonthOut]


class DashboardIn(Schema):
    unit: Id | None = None


class ReportIn(Schema):
    start: Day
    end: Day
    unit: Id | None = None


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _task_data(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "title": task.title,
        "directive_id": task.directive_id,
        "directive": str(task.directive or ""),
        "lead_unit_id": task.lead_unit_id,
        "lead_unit": str(task.lead_unit or ""),
        "owner_id": task.owner_id,
        "owner": str(task.owner or ""),
        "state": task.state,
        "progress": task.progress,
        "assigned_on": task.assigned_on,
        "due": task.due,
        "original_due": task.original_due,
        "completed_on": task.completed_on,
        "timeliness": getattr(task, "timeliness", "none"),
        "due_soon": bool(getattr(task, "due_soon", False)),
        "version": task.version,
    }


def _counts(counts: selectors.Counts) -> dict[str, int]:
    return {
        name: getattr(counts, name)
        for name in ("total", "on_time", "late", "in_time", "overdue", "due_soon")
    }


def _unit(user: Any, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = selectors.dashboard_units(user).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound(_("No unit with id %(id)s.") % {"id": unit_id})
    return unit


def _task(user: Any, task_id: Id) -> Task:
    task = selectors.task_detail(user, task_id)
    if task is None:
        raise NotFound(_("No task with id %(id)s.") % {"id": task_id})
    return task


@router.get("/tasks", response=TaskPage, summary="List tasks")
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any]:
    """Tasks visible to you, with their computed timeliness; filters combine."""
    user = _user(request)
    arguments: dict[str, Any] = {
        "unit": _unit(user, filters.unit),
        "state": filters.state.value if filters.state else "",
        "timeliness": filters.timeliness or "",
        "q": filters.q,
        "due_from": filters.due_from,
        "due_to": filters.due_to,
    }
    queryset = (
        selectors.my_tasks(user, **arguments)
        if filters.mine
        else selectors.task_list(user, **arguments)
    )
    count = queryset.count()
    items = list(queryset[filters.offset : filters.offset + filters.limit]) if count else []
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_task_data(task) for task in items],
    }


@router.get("/tasks/{int:task_id}", response=TaskDetailOut, summary="Get a task with its timeline")
def get_task(request: HttpRequest, task_id: Id) -> dict[str, Any]:
    user = _user(request)
    task = _task(user, task_id)
    return _detail(user, task)


def _detail(user: Any, task: Task) -> dict[str, Any]:
    fresh = selectors.task_detail(user, task.pk) or task
    return {
        **_task_data(fresh),
        "description": fresh.description,
        "expected_result": fresh.expected_result,
        "acceptor": str(fresh.acceptor or ""),
        "responsible_leader": str(fresh.responsible_leader or ""),
        "support_units": [unit.name for unit in fresh.support_units.all()],
        "milestones": [
            {"title": m.title, "due": m.due, "done_on": m.done_on} for m in fresh.milestones.all()
        ],
        "events": [
            {
                "kind": e.kind,
                "at": e.at,
                "actor": e.actor_label,
                "percent": e.percent,
                "comment": e.comment,
            }
            for e in fresh.events.all()
        ],
        "allowed_actions": sorted(services.allowed_actions(user, fresh)),
    }


@router.post("/tasks/{int:task_id}/progress", response=TaskDetailOut, summary="Report progress")
def report_progress(request: HttpRequest, task_id: Id, payload: ProgressIn) -> dict[str, Any]:
    user = _user(request)
    task = _task(user, task_id)
    services.add_progress(
        actor=user,
        task=task,
        percent=payload.percent,
        comment=payload.comment,
        version=payload.version,
    )
    return _detail(user, task)


@router.post(
    "/tasks/{int:task_id}/accept", response=TaskDetailOut, summary="Accept an assigned task"
)
def accept(request: HttpRequest, task_id: Id, payload: CommentIn) -> dict[str, Any]:
    user = _user(request)
    task = _task(user, task_id)
    services.accept_task(actor=user, task=task, version=payload.version, comment=payload.comment)
    return _detail(user, task)


@router.post("/tasks/{int:task_id}/submit", response=TaskDetailOut, summary="Submit the result")
def submit(request: HttpRequest, task_id: Id, payload: CommentIn) -> dict[str, Any]:
    user = _user(request)
    task = _task(user, task_id)
    services.submit_result(actor=user, task=task, comment=payload.comment, version=payload.version)
    return _detail(user, task)


@router.post("/tasks/{int:task_id}/approve", response=TaskDetailOut, summary="Approve the result")
def approve(request: HttpRequest, task_id: Id, payload: CommentIn) -> dict[str, Any]:
    user = _user(request)
    task = _task(user, task_id)
    services.approve_result(actor=user, task=task, version=payload.version, comment=payload.comment)
    return _detail(user, task)


@router.post(
    "/tasks/{int:task_id}/return", response=TaskDetailOut, summary="Return the result for rework"
)
def return_for_rework(request: HttpRequest, task_id: Id, payload: ReasonIn) -> dict[str, Any]:
    user = _user(request)
    task = _task(user, task_id)
    services.return_result(actor=user, task=task, version=payload.version, reason=payload.reason)
    return _detail(user, task)


def _directive_data(directive: Directive) -> dict[str, Any]:
    return {
        "id": directive.pk,
        "kind": directive.kind,
        "number": directive.number,
        "title": directive.title,
        "issued_on": directive.issued_on,
        "issuer": directive.issuer_label or str(directive.issuer or ""),
        "meeting": directive.meeting,
        "task_count": getattr(directive, "task_count", 0),
        "done_count": getattr(directive, "done_count", 0),
        "overdue_count": getattr(directive, "overdue_count", 0),
    }


@router.get("/directives", response=DirectivePage, summary="List directives")
def list_directives(request: HttpRequest, filters: Query[PageIn]) -> dict[str, Any]:
    queryset = selectors.directive_list(_user(request), q=filters.q)
    count = queryset.count()
    items = list(queryset[filters.offset : filters.offset + filters.limit]) if count else []
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [_directive_data(d) for d in items],
    }


@router.get("/directives/{int:directive_id}", response=DirectiveOut, summary="Get a directive")
def get_directive(request: HttpRequest, directive_id: Id) -> dict[str, Any]:
    directive = selectors.directive_list(_user(request)).filter(pk=directive_id).first()
    if directive is None:
        raise NotFound(_("No directive with id %(id)s.") % {"id": directive_id})
    return _directive_data(directive)


@router.get(
    "/work/dashboard", response=DashboardOut, summary="Dashboard of a unit (subtree rolled up)"
)
def dashboard(request: HttpRequest, filters: Query[DashboardIn]) -> dict[str, Any]:
    user = _user(request)
    unit = _unit(user, filters.unit) or selectors.default_dashboard_unit(user)
    board = selectors.dashboard(user, unit=unit)
    return {
        "unit_id": board.unit.pk if board.unit else None,
        "unit": str(board.unit or ""),
        "on": board.on,
        "counts": _counts(board.counts),
        "units": [
            {"unit_id": row.unit.pk, "unit": row.unit.name, "counts": _counts(row.counts)}
            for row in board.rows
        ],
        "trend": board.trend,
    }


@router.get("/work/report", response=TaskPage, summary="Tasks of a period, as in the report")
def period_report(request: HttpRequest, filters: Query[ReportIn]) -> dict[str, Any]:
    """The rows of the "Báo cáo tình hình thực hiện nhiệm vụ" for ``start``–``end``."""
    user = _user(request)
    if filters.end < filters.start:
        raise ValidationFailed(_("The end of the period is before its start."), field="end")
    data = reports.build(user, start=filters.start, end=filters.end, unit=_unit(user, filters.unit))
    return {
        "count": len(data.tasks),
        "limit": len(data.tasks),
        "offset": 0,
        "items": [_task_data(task) for task in data.tasks],
    }
