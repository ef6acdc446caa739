"""Sessions, Standing Committee meetings and events; their sittings, agenda items, programme
versions, chair's scripts, preparation checklists, connection points, participants, minutes,
votes and conclusions.

One ``Session`` row stands for a plenary session (Kỳ họp), a Standing Committee meeting
(Phiên họp, ``kind = meeting``) or an event the Office organises (forum, congress...). The draft
programme is the live ``Sitting`` / ``AgendaItem`` rows; publishing freezes it into an
immutable, numbered ``ProgrammeVersion`` (a JSON snapshot) that deputies and the press see.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.org.models import Body, Deputy, Person, Province, Term, Unit


class SessionKind(models.TextChoices):
    SESSION = "session", _("Session of the National Assembly")
    MEETING = "meeting", _("Standing Committee meeting")
    EVENT = "event", _("Event")


class EventType(models.TextChoices):
    FORUM = "forum", _("Forum")
    CONGRESS = "congress", _("Congress")
    ANNIVERSARY = "anniversary", _("Anniversary ceremony")
    MUSEUM_OPENING = "museum_opening", _("Museum opening")
    CONFERENCE = "conference", _("Conference")
    OTHER = "other", _("Other event")


class Session(models.Model):
    """A session (Kỳ họp), a Standing Committee meeting (Phiên họp) or an event.

    Sessions and meetings are numbered within their term; events carry a title. The unit that
    organises it (``organiser_unit``) governs who may edit: permissions are checked there.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    event_type = models.CharField(
        _("type of event"), max_length=20, choices=EventType.choices, blank=True
    )
    term = models.ForeignKey(
        Term,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("term"),
    )
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("body"),
    )
    title = models.CharField(pgettext_lazy("name of a session", "title"), max_length=300)
    slug = models.SlugField(_("address on the public site"), max_length=120, unique=True)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="sessions_organised",
        verbose_name=_("organising unit"),
    )
    issuer_label = models.CharField(
        _("issuing body on the programme"),
        max_length=200,
        blank=True,
        help_text=_("Upper case, as printed in the header, e.g. ỦY BAN THƯỜNG VỤ QUỐC HỘI."),
    )
    parent_issuer_label = models.CharField(
        _("parent body on the programme"), max_length=200, blank=True
    )
    document_symbol = models.CharField(
        _("document symbol"),
        max_length=60,
        blank=True,
        help_text=_("Printed after the number, e.g. CTr-UBTVQH15."),
    )
    signer_authority = models.CharField(_("signing on behalf of"), max_length=200, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    published_number = models.PositiveIntegerField(_("latest published version"), default=0)
    draft_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind", "number"],
                condition=Q(number__isnull=False),
                name="session_number_in_term",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="session_dates"),
        ]
        verbose_name = _("session, meeting or event")
        verbose_name_plural = _("sessions, meetings and events")

    def __str__(self) -> str:
        return self.title

    def permission_unit(self) -> Unit:
        return self.organiser_unit

    @property
    def is_event(self) -> bool:
        return self.kind == SessionKind.EVENT

    @property
    def type_label(self) -> str:
        if self.kind == SessionKind.EVENT and self.event_type:
            return str(self.get_event_type_display())
        return str(self.get_kind_display())


