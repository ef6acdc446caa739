"""Every write of the work module: directives, tasks and their lifecycle.

Each service is keyword-only, checks permission first, writes in one transaction, appends to
the task's timeline and to the audit log, and enqueues e-mail only after commit. Transitions
are guarded by the task's ``version`` (optimistic concurrency): of two people approving at
once one wins and the other gets a translated ``Conflict``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dienhong.accounts.permissions import has_perm, require
from dienhong.core import audit, jobs
from dienhong.core.calendar import add_working_days, is_working_day, next_working_day
from dienhong.core.dates import long_date
from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.core.text import nfc
from dienhong.org.models import Person, Unit
from dienhong.work import selectors
from dienhong.work.models import (
    CLOSED_STATES,
    WORKING_STATES,
    Attachment,
    Directive,
    DirectiveKind,
    EventKind,
    ExtensionRequest,
    ExtensionState,
    FeedToken,
    Milestone,
    Notification,
    SavedView,
    Task,
    TaskEvent,
    TaskState,
)

# --- permission rules (one place; views ask ``allowed_actions`` to show buttons) -----------


def _person(user: Any) -> Person | None:
    return selectors.person_of(user)


def _is(user: Any, person: Person | None) -> bool:
    me = _person(user)
    return me is not None and person is not None and me.pk == person.pk


def _manages(user: Any, task: Task) -> bool:
    return task.lead_unit is not None and has_perm(user, "work.manage", unit=task.lead_unit)


def _may_assign(user: Any, task: Task) -> bool:
    if task.lead_unit is not None:
        return has_perm(user, "work.assign", unit=task.lead_unit)
    unit = task.directive.unit if task.directive_id and task.directive else None
    return has_perm(user, "work.assign", unit=unit)


def _may_accept_result(user: Any, task: Task) -> bool:
    if _is(user, task.acceptor):
        return True
    if _is(user, task.owner):
        return False  # nobody approves their own result
    return task.lead_unit is not None and has_perm(user, "work.accept", unit=task.lead_unit)


def allowed_actions(user: Any, task: Task) -> set[str]:
    """What ``user`` may do to ``task`` now: the rules every service enforces."""
    actions: set[str] = set()
    state = task.state
    owner_or_manager = _is(user, task.owner) or _manages(user, task)
    if state == TaskState.DRAFT and _may_assign(user, task):
        actions |= {"edit", "assign", "cancel"}
    if state == TaskState.ASSIGNED and owner_or_manager:
        actions.add("accept")
    if state in WORKING_STATES:
        if _manages(user, task):
            actions.add("reassign")
        if owner_or_manager:
            actions |= {"update", "submit"}
            if not any(e.state == ExtensionState.PENDING for e in task.extensions.all()):
                actions.add("extend")
    if state == TaskState.SUBMITTED and _may_accept_result(user, task):
        actions |= {"approve", "return"}
    if (
        state not in CLOSED_STATES
        and any(e.state == ExtensionState.PENDING for e in task.extensions.all())
        and (_may_accept_result(user, task) and not _is(user, task.owner))
    ):
        actions.add("decide_extension")
    if state not in CLOSED_STATES and state != TaskState.DRAFT and _may_assign(user, task):
        actions.add("cancel")
    return actions


def _check(actor: Any, task: Task, action: str) -> None:
    if action in allowed_actions(actor, task):
        return
    if not selectors.tasks_visible_to(actor).filter(pk=task.pk).exists():
        raise PermissionDenied()
    if task.state in CLOSED_STATES:
        raise ValidationFailed(
            _("This task is closed (%(state)s); it can no longer be changed.")
            % {"state": task.get_state_display()},
            code="task_closed",
        )
    if not _has_role_for(actor, task, action):
        raise PermissionDenied()
    raise ValidationFailed(
        _("This cannot be done while the task is %(state)s.") % {"state": task.get_state_display()},
        code="wrong_state",
    )


def _has_role_for(actor: Any, task: Task, action: str) -> bool:
    """Whether ``actor`` would be allowed ``action`` in the right state (to pick the message)."""
    if action in {"accept", "update", "submit", "extend"}:
        return _is(actor, task.owner) or _manages(actor, task)
    if action == "reassign":
        return _manages(actor, task)
    if action in {"approve", "return", "decide_extension"}:
        return _may_accept_result(actor, task)
    return _may_assign(actor, task)


# --- timeline and concurrency -------------------------------------------------------------


def _event(
    task: Task,
    kind: str,
    actor: Any,
    *,
    comment: str = "",
    percent: int | None = None,
    data: dict[str, Any] | None = None,
    at: Any = None,
) -> TaskEvent:
    label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        person = _person(actor)
        label = person.full_name if person else actor.get_username()
    event = TaskEvent.objects.create(
        task=task,
        kind=kind,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=label or _("System"),
        percent=percent,
        comment=comment,
        data=data or {},
    )
    audit.record(actor, f"task.{kind}", task, changes={"comment": comment[:500], **(data or {})})
    return event


def _transition(task: Task, expected_version: int | None, **changes: Any) -> Task:
    """Write ``changes`` only if nobody changed the task since ``expected_version``."""
    version = task.version if expected_version is None else expected_version
    if version != task.version:
        raise Conflict(
            _("This task was changed by someone else meanwhile; reload the page and try again.")
        )
    updated = Task.objects.filter(pk=task.pk, version=version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        raise Conflict(
            _("This task was changed by someone else meanwhile; reload the page and try again.")
        )
    for name, value in changes.items():
        setattr(task, name, value)
    task.version = version + 1
    return task


def _notify(user: Any, *, kind: str, title: str, body: str = "", task: Task | None = None) -> None:
    if user is None:
        return
    url = f"/work/tasks/{task.pk}/" if task is not None else ""
    Notification.objects.create(recipient=user, kind=kind, title=title[:300], body=body, url=url)
    if getattr(user, "email", ""):
        from dienhong.work.jobs import send_email

        jobs.enqueue_on_commit(
            send_email, to=user.email, subject=title[:200], body=f"{body}\n\n{url}".strip()
        )


def _user_of(person: Person | None) -> Any:
    return getattr(person, "user", None) if person is not None else None


def _store_files(
    task: Task, event: TaskEvent, files: Iterable[Any], actor: Any
) -> list[Attachment]:
    limit = int(getattr(settings, "DIENHONG_MAX_UPLOAD_BYTES", 1024**3))
    stored = []
    for upload in files:
        if upload.size > limit:
            raise ValidationFailed(
                _("The file %(name)s is too large.") % {"name": upload.name}, field="files"
            )
        stored.append(
            Attachment.objects.create(
                task=task,
                event=event,
                file=upload,
                name=nfc(upload.name)[:255],
                size=upload.size,
                content_type=getattr(upload, "content_type", "") or "",
                uploaded_by=actor,
            )
        )
    return stored


# --- directives ----------------------------------------------------------------------------


@transaction.atomic
def register_directive(
    *,
    actor: Any,
    title: str,
    issued_on: date,
    unit: Unit,
    kind: str = DirectiveKind.CONCLUSION,
    number: str = "",
    summary: str = "",
    issuer: Person | None = None,
    issuer_label: str = "",
    meeting: str = "",
) -> Directive:
    """Register a conclusion, instruction or notice that will yield tasks."""
    require(actor, "work.assign", unit=unit)
    title = nfc(title)
    if not title:
        raise ValidationFailed(_("Give the directive's subject."), field="title")
    if issued_on > timezone.localdate():
        raise ValidationFailed(_("A directive cannot be issued in the future."), field="issued_on")
    directive = Directive.objects.create(
        kind=kind,
        number=nfc(number),
        title=title,
        summary=summary.strip(),
        issued_on=issued_on,
        issuer=issuer,
        issuer_label=nfc(issuer_label),
        meeting=nfc(meeting),
        unit=unit,
        created_by=actor,
    )
    audit.record(actor, "directive.registered", directive)
    return directive


# --- tasks: drafting and assignment ----------------------------------------------------------


TASK_FIELDS = [
    "directive",
    "title",
    "description",
    "lead_unit",
    "owner",
    "due",
    "due_working_days",
    "due_from",
    "responsible_leader",
    "expected_result",
    "acceptor",
]


def resolve_due(
    *, due: date | None, working_days: int | None, counted_from: date | None
) -> tuple[date | None, bool]:
    """The effective deadline and whether it was moved off a day off.

    "N working days from D" counts from the day after D; a calendar date that falls on a day
    off moves to the next working day.
    """
    if working_days is not None and counted_from is not None:
        return add_working_days(counted_from, working_days), False
    if due is None:
        return None, False
    if not is_working_day(due):
        return next_working_day(due), True
    return due, False


def missing_five(task: Task) -> list[tuple[str, str]]:
    """The "rõ" a task still lacks, as (field, translated message)."""
    problems: list[tuple[str, str]] = []
    if not task.title.strip() or task.directive_id is None:
        problems.append(
            (
                "directive" if task.title.strip() else "title",
                _("Clear work: give the task and the directive it comes from."),
            )
        )
    if task.lead_unit_id is None or task.owner_id is None:
        problems.append(
            (
                "owner" if task.lead_unit_id else "lead_unit",
                _("Clear person: choose the lead unit and the responsible person."),
            )
        )
    if task.due is None:
        problems.append(
            ("due", _("Clear progress: set a deadline (a date or a number of working days)."))
        )
    if task.responsible_leader_id is None:
        problems.append(
            (
                "responsible_leader",
                _("Clear responsibility: name the leader who answers for delays."),
            )
        )
    if not task.expected_result.strip() or task.acceptor_id is None:
        problems.append(
            (
                "expected_result" if not task.expected_result.strip() else "acceptor",
                _("Clear result: describe the expected product and who accepts it."),
            )
        )
    return problems


def _validate(task: Task) -> None:
    if (
        task.lead_unit is not None
        and task.owner is not None
        and not selectors.is_in_subtree(task.owner, task.lead_unit)
    ):
        raise ValidationFailed(
            _(
                "%(person)s does not work in %(unit)s or its sub-units; choose someone from the lead unit."  # noqa: E501
            )
            % {"person": task.owner, "unit": task.lead_unit},
            field="owner",
        )
    if task.due is not None and task.assigned_on is not None and task.due < task.assigned_on:
        raise ValidationFailed(_("The deadline cannot be before the assignment date."), field="due")
    if task.lead_unit is not None and task.lead_unit.dissolved_on is not None:
        raise ValidationFailed(_("The lead unit has been dissolved."), field="lead_unit")


def _apply(task: Task, data: dict[str, Any]) -> None:
    for name in TASK_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = value.strip() if name in {"description", "expected_result"} else nfc(value)
            setattr(task, name, value)
    if task.due_working_days is not None and task.due_from is None:
        task.due_from = task.assigned_on or timezone.localdate()
    due, _moved = resolve_due(
        due=task.due, working_days=task.due_working_days, counted_from=task.due_from
    )
    task.due = due
    if task.lead_unit is not None and task.responsible_leader_id is None:
        task.responsible_leader = selectors.head_of(task.lead_unit)


@transaction.atomic
def create_task(
    *,
    actor: Any,
    directive: Directive | None,
    title: str,
    description: str = "",
    lead_unit: Unit | None = None,
    owner: Person | None = None,
    support_units: Sequence[Unit] = (),
    due: date | None = None,
    due_working_days: int | None = None,
    due_from: date | None = None,
    responsible_leader: Person | None = None,
    expected_result: str = "",
    acceptor: Person | None = None,
    milestones: Sequence[tuple[str, date]] = (),
    assign: bool = False,
    assigned_on: date | None = None,
) -> Task:
    """Draft a task (any "rõ" may still be missing); with ``assign=True`` assign it at once."""
    task = Task(state=TaskState.DRAFT, created_by=actor)
    if directive is not None:
        task.directive = directive
    _apply(
        task,
        {
            "title": title,
            "description": description,
            "lead_unit": lead_unit,
            "owner": owner,
            "due": due,
            "due_working_days": due_working_days,
            "due_from": due_from,
            "responsible_leader": responsible_leader,
            "expected_result": expected_result,
            "acceptor": acceptor,
        },
    )
    if not _may_assign(actor, task):
        raise PermissionDenied()
    if not task.title:
        raise ValidationFailed(_("Give the task a title."), field="title")
    task.original_due = task.due
    _validate(task)
    task.save()
    task.support_units.set(support_units)
    for milestone_title, milestone_due in milestones:
        Milestone.objects.create(task=task, title=nfc(milestone_title), due=milestone_due)
    _event(task, EventKind.CREATED, actor)
    if assign:
        assign_task(actor=actor, task=task, assigned_on=assigned_on)
    return task


@transaction.atomic
def update_draft(
    *, actor: Any, task: Task, data: dict[str, Any], version: int | None = None
) -> Task:
    """Edit a draft's fields (``support_units`` and ``milestones`` replace the existing ones)."""
    _check(actor, task, "edit")
    before = {name: str(getattr(task, name) or "") for name in TASK_FIELDS}
    _apply(task, data)
    if not _may_assign(actor, task):
        raise PermissionDenied()
    if not task.title:
        raise ValidationFailed(_("Give the task a title."), field="title")
    _validate(task)
    task.original_due = task.due
    changes = {name: getattr(task, name) for name in [*TASK_FIELDS, "original_due"]}
    _transition(task, version, **changes)
    if "support_units" in data:
        task.support_units.set(data["support_units"])
    if "milestones" in data:
        task.milestones.all().delete()
        for milestone_title, milestone_due in data["milestones"]:
            Milestone.objects.create(task=task, title=nfc(milestone_title), due=milestone_due)
    after = {name: str(getattr(task, name) or "") for name in TASK_FIELDS}
    diff = {
        name: [before[name], after[name]] for name in TASK_FIELDS if before[name] != after[name]
    }
    if diff:
        _event(task, EventKind.EDITED, actor, data={"changes": diff})
    return task


