"""Reads of the sittings module, scoped to the user in the query.

Programmes are the Office's shared business: anyone holding ``sittings.view`` anywhere sees
the list of sessions and their programmes (published ones are public anyway). What serves the
organisers only — scripts, participants and their badges, minutes — is scoped to the
organising unit's subtree (``sittings.view`` there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from dienhong.accounts.permissions import has_perm, scope_q
from dienhong.core.text import fold
from dienhong.sittings import programme
from dienhong.sittings.models import (
    AgendaItem,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    Conclusion,
    ConclusionPoint,
    ConnectionPoint,
    Hall,
    MinutesEntry,
    Participant,
    ProgrammeSeen,
    ProgrammeVersion,
    Script,
    ScriptVersion,
    Session,
    Sitting,
    Vote,
)
from dienhong.work.models import Task
from dienhong.work.selectors import with_timeliness

VIEW = "sittings.view"
READINESS_LEAD = timedelta(minutes=30)


def may_view(user: Any) -> bool:
    return has_perm(user, VIEW)


def may_manage(user: Any, session: Session) -> bool:
    return has_perm(user, "sittings.manage", unit=session.organiser_unit)


def may_publish(user: Any, session: Session) -> bool:
    return has_perm(user, "sittings.publish", unit=session.organiser_unit)


def may_see_internal(user: Any, session: Session) -> bool:
    """Scripts, participants and minutes: organisers (``sittings.view`` on the unit)."""
    return has_perm(user, VIEW, unit=session.organiser_unit)


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    if not may_view(user):
        return Session.objects.none()
    return Session.objects.all()


def internal_sessions(user: Any) -> QuerySet[Session]:
    return Session.objects.filter(scope_q(user, VIEW, path_field="organiser_unit__path"))


def session_list(user: Any, *, kind: str = "", q: str = "") -> QuerySet[Session]:
    sessions = sessions_visible_to(user).select_related("term", "organiser_unit")
    if kind:
        sessions = sessions.filter(kind=kind)
    if q:
        words = fold(q).split()
        for word in words:
            sessions = sessions.filter(Q(slug__icontains=word) | Q(title__icontains=q))
    return sessions.annotate(sitting_count=Count("sittings", distinct=True)).order_by(
        "-start", "-id"
    )


def session_detail(user: Any, session_id: int) -> Session | None:
    return (
        sessions_visible_to(user)
        .select_related("term", "organiser_unit", "body")
        .filter(pk=session_id)
        .first()
    )


def sitting_detail(user: Any, sitting_id: int) -> Sitting | None:
    return (
        Sitting.objects.filter(session__in=sessions_visible_to(user), pk=sitting_id)
        .select_related("session", "session__organiser_unit", "hall", "chair")
        .first()
    )


def item_detail(user: Any, item_id: int) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(sitting__session__in=sessions_visible_to(user), pk=item_id)
        .select_related(
            "sitting", "sitting__session", "sitting__session__organiser_unit", "presenter"
        )
        .prefetch_related("documents")
        .first()
    )


def halls() -> QuerySet[Hall]:
    return Hall.objects.filter(is_active=True).order_by("name")


# --- programme ------------------------------------------------------------------------------------


@dataclass
class Overflow:
    sitting: Sitting
    planned: int  # minutes of items
    available: int  # minutes of the sitting

    @property
    def over(self) -> int:
        return self.planned - self.available


def draft_programme(session: Session) -> list[Sitting]:
    return programme.sittings_with_items(session)


def overflows(sittings: list[Sitting]) -> list[Overflow]:
    """Sittings whose items together run past the sitting's end (a warning, not an error)."""
    found = []
    for sitting in sittings:
        planned = sum(item.duration for item in sitting.items.all())
        if planned > sitting.minutes_long:
            found.append(Overflow(sitting, planned, sitting.minutes_long))
    return found


def versions_of(session: Session) -> QuerySet[ProgrammeVersion]:
    return ProgrammeVersion.objects.filter(session=session).order_by("-number").defer("snapshot")


def version(session: Session, number: int | None = None) -> ProgrammeVersion | None:
    versions = ProgrammeVersion.objects.filter(session=session)
    if number is None:
        return versions.order_by("-number").first()
    return versions.filter(number=number).first()


def public_session(slug: str) -> Session | None:
    """A session whose programme has been published, for the public pages."""
    return Session.objects.filter(slug=slug, published_number__gte=1).first()


def public_sessions() -> QuerySet[Session]:
    return Session.objects.filter(published_number__gte=1).order_by("-start", "-id")


def draft_differs(session: Session, sittings: list[Sitting] | None = None) -> bool:
    latest = version(session)
    if latest is None:
        return True
    return programme.snapshot_digest(programme.build_snapshot(session, sittings)) != latest.digest


@dataclass
class SinceSeen:
    seen: int
    latest: ProgrammeVersion
    diff: programme.ProgrammeDiff


def changes_since_seen(user: Any, session: Session) -> SinceSeen | None:
    """What changed since the version this person last looked at (``None``: nothing new)."""
    if not getattr(user, "is_authenticated", False):
        return None
    seen = ProgrammeSeen.objects.filter(user=user, session=session).first()
    if seen is None or seen.number >= session.published_number:
        return None
    old = version(session, seen.number)
    latest = version(session)
    if old is None or latest is None:
        return None
    return SinceSeen(seen.number, latest, programme.diff(old.snapshot, latest.snapshot))