class Hall(models.Model):
    """A hall or meeting room; one sitting at a time (Cục Quản trị manages them)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    building = models.CharField(_("building"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="halls",
        verbose_name=_("managed by"),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")

    def __str__(self) -> str:
        return f"{self.name}, {self.building}" if self.building else self.name


class Part(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


class SittingFormat(models.TextChoices):
    HALL = "hall", _("In the hall")
    GROUP = "group", _("Group discussion")
    ONLINE = "online", _("Online with the provinces")


class Sitting(models.Model):
    """One half-day (or evening) of a session: a plenary in a hall, group discussions, or an
    online sitting with the provincial connection points."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="sittings", verbose_name=_("session")
    )
    date = models.DateField(_("date"))
    part = models.CharField(_("part of the day"), max_length=10, choices=Part.choices)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    format = models.CharField(
        _("format"), max_length=10, choices=SittingFormat.choices, default=SittingFormat.HALL
    )
    hall = models.ForeignKey(
        Hall,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sittings",
        verbose_name=_("hall"),
    )
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("When there is no hall: group rooms, the connection points..."),
    )
    title = models.CharField(
        pgettext_lazy("name of a session", "title"), max_length=300, blank=True
    )
    chair_title = models.CharField(_("chaired by (position)"), max_length=255, blank=True)
    chair = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("chaired by"),
    )
    live_broadcast = models.BooleanField(_("broadcast live"), default=False)
    note = models.TextField(_("note"), blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time", "id"]
        indexes = [
            models.Index(fields=["session", "date", "start_time"]),
            models.Index(fields=["hall", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="sitting_times_ordered"
            )
        ]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")

    def __str__(self) -> str:
        return f"{self.get_part_display()} {self.date:%d/%m/%Y}"

    def permission_unit(self) -> Unit:
        return self.session.organiser_unit

    @property
    def minutes_long(self) -> int:
        return minutes_between(self.start_time, self.end_time)

    @property
    def where(self) -> str:
        if self.hall_id is not None and self.hall is not None:
            return str(self.hall)
        return self.place

    def starts_at(self) -> datetime:
        from django.utils import timezone

        return timezone.make_aware(datetime.combine(self.date, self.start_time))


def minutes_between(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def add_minutes(moment: time, minutes: int) -> time:
    total = moment.hour * 60 + moment.minute + minutes
    total = max(0, min(total, 24 * 60 - 1))
    return time(total // 60, total % 60)


class ItemKind(models.TextChoices):
    CEREMONY = "ceremony", _("Ceremony")
    REPORT = "report", _("Report")
    VERIFICATION = "verification", _("Verification report")
    DISCUSSION = "discussion", _("Discussion")
    QA = "qa", _("Questions and answers")
    VOTE = "vote", _("Vote")
    OTHER = "other", _("Other")


class AgendaItem(models.Model):
    """One point of a sitting's programme: who presents what, for how long."""

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="items", verbose_name=_("sitting")
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(
        pgettext_lazy("agenda item", "type"), max_length=15, choices=ItemKind.choices
    )
    title = models.CharField(_("content"), max_length=500)
    presenter = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("presenter"),
    )
    presenter_name = models.CharField(
        _("presenter's name"),
        max_length=200,
        blank=True,
        help_text=_("For a presenter who is not in the directory."),
    )
    presenter_position = models.CharField(
        _("presenter's position"),
        max_length=255,
        blank=True,
        help_text=_("For example: Bộ trưởng Bộ Tư pháp."),
    )
    duration = models.PositiveSmallIntegerField(_("planned duration (minutes)"))
    documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="agenda_items",
        verbose_name=pgettext_lazy("of a sitting", "documents"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sitting_id", "position", "id"]
        indexes = [models.Index(fields=["sitting", "position"])]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def permission_unit(self) -> Unit:
        return self.sitting.session.organiser_unit

    @property
    def presenter_label(self) -> str:
        name = self.presenter.full_name if self.presenter_id and self.presenter else ""
        return name or self.presenter_name


class ProgrammeVersion(models.Model):
    """A published programme: numbered, with its reason and author; never changed afterwards."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="versions", verbose_name=_("session")
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("programme"))
    digest = models.CharField(max_length=64)
    reason = models.TextField(_("reason for the change"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by_label = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["session_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="programme_version_unique")
        ]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")

    def __str__(self) -> str:
        return f"{self.session} – v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("A published programme version cannot be changed.")
        super().save(*args, **kwargs)


class ProgrammeSeen(models.Model):
    """The last published version a person looked at, for "what changed since"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "session"], name="programme_seen_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} saw v{self.number}"


# --- chair's scripts ----------------------------------------------------------------------------


class ScriptTemplate(models.Model):
    """An administrator's wording for one kind of script section (overrides the default)."""

    kind = models.CharField(_("section"), max_length=20, unique=True)
    body = models.TextField(
        _("wording"),
        help_text=_(
            "Django template syntax: {{ position }}, {{ name }}, {{ title }}, {{ start }}…"
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("script template")
        verbose_name_plural = _("script templates")

    def __str__(self) -> str:
        return self.kind


class Script(models.Model):
    """The chair's operational script (kịch bản điều hành) of a sitting."""

    sitting = models.OneToOneField(Sitting, on_delete=models.CASCADE, related_name="script")
    current_number = models.PositiveIntegerField(default=0)
    stale = models.BooleanField(_("out of date"), default=False)
    stale_since = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chair's script")
        verbose_name_plural = _("chair's scripts")

    def __str__(self) -> str:
        return f"{self.sitting}"

    def permission_unit(self) -> Unit:
        return self.sitting.session.organiser_unit


class ScriptOrigin(models.TextChoices):
    GENERATED = "generated", _("Generated")
    EDITED = "edited", _("Edited")


class ScriptVersion(models.Model):
    """One version of a script: generated from the programme or edited by hand.

    ``sections`` is a list of ``{"key", "heading", "time", "speaker", "text", "edited"}``;
    ``source`` is the sitting's programme the text was generated from (to say what changed).
    """

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    origin = models.CharField(max_length=10, choices=ScriptOrigin.choices)
    sections = models.JSONField(default=list)
    source = models.JSONField(default=dict)
    source_digest = models.CharField(max_length=64)
    note = models.CharField(_("note"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["script_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["script", "number"], name="script_version_unique")
        ]
        verbose_name = _("script version")

    def __str__(self) -> str:
        return f"{self.script} – v{self.number}"


# --- preparation checklists ---------------------------------------------------------------------


class ChecklistKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary sitting")
    MEETING = "meeting", _("Standing Committee meeting")
    ONLINE = "online", _("Online sitting with the provinces")
    FORUM = "forum", _("Forum")
    CONGRESS = "congress", _("Congress")
    ANNIVERSARY = "anniversary", _("Anniversary ceremony")
    MUSEUM_OPENING = "museum_opening", _("Museum opening")


class ChecklistTemplate(models.Model):
    """What has to be prepared for one kind of event, and by whom, how long before."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ChecklistKind.choices)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return self.name


class ChecklistTemplateItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("task"), max_length=300)
    unit_code = models.CharField(
        _("owning unit (code)"), max_length=40, help_text=_("For example VPQH-CQT.")
    )
    offset_days = models.PositiveSmallIntegerField(_("working days before the event"))
    expected_result = models.CharField(_("expected result"), max_length=300)

    class Meta:
        ordering = ["template_id", "-offset_days", "position"]
        verbose_name = _("checklist template item")

    def __str__(self) -> str:
        return self.title


class Checklist(models.Model):
    """A template applied to an event: its items became tasks in the work module."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="checklists")
    sitting = models.ForeignKey(
        Sitting, null=True, blank=True, on_delete=models.CASCADE, related_name="checklists"
    )
    template = models.ForeignKey(
        ChecklistTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=255)
    anchor_date = models.DateField(_("event date"))
    directive = models.ForeignKey(
        "work.Directive", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["anchor_date", "id"]
        verbose_name = _("preparation checklist")
        verbose_name_plural = _("preparation checklists")

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("task"), max_length=300)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    offset_days = models.PositiveSmallIntegerField(_("working days before the event"))
    due = models.DateField(_("deadline"))
    task = models.ForeignKey(
        "work.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["checklist_id", "due", "position", "id"]
        verbose_name = _("checklist item")

    def __str__(self) -> str:
        return self.title


# --- online sittings: connection points -------------------------------------------------------


class ConnectionPoint(models.Model):
    """A provincial delegation office connected to an online sitting, with its check-in."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="connection_points")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("delegation office")
    )
    name = models.CharField(_("connection point"), max_length=255)
    position = models.PositiveSmallIntegerField(default=0)
    contact = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("technical contact"),
    )
    contact_name = models.CharField(_("technical contact"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    expected_participants = models.PositiveSmallIntegerField(_("participants expected"), default=1)
    sound_ok = models.BooleanField(_("sound"), null=True, blank=True)
    picture_ok = models.BooleanField(_("picture"), null=True, blank=True)
    participants_present = models.PositiveSmallIntegerField(
        _("participants present"), null=True, blank=True
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["sitting_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "unit"], name="connection_point_once")
        ]
        verbose_name = _("connection point")
        verbose_name_plural = _("connection points")

    def __str__(self) -> str:
        return self.name

    def permission_unit(self) -> Unit:
        return self.unit

    @property
    def is_ready(self) -> bool:
        return bool(
            self.sound_ok
            and self.picture_ok
            and self.participants_present is not None
            and self.participants_present >= self.expected_participants
        )


# --- participants and attendance ---------------------------------------------------------------


class ParticipantKind(models.TextChoices):
    DEPUTY = "deputy", _("Deputy")
    GUEST = "guest", _("Invited guest")
    AGENCY = "agency", _("Agency representative")
    STAFF = "staff", _("Serving staff")
    PRESS = "press", _("Press")


class Participant(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=10, choices=ParticipantKind.choices)
    deputy = models.ForeignKey(
        Deputy, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position_title = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("agency or delegation"), max_length=255, blank=True)
    group_label = models.CharField(_("group"), max_length=80, blank=True)
    seat = models.CharField(_("seat"), max_length=40, blank=True)
    badge_number = models.CharField(_("badge number"), max_length=40, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["session_id", "kind", "organisation", "full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "deputy"],
                condition=Q(deputy__isnull=False),
                name="participant_deputy_once",
            ),
            models.UniqueConstraint(
                fields=["session", "badge_number"],
                condition=~Q(badge_number=""),
                name="participant_badge_unique",
            ),
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.full_name


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent with leave")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="attendance"
    )
    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    imported = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "sitting"], name="attendance_once")
        ]
        verbose_name = _("attendance")

    def __str__(self) -> str:
        return f"{self.participant_id}@{self.sitting_id}: {self.status}"


# --- minutes, votes and conclusions --------------------------------------------------------------


class SpeechKind(models.TextChoices):
    CHAIR = "chair", _("Chair")
    PRESENTATION = "presentation", _("Presentation")
    SPEECH = "speech", _("Speech")
    DEBATE = "debate", _("Debate")
    ANSWER = "answer", _("Answer")
    QUESTION = "question", _("Question")


class MinutesEntry(models.Model):
    """One speaker's turn in a sitting's minutes, under the agenda item it belongs to."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="minutes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes"
    )
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=15, choices=SpeechKind.choices)
    speaker = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    speaker_name = models.CharField(_("speaker"), max_length=200)
    speaker_position = models.CharField(_("position or delegation"), max_length=255, blank=True)
    started_at = models.TimeField(pgettext_lazy("time", "from"), null=True, blank=True)
    ended_at = models.TimeField(pgettext_lazy("time", "to"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sitting_id", "started_at", "position", "id"]
        verbose_name = _("minutes entry")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return self.speaker_name


class Threshold(models.TextChoices):
    HALF = "half", _("More than half of all deputies")
    TWO_THIRDS = "two_thirds", _("At least two thirds of all deputies")


class Vote(models.Model):
    """An electronic vote's result; percentages are of all deputies, as the NA reports them."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="votes")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes"
    )
    subject = models.CharField(pgettext_lazy("vote", "subject"), max_length=500)
    held_at = models.TimeField(_("at"), null=True, blank=True)
    yes = models.PositiveIntegerField(pgettext_lazy("vote", "yes"))
    no = models.PositiveIntegerField(pgettext_lazy("vote", "no"))
    abstain = models.PositiveIntegerField(pgettext_lazy("vote", "abstain"))
    total_deputies = models.PositiveIntegerField(_("all deputies"))
    threshold = models.CharField(
        _("needed to pass"), max_length=12, choices=Threshold.choices, default=Threshold.HALF
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["sitting_id", "held_at", "id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return self.subject

    @property
    def not_voting(self) -> int:
        return max(0, self.total_deputies - self.yes - self.no - self.abstain)

    def percent(self, count: int) -> float:
        return round(100 * count / self.total_deputies, 2) if self.total_deputies else 0.0

    @property
    def yes_pct(self) -> float:
        return self.percent(self.yes)

    @property
    def no_pct(self) -> float:
        return self.percent(self.no)

    @property
    def abstain_pct(self) -> float:
        return self.percent(self.abstain)

    @property
    def not_voting_pct(self) -> float:
        return self.percent(self.not_voting)

    @property
    def passed(self) -> bool:
        if self.threshold == Threshold.TWO_THIRDS:
            return 3 * self.yes >= 2 * self.total_deputies
        return 2 * self.yes > self.total_deputies


class Conclusion(models.Model):
    """A conclusion of a sitting (kết luận); its points became tasks through a directive."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="conclusions")
    sitting = models.ForeignKey(
        Sitting, null=True, blank=True, on_delete=models.SET_NULL, related_name="conclusions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="conclusions"
    )
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    title = models.CharField(_("subject"), max_length=500)
    issued_on = models.DateField(_("issued on"))
    text = models.TextField(_("text"), blank=True)
    directive = models.ForeignKey("work.Directive", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")

    def __str__(self) -> str:
        return self.title


class ConclusionPoint(models.Model):
    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("instruction"))
    task = models.ForeignKey("work.Task", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["conclusion_id", "position"]
        verbose_name = _("conclusion point")

    def __str__(self) -> str:
        return self.text[:80]