@transaction.atomic
def assign_task(
    *, actor: Any, task: Task, version: int | None = None, assigned_on: date | None = None
) -> Task:
    """Assign a draft: all five "rõ" must be present; the owner is notified."""
    _check(actor, task, "assign")
    assigned_on = assigned_on or timezone.localdate()
    problems = missing_five(task)
    if problems:
        field, message = problems[0]
        raise ValidationFailed(message, field=field, code="five_clear")
    task.assigned_on = assigned_on
    _validate(task)
    moved = task.due is not None and not is_working_day(task.due)
    due = next_working_day(task.due) if moved and task.due else task.due
    _transition(
        task,
        version,
        state=TaskState.ASSIGNED,
        assigned_on=assigned_on,
        due=due,
        original_due=due,
        assigned_by=actor,
    )
    _event(
        task,
        EventKind.ASSIGNED,
        actor,
        data={"due": str(due), "owner": str(task.owner), "lead_unit": str(task.lead_unit)},
    )
    _notify(
        _user_of(task.owner),
        kind="assigned",
        task=task,
        title=_("New task: %(title)s") % {"title": task.title},
        body=_("Deadline: %(due)s. Lead unit: %(unit)s.") % {"due": due, "unit": task.lead_unit},
    )
    return task


@transaction.atomic
def accept_task(*, actor: Any, task: Task, version: int | None = None, comment: str = "") -> Task:
    """The lead unit acknowledges the task and starts work."""
    _check(actor, task, "accept")
    _transition(task, version, state=TaskState.IN_PROGRESS)
    _event(task, EventKind.ACCEPTED, actor, comment=comment.strip())
    return task


