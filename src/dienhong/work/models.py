"""Work on "5 rõ": directives, the tasks they yield, milestones, timeline, extensions, reminders.

Lifecycle state is stored; timeliness (on time, late, open in time, overdue, due soon) is never
stored but computed from state, deadline and completion date (``selectors.with_timeliness``).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.org.models import Person, Unit


class DirectiveKind(models.TextChoices):
    CONCLUSION = "conclusion", _("Conclusion notice")
    INSTRUCTION = "instruction", _("Instruction")
    NOTICE = "notice", _("Notice")
    PLAN = "plan", _("Plan")


class Directive(models.Model):
    """A conclusion, instruction or notice (Kết luận, chỉ đạo, thông báo kết luận)."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=DirectiveKind.choices, default=DirectiveKind.CONCLUSION
    )
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    title = models.CharField(_("subject"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    issued_on = models.DateField(_("issued on"))
    issuer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives_issued",
        verbose_name=_("issued by"),
    )
    issuer_label = models.CharField(_("issuer (position)"), max_length=255, blank=True)
    meeting = models.CharField(_("meeting or event"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="directives",
        verbose_name=_("registered by unit"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["issued_on"])]
        verbose_name = _("directive")
        verbose_name_plural = _("directives")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def permission_unit(self) -> Unit:
        return self.unit


class TaskState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted for acceptance")
    RETURNED = "returned", _("Returned for rework")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.RETURNED, TaskState.SUBMITTED)
WORKING_STATES = (TaskState.ASSIGNED, TaskState.IN_PROGRESS, TaskState.RETURNED)
CLOSED_STATES = (TaskState.DONE, TaskState.CANCELLED)


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("Completed on time")
    LATE = "late", _("Completed late")
    IN_TIME = "in_time", _("Open, within deadline")
    OVERDUE = "overdue", _("Open, overdue")
    NONE = "none", _("Not counted")


class Task(models.Model):
    """One assigned piece of work (nhiệm vụ), with its five "rõ"."""

    # rõ việc
    directive = models.ForeignKey(
        Directive,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("directive"),
    )
    title = models.CharField(_("task"), max_length=500)
    description = models.TextField(pgettext_lazy("of a task", "description"), blank=True)
    # rõ người
    lead_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks_led",
        verbose_name=_("lead unit"),
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks_owned",
        verbose_name=_("responsible person"),
    )
    support_units = models.ManyToManyField(
        Unit, blank=True, related_name="tasks_supported", verbose_name=_("supporting units")
    )
    # rõ tiến độ
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    due = models.DateField(_("deadline"), null=True, blank=True)
    original_due = models.DateField(_("original deadline"), null=True, blank=True)
    due_working_days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    due_from = models.DateField(_("counted from"), null=True, blank=True)
    # rõ trách nhiệm: owner → responsible leader (head of the lead unit) → directive issuer
    responsible_leader = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks_supervised",
        verbose_name=_("leader answering for delay"),
    )
    # rõ kết quả
    expected_result = models.TextField(_("expected result"), blank=True)
    acceptor = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks_to_accept",
        verbose_name=_("accepted by"),
    )

    state = models.CharField(
        _("state"), max_length=20, choices=TaskState.choices, default=TaskState.DRAFT
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    submitted_on = models.DateField(_("result submitted on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["lead_unit", "state", "due"]),
            models.Index(fields=["owner", "state", "due"]),
            models.Index(fields=["state", "due"]),
            models.Index(fields=["due"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_le_100"),
            models.CheckConstraint(
                condition=Q(due__isnull=True)
                | Q(assigned_on__isnull=True)
                | Q(due__gte=models.F("assigned_on")),
                name="task_due_after_assignment",
            ),
        ]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    def permission_unit(self) -> Unit | None:
        return self.lead_unit

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES


class Milestone(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due = models.DateField(_("deadline"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class EventKind(models.TextChoices):
    CREATED = "created", _("Drafted")
    EDITED = "edited", _("Edited")
    ASSIGNED = "assigned", _("Assigned")
    ACCEPTED = "accepted", _("Accepted by the lead unit")
    REASSIGNED = "reassigned", _("Re-assigned")
    PROGRESS = "progress", _("Progress update")
    MILESTONE = "milestone", _("Milestone reached")
    SUBMITTED = "submitted", _("Result submitted")
    APPROVED = "approved", _("Result approved")
    RETURNED = "returned", _("Returned for rework")
    EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
    EXTENSION_APPROVED = "extension_approved", _("Extension approved")
    EXTENSION_REFUSED = "extension_refused", _("Extension refused")
    CANCELLED = "cancelled", _("Cancelled")
    REMINDED = "reminded", _("Reminder sent")
    ESCALATED = "escalated", _("Escalated")


class TaskEvent(models.Model):
    """One step in a task's timeline (the audit log keeps the tamper-evident copy)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["task", "at"])]
        verbose_name = _("task event")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.task_id}"


def attachment_path(instance: Any, filename: str) -> str:
    return f"work/{instance.task_id}/{secrets.token_hex(8)}-{filename[-120:]}"


class Attachment(models.Model):
    """A file attached to a progress update or a submitted result (Django storage)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        TaskEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")

    def __str__(self) -> str:
        return self.name


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class ExtensionRequest(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    reason = models.TextField(_("reason"))
    current_due = models.DateField(_("deadline before the request"))
    proposed_due = models.DateField(_("proposed deadline"))
    state = models.CharField(
        max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("extension request")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.current_due} → {self.proposed_due}"


class Notification(models.Model):
    """An in-app message (the reminder digest, assignments, decisions)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_notifications"
    )
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")

    def __str__(self) -> str:
        return self.title


class ReminderDigest(models.Model):
    """One digest per person per day: the record that makes the reminder job idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    task_ids = models.JSONField(default=list)
    emailed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "sent_on"], name="digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"digest {self.recipient_id} {self.sent_on}"


class Escalation(models.Model):
    """An overdue task raised to the next level of its chain, once per level and deadline."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField()  # 1 = head of the lead unit, 2 = directive issuer
    due = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "level", "due"], name="escalation_once")
        ]

    def __str__(self) -> str:
        return f"escalation {self.task_id} level {self.level}"


class SavedView(models.Model):
    """A named set of filters on a task list, per person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_views"
    )
    page = models.CharField(max_length=20)
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "name"], name="saved_view_unique")
        ]

    def __str__(self) -> str:
        return self.name


class FeedToken(models.Model):
    """The private token of a person's iCal feed of deadlines."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"feed of {self.user_id}"