# --- scripts --------------------------------------------------------------------------------------


def scripts_of(session: Session) -> dict[int, Script]:
    return {script.sitting_id: script for script in Script.objects.filter(sitting__session=session)}


def script_versions(script: Script) -> QuerySet[ScriptVersion]:
    return ScriptVersion.objects.filter(script=script).order_by("-number")


# --- online sittings ------------------------------------------------------------------------------


@dataclass
class PointState:
    point: ConnectionPoint
    state: str  # ready | not_ready | waiting | late


@dataclass
class Readiness:
    sitting: Sitting
    now: datetime
    deadline: datetime
    points: list[PointState] = field(default_factory=list)

    @property
    def past_deadline(self) -> bool:
        return self.now >= self.deadline

    def count(self, state: str) -> int:
        return sum(1 for point in self.points if point.state == state)

    @property
    def ready(self) -> int:
        return self.count("ready")

    @property
    def flagged(self) -> int:
        return self.count("late")


def readiness(sitting: Sitting, *, now: datetime | None = None) -> Readiness:
    """Each connection point's state; points not ready at T-30 minutes are flagged ``late``."""
    now = now or timezone.now()
    deadline = sitting.starts_at() - READINESS_LEAD
    board = Readiness(sitting=sitting, now=now, deadline=deadline)
    points = (
        ConnectionPoint.objects.filter(sitting=sitting)
        .select_related("province", "unit")
        .order_by("position", "id")
    )
    for point in points:
        if point.is_ready:
            state = "ready"
        elif now >= deadline:
            state = "late"
        elif point.checked_in_at is None:
            state = "waiting"
        else:
            state = "not_ready"
        board.points.append(PointState(point, state))
    return board


def points_for_user(user: Any, sitting: Sitting) -> QuerySet[ConnectionPoint]:
    """The connection points this user may check in for (their delegation office)."""
    if has_perm(user, "sittings.manage", unit=sitting.session.organiser_unit):
        return ConnectionPoint.objects.filter(sitting=sitting)
    return ConnectionPoint.objects.filter(sitting=sitting).filter(
        scope_q(user, "sittings.checkin", path_field="unit__path")
    )


def online_sittings_for(user: Any) -> QuerySet[ConnectionPoint]:
    """Upcoming connection points a delegation office has to check in for."""
    today = timezone.localdate()
    return (
        ConnectionPoint.objects.filter(sitting__date__gte=today)
        .filter(scope_q(user, "sittings.checkin", path_field="unit__path"))
        .select_related("sitting", "sitting__session")
        .order_by("sitting__date", "sitting__start_time")
    )


# --- checklists -----------------------------------------------------------------------------------


def checklist_templates() -> QuerySet[ChecklistTemplate]:
    return ChecklistTemplate.objects.annotate(item_count=Count("items")).order_by("kind", "name")


def checklists_of(session: Session) -> list[Checklist]:
    tasks = with_timeliness(Task.objects.select_related("owner", "lead_unit"))
    items = ChecklistItem.objects.select_related("unit").prefetch_related(
        Prefetch("task", queryset=tasks)
    )
    return list(
        Checklist.objects.filter(session=session)
        .select_related("sitting", "directive")
        .prefetch_related(Prefetch("items", queryset=items.order_by("due", "position")))
    )


# --- participants, minutes, votes, conclusions ----------------------------------------------------


def participants_of(session: Session, *, kind: str = "", q: str = "") -> QuerySet[Participant]:
    participants = Participant.objects.filter(session=session)
    if kind:
        participants = participants.filter(kind=kind)
    if q:
        participants = participants.filter(
            Q(full_name__icontains=q) | Q(organisation__icontains=q) | Q(badge_number=q)
        )
    return participants.order_by("kind", "group_label", "organisation", "full_name", "id")


def attendance_counts(sitting: Sitting) -> dict[str, int]:
    rows = sitting.attendance.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def minutes_of(sitting: Sitting) -> list[tuple[AgendaItem | None, list[MinutesEntry]]]:
    """The minutes grouped by agenda item, in programme order (unfiled turns last)."""
    entries = list(
        MinutesEntry.objects.filter(sitting=sitting).order_by("started_at", "position", "id")
    )
    items = list(sitting.items.order_by("position", "id"))
    grouped: list[tuple[AgendaItem | None, list[MinutesEntry]]] = [
        (item, [e for e in entries if e.agenda_item_id == item.pk]) for item in items
    ]
    loose = [e for e in entries if e.agenda_item_id is None]
    if loose:
        grouped.append((None, loose))
    return grouped


def votes_of(sitting: Sitting) -> QuerySet[Vote]:
    return Vote.objects.filter(sitting=sitting).select_related("agenda_item")


def conclusions_of(session: Session) -> list[Conclusion]:
    tasks = with_timeliness(Task.objects.select_related("owner", "lead_unit"))
    points = ConclusionPoint.objects.prefetch_related(Prefetch("task", queryset=tasks))
    return list(
        Conclusion.objects.filter(session=session)
        .select_related("sitting", "directive")
        .prefetch_related(Prefetch("points", queryset=points.order_by("position")))
    )