@transaction.atomic
def reassign_task(
    *, actor: Any, task: Task, owner: Person, version: int | None = None, comment: str = ""
) -> Task:
    """Hand the task to another person within the lead unit's subtree."""
    _check(actor, task, "reassign")
    assert task.lead_unit is not None
    if not selectors.is_in_subtree(owner, task.lead_unit):
        raise ValidationFailed(
            _(
                "%(person)s does not work in %(unit)s or its sub-units; choose someone from the lead unit."  # noqa: E501
            )
            % {"person": owner, "unit": task.lead_unit},
            field="owner",
        )
    if owner.pk == task.owner_id:
        raise ValidationFailed(_("This person is already responsible for the task."), field="owner")
    previous = task.owner
    _transition(task, version, owner=owner)
    _event(
        task,
        EventKind.REASSIGNED,
        actor,
        comment=comment.strip(),
        data={"from": str(previous), "to": str(owner)},
    )
    _notify(
        _user_of(owner),
        kind="assigned",
        task=task,
        title=_("Task handed to you: %(title)s") % {"title": task.title},
    )
    return task


@transaction.atomic
def add_progress(
    *,
    actor: Any,
    task: Task,
    percent: int,
    comment: str = "",
    files: Sequence[Any] = (),
    version: int | None = None,
) -> TaskEvent:
    """A progress update: a percentage, a comment and attached files."""
    _check(actor, task, "update")
    if not 0 <= percent <= 100:
        raise ValidationFailed(_("Progress is a percentage between 0 and 100."), field="percent")
    if not comment.strip() and not files:
        raise ValidationFailed(_("Say what was done, or attach a file."), field="comment")
    state = TaskState.IN_PROGRESS if task.state == TaskState.ASSIGNED else task.state
    _transition(task, version, progress=percent, state=state)
    event = _event(task, EventKind.PROGRESS, actor, comment=comment.strip(), percent=percent)
    _store_files(task, event, files, actor)
    return event


