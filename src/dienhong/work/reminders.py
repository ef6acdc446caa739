"""The daily reminder digest and the escalation of overdue tasks.

Once per working day (``dienhong work_reminders``, from cron or a systemd timer, or the
``run_reminders_job`` job) every responsible person gets ONE digest of their tasks due soon
and overdue; an overdue task is raised to the head of the lead unit after
``DIENHONG_ESCALATE_TO_HEAD_AFTER`` working days (default 1) and to the leader who issued the
directive after ``DIENHONG_ESCALATE_TO_ISSUER_AFTER`` working days (default 5). Digests and
escalations are recorded, so running the job twice the same day sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dienhong.core import audit
from dienhong.core.calendar import is_working_day, working_days_between
from dienhong.work.models import (
    WORKING_STATES,
    Escalation,
    EventKind,
    Notification,
    ReminderDigest,
    Task,
    TaskEvent,
)
from dienhong.work.selectors import due_soon_limit

logger = logging.getLogger(__name__)


def escalation_delays() -> tuple[int, int]:
    return (
        int(getattr(settings, "DIENHONG_ESCALATE_TO_HEAD_AFTER", 1)),
        int(getattr(settings, "DIENHONG_ESCALATE_TO_ISSUER_AFTER", 5)),
    )


@dataclass
class Digest:
    user: Any
    due_soon: list[Task] = field(default_factory=list)
    overdue: list[Task] = field(default_factory=list)
    escalated: list[tuple[Task, int]] = field(default_factory=list)

    @property
    def task_ids(self) -> list[int]:
        return sorted(
            {t.pk for t in self.due_soon}
            | {t.pk for t in self.overdue}
            | {t.pk for t, _level in self.escalated}
        )


def _digest(digests: dict[int, Digest], user: Any) -> Digest | None:
    if user is None or not user.is_active:
        return None
    return digests.setdefault(user.pk, Digest(user))


def collect(on: date) -> tuple[dict[int, Digest], list[Escalation]]:
    """Who gets what today, and the escalations that become due today (not yet saved)."""
    to_head, to_issuer = escalation_delays()
    digests: dict[int, Digest] = {}
    new_escalations: list[Escalation] = []
    tasks = (
        Task.objects.filter(state__in=WORKING_STATES, due__lte=due_soon_limit(on))
        .select_related(
            "owner__user", "responsible_leader__user", "directive__issuer__user", "lead_unit"
        )
        .order_by("due", "id")
    )
    existing = {
        (e.task_id, e.level, e.due)
        for e in Escalation.objects.filter(task__state__in=WORKING_STATES).only(
            "task_id", "level", "due"
        )
    }
    for task in tasks.iterator(chunk_size=2000):
        assert task.due is not None
        owner = getattr(task.owner, "user", None) if task.owner else None
        target = _digest(digests, owner)
        if task.due >= on:
            if target is not None:
                target.due_soon.append(task)
            continue
        if target is not None:
            target.overdue.append(task)
        late = working_days_between(task.due, on)
        chain = [
            (
                1,
                to_head,
                getattr(task.responsible_leader, "user", None) if task.responsible_leader else None,
            ),
            (
                2,
                to_issuer,
                getattr(getattr(task.directive, "issuer", None), "user", None)
                if task.directive
                else None,
            ),
        ]
        for level, delay, user in chain:
            if late < delay or user is None or user == owner:
                continue
            leader = _digest(digests, user)
            if leader is not None:
                leader.escalated.append((task, level))
            if (task.pk, level, task.due) not in existing:
                new_escalations.append(
                    Escalation(task=task, level=level, due=task.due, recipient=user, sent_on=on)
                )
    return digests, new_escalations


def _render(digest: Digest, on: date) -> tuple[str, str]:
    lines: list[str] = []

    def line(task: Task) -> str:
        return f"- {task.title} — {task.lead_unit} — {_('deadline')} {task.due:%d/%m/%Y}"

    if digest.overdue:
        lines.append(_("Overdue (%(count)d):") % {"count": len(digest.overdue)})
        lines += [line(t) for t in digest.overdue]
    if digest.due_soon:
        lines.append(_("Due soon (%(count)d):") % {"count": len(digest.due_soon)})
        lines += [line(t) for t in digest.due_soon]
    if digest.escalated:
        lines.append(
            _("Overdue tasks you answer for (%(count)d):") % {"count": len(digest.escalated)}
        )
        lines += [f"{line(t)} ({t.owner})" for t, _level in digest.escalated]
    title = _("Task reminders for %(day)s: %(overdue)d overdue, %(soon)d due soon") % {
        "day": on.strftime("%d/%m/%Y"),
        "overdue": len(digest.overdue) + len(digest.escalated),
        "soon": len(digest.due_soon),
    }
    return title, "\n".join(lines)


def run(*, on: date | None = None, force: bool = False, send_email: bool = True) -> dict[str, Any]:
    """Send today's digests and escalations; returns counts. Idempotent per day."""
    on = on or timezone.localdate()
    if not force and not is_working_day(on):
        return {
            "date": on.isoformat(),
            "skipped": "not a working day",
            "digests": 0,
            "escalations": 0,
        }
    digests, escalations = collect(on)
    sent = 0
    emailed = 0
    created_escalations = 0
    with transaction.atomic():
        for escalation in escalations:
            try:
                with transaction.atomic():
                    escalation.save()
            except IntegrityError:
                continue  # another run recorded it first
            created_escalations += 1
            TaskEvent.objects.create(
                task=escalation.task,
                kind=EventKind.ESCALATED,
                at=timezone.now(),
                actor_label=_("System"),
                data={"level": escalation.level, "to": str(escalation.recipient)},
                comment=_("Overdue since %(due)s; raised to %(who)s.")
                % {
                    "due": escalation.due.strftime("%d/%m/%Y"),
                    "who": escalation.recipient,
                },
            )
    outbox: list[tuple[Any, str, str]] = []
    for digest in digests.values():
        language = getattr(digest.user, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            title, body = _render(digest, on)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = ReminderDigest.objects.create(
                        recipient=digest.user, sent_on=on, task_ids=digest.task_ids
                    )
            except IntegrityError:
                continue  # already sent today
            Notification.objects.create(
                recipient=digest.user,
                kind="digest",
                title=title[:300],
                body=body,
                url="/work/mine/",
            )
            sent += 1
        if send_email and digest.user.email:
            outbox.append((record, title, body))
    for record, title, body in outbox:
        try:
            send_mail(title[:200], body, None, [record.recipient.email])
        except Exception:  # a mail outage must not undo the in-app digest
            logger.exception("reminder e-mail to %s failed", record.recipient_id)
            continue
        ReminderDigest.objects.filter(pk=record.pk).update(emailed=True)
        emailed += 1
    result = {
        "date": on.isoformat(),
        "digests": sent,
        "emails": emailed,
        "escalations": created_escalations,
    }
    audit.record(None, "work.reminders_sent", None, changes=result)
    return result