@transaction.atomic
def complete_milestone(
    *, actor: Any, milestone: Milestone, done_on: date | None = None
) -> Milestone:
    task = milestone.task
    _check(actor, task, "update")
    if milestone.done_on is not None:
        raise ValidationFailed(_("This milestone is already reached."))
    milestone.done_on = done_on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    _transition(task, None)
    _event(
        task,
        EventKind.MILESTONE,
        actor,
        comment=milestone.title,
        data={"done_on": str(milestone.done_on)},
    )
    return milestone


@transaction.atomic
def submit_result(
    *,
    actor: Any,
    task: Task,
    comment: str = "",
    files: Sequence[Any] = (),
    version: int | None = None,
    on: date | None = None,
) -> Task:
    """The owner hands in the result for acceptance."""
    _check(actor, task, "submit")
    if not comment.strip() and not files:
        raise ValidationFailed(_("Describe the result or attach the product."), field="comment")
    on = on or timezone.localdate()
    _transition(task, version, state=TaskState.SUBMITTED, submitted_on=on, progress=100)
    event = _event(task, EventKind.SUBMITTED, actor, comment=comment.strip(), percent=100)
    _store_files(task, event, files, actor)
    _notify(
        _user_of(task.acceptor),
        kind="submitted",
        task=task,
        title=_("Result to accept: %(title)s") % {"title": task.title},
    )
    return task


@transaction.atomic
def approve_result(
    *, actor: Any, task: Task, version: int | None = None, comment: str = ""
) -> Task:
    """Accept the result: the task is done, completed on the date the result was submitted."""
    _check(actor, task, "approve")
    completed = task.submitted_on or timezone.localdate()
    _transition(task, version, state=TaskState.DONE, completed_on=completed)
    _event(
        task,
        EventKind.APPROVED,
        actor,
        comment=comment.strip(),
        data={"completed_on": str(completed)},
    )
    _notify(
        _user_of(task.owner),
        kind="approved",
        task=task,
        title=_("Result accepted: %(title)s") % {"title": task.title},
    )
    return task


@transaction.atomic
def return_result(*, actor: Any, task: Task, reason: str, version: int | None = None) -> Task:
    """Send the result back for rework, with a reason."""
    _check(actor, task, "return")
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for returning the result."), field="reason")
    _transition(task, version, state=TaskState.RETURNED, submitted_on=None)
    _event(task, EventKind.RETURNED, actor, comment=reason.strip())
    _notify(
        _user_of(task.owner),
        kind="returned",
        task=task,
        title=_("Result returned: %(title)s") % {"title": task.title},
        body=reason.strip(),
    )
    return task


@transaction.atomic
def request_extension(
    *, actor: Any, task: Task, proposed_due: date, reason: str, version: int | None = None
) -> ExtensionRequest:
    if task.extensions.filter(state=ExtensionState.PENDING).exists():
        raise ValidationFailed(
            _("An extension request is already waiting for a decision."), field="proposed_due"
        )
    _check(actor, task, "extend")
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for the extension."), field="reason")
    assert task.due is not None
    if proposed_due <= task.due:
        raise ValidationFailed(
            _("The proposed deadline must be after the current one."), field="proposed_due"
        )
    _transition(task, version)
    request = ExtensionRequest.objects.create(
        task=task,
        requested_by=actor,
        requested_at=timezone.now(),
        reason=reason.strip(),
        current_due=task.due,
        proposed_due=proposed_due,
    )
    _event(
        task,
        EventKind.EXTENSION_REQUESTED,
        actor,
        comment=reason.strip(),
        data={"current_due": str(task.due), "proposed_due": str(proposed_due)},
    )
    _notify(
        _user_of(task.acceptor),
        kind="extension",
        task=task,
        title=_("Extension requested: %(title)s") % {"title": task.title},
    )
    return request


@transaction.atomic
def decide_extension(
    *,
    actor: Any,
    request: ExtensionRequest,
    approve: bool,
    note: str = "",
    new_due: date | None = None,
    version: int | None = None,
) -> ExtensionRequest:
    """Approve (optionally with another date) or refuse; both deadlines stay on record."""
    task = request.task
    if request.state != ExtensionState.PENDING:
        raise Conflict(_("This request has already been decided."))
    _check(actor, task, "decide_extension")
    if not approve and not note.strip():
        raise ValidationFailed(_("Give the reason for refusing."), field="note")
    changes: dict[str, Any] = {}
    granted = None
    if approve:
        granted, _moved = resolve_due(
            due=new_due or request.proposed_due, working_days=None, counted_from=None
        )
        assert granted is not None and task.due is not None
        if granted <= task.due:
            raise ValidationFailed(
                _("The new deadline must be after the current one."), field="new_due"
            )
        changes["due"] = granted
    _transition(task, version, **changes)
    updated = ExtensionRequest.objects.filter(pk=request.pk, state=ExtensionState.PENDING).update(
        state=ExtensionState.APPROVED if approve else ExtensionState.REFUSED,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_note=note.strip(),
    )
    if not updated:
        raise Conflict(_("This request has already been decided."))
    request.refresh_from_db()
    kind = EventKind.EXTENSION_APPROVED if approve else EventKind.EXTENSION_REFUSED
    _event(
        task,
        kind,
        actor,
        comment=note.strip(),
        data={
            "original_due": str(task.original_due),
            "previous_due": str(request.current_due),
            "new_due": str(granted) if granted else None,
        },
    )
    _notify(
        _user_of(task.owner),
        kind="extension",
        task=task,
        title=(_("Extension approved: %(title)s") if approve else _("Extension refused: %(title)s"))
        % {"title": task.title},
    )
    return request


@transaction.atomic
def cancel_task(*, actor: Any, task: Task, reason: str, version: int | None = None) -> Task:
    _check(actor, task, "cancel")
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for cancelling the task."), field="reason")
    _transition(task, version, state=TaskState.CANCELLED, cancel_reason=reason.strip())
    _event(task, EventKind.CANCELLED, actor, comment=reason.strip())
    _notify(
        _user_of(task.owner),
        kind="cancelled",
        task=task,
        title=_("Task cancelled: %(title)s") % {"title": task.title},
        body=reason.strip(),
    )
    return task


@transaction.atomic
def reschedule_task(
    *,
    actor: Any,
    task: Task,
    new_due: date,
    reason: str,
    version: int | None = None,
    follows_event: bool = False,
) -> bool:
    """Move a draft's or an open task's deadline because the event it serves moved.

    Not an extension: when the deadline had never been extended, the original deadline moves
    too. A deadline before the assignment date is clamped to it. Returns False when nothing
    changed. Needs ``work.assign`` over the lead unit, unless ``follows_event``: the caller
    (a sitting or checklist moved by someone allowed to move it) carries the task along. The
    owner is notified.
    """
    if not follows_event and not _may_assign(actor, task):
        raise PermissionDenied()
    if task.state in CLOSED_STATES or task.due == new_due:
        return False
    if not reason.strip():
        raise ValidationFailed(_("Give the reason for moving the deadline."), field="reason")
    old = task.due
    if task.assigned_on is not None and new_due < task.assigned_on:
        new_due = task.assigned_on
    changes: dict[str, Any] = {"due": new_due}
    if task.original_due == old:
        changes["original_due"] = new_due
    _transition(task, version, **changes)
    _event(
        task,
        EventKind.EDITED,
        actor,
        comment=reason.strip(),
        data={"changes": {"due": [str(old), str(new_due)]}},
    )
    _notify(
        _user_of(task.owner),
        kind="rescheduled",
        task=task,
        title=_("Deadline moved: %(title)s") % {"title": task.title},
        body=_("%(reason)s New deadline: %(due)s (was %(old)s).")
        % {
            "reason": reason.strip(),
            "due": long_date(new_due),
            "old": long_date(old) if old else "—",
        },
    )
    return True


# --- drafts from an imported notice ----------------------------------------------------------


@dataclass
class DraftRow:
    """One reviewed row of the import screen."""

    task: Task
    action: str  # keep | assign | delete
    data: dict[str, Any]


@transaction.atomic
def create_drafts(
    *, actor: Any, directive: Directive, items: Sequence[dict[str, Any]]
) -> list[Task]:
    """Draft one task per imported point; all or nothing."""
    require(actor, "work.assign", unit=directive.unit)
    return [create_task(actor=actor, directive=directive, **item) for item in items]


@transaction.atomic
def review_drafts(*, actor: Any, rows: Sequence[DraftRow]) -> dict[str, int]:
    """Apply the import screen: edit every draft, assign or delete some. All or nothing.

    Raises ``ValidationFailed`` naming the first faulty row (``field`` = "row-<id>-<field>").
    """
    counts = {"kept": 0, "assigned": 0, "deleted": 0}
    for row in rows:
        try:
            if row.action == "delete":
                _check(actor, row.task, "edit")
                _event(row.task, EventKind.CANCELLED, actor, comment=_("Removed from the import."))
                row.task.delete()
                counts["deleted"] += 1
                continue
            update_draft(actor=actor, task=row.task, data=row.data)
            if row.action == "assign":
                assign_task(actor=actor, task=row.task)
                counts["assigned"] += 1
            else:
                counts["kept"] += 1
        except ValidationFailed as error:
            raise ValidationFailed(
                _("Task “%(title)s”: %(message)s")
                % {"title": row.task.title[:80], "message": error.message},
                field=f"row-{row.task.pk}-{error.field or 'title'}",
                code=error.code,
            ) from error
    return counts


# --- notifications, saved views, feed token ----------------------------------------------------


@transaction.atomic
def mark_read(*, actor: Any, notification_ids: Sequence[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def save_view(*, actor: Any, page: str, name: str, query: str) -> SavedView:
    name = nfc(name)
    if not name:
        raise ValidationFailed(_("Give the view a name."), field="name")
    view, _created = SavedView.objects.update_or_create(
        user=actor, page=page, name=name[:100], defaults={"query": query[:1000]}
    )
    return view


@transaction.atomic
def delete_view(*, actor: Any, view_id: int) -> None:
    SavedView.objects.filter(user=actor, pk=view_id).delete()


@transaction.atomic
def feed_token(*, actor: Any, rotate: bool = False) -> FeedToken:
    """The private iCal token of ``actor``; ``rotate`` replaces a leaked one."""
    token = FeedToken.objects.filter(user=actor).first()
    if token is None:
        token = FeedToken.objects.create(user=actor, token=secrets.token_urlsafe(32))
        audit.record(actor, "work.feed_token_created", None)
    elif rotate:
        token.token = secrets.token_urlsafe(32)
        token.save(update_fields=["token"])
        audit.record(actor, "work.feed_token_rotated", None)
    return token
