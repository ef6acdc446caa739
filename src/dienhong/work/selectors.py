"""Reads of work, already scoped to the user in the query, and the timeliness computation.

Timeliness is computed in SQL so dashboards aggregate without loading tasks:
- completed on time: done and completed on or before the deadline;
- completed late: done after the deadline;
- open, within deadline: assigned / in progress / returned / submitted, deadline not passed
  (a submitted task is judged by its submission date);
- open, overdue: the deadline has passed and no result was submitted in time;
- due soon: open within deadline, deadline within N working days (settings).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from dienhong.accounts.permissions import has_perm, scope_paths, scope_q
from dienhong.core.calendar import add_working_days
from dienhong.core.text import fold
from dienhong.org.models import Membership, Person, Unit
from dienhong.work.models import (
    CLOSED_STATES,
    OPEN_STATES,
    WORKING_STATES,
    Directive,
    ExtensionState,
    Notification,
    SavedView,
    Task,
    TaskEvent,
    TaskState,
    Timeliness,
)


def today() -> date:
    return timezone.localdate()


def due_soon_limit(on: date | None = None) -> date:
    days = int(getattr(settings, "DIENHONG_DUE_SOON_WORKING_DAYS", 3))
    return add_working_days(on or today(), days)


def q_on_time() -> Q:
    return Q(state=TaskState.DONE, completed_on__lte=F("due"))


def q_late() -> Q:
    return Q(state=TaskState.DONE, completed_on__gt=F("due"))


def q_overdue(on: date) -> Q:
    return Q(state__in=WORKING_STATES, due__lt=on) | Q(
        state=TaskState.SUBMITTED, submitted_on__gt=F("due")
    )


def q_in_time(on: date) -> Q:
    return Q(state__in=WORKING_STATES, due__gte=on) | Q(
        state=TaskState.SUBMITTED, submitted_on__lte=F("due")
    )


def q_due_soon(on: date) -> Q:
    return Q(state__in=WORKING_STATES, due__gte=on, due__lte=due_soon_limit(on))


def with_timeliness(queryset: QuerySet[Task], on: date | None = None) -> QuerySet[Task]:
    """Annotate ``timeliness`` (a ``Timeliness`` value) and ``due_soon`` (bool)."""
    on = on or today()
    return queryset.annotate(
        timeliness=Case(
            When(q_on_time(), then=Value(Timeliness.ON_TIME)),
            When(q_late(), then=Value(Timeliness.LATE)),
            When(q_overdue(on), then=Value(Timeliness.OVERDUE)),
            When(q_in_time(on), then=Value(Timeliness.IN_TIME)),
            default=Value(Timeliness.NONE),
            output_field=CharField(),
        ),
        due_soon=Case(When(q_due_soon(on), then=Value(True)), default=Value(False)),
    )


def person_of(user: Any) -> Person | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.person  # type: ignore[no-any-return]
    except Person.DoesNotExist:
        return None


def visible_q(user: Any) -> Q:
    """Tasks a user may see: lead or supporting unit in their scope, or named on the task."""
    if not has_perm(user, "work.view"):
        return Q(pk__in=[])
    condition = scope_q(user, "work.view", path_field="lead_unit__path")
    supported = Task.support_units.through.objects.filter(task_id=OuterRef("pk")).filter(
        scope_q(user, "work.view", path_field="unit__path")
    )
    condition |= Q(Exists(supported))
    person = person_of(user)
    if person is not None:
        condition |= Q(owner=person) | Q(acceptor=person) | Q(responsible_leader=person)
        condition |= Q(directive__issuer=person)
    return condition


def tasks_visible_to(user: Any) -> QuerySet[Task]:
    return Task.objects.filter(visible_q(user))


def task_list(
    user: Any,
    *,
    unit: Unit | None = None,
    owner: Person | None = None,
    state: str = "",
    timeliness: str = "",
    q: str = "",
    directive_id: int | None = None,
    due_from: date | None = None,
    due_to: date | None = None,
    include_drafts: bool = False,
    on: date | None = None,
) -> QuerySet[Task]:
    on = on or today()
    queryset = with_timeliness(tasks_visible_to(user), on).select_related(
        "lead_unit", "owner", "directive"
    )
    if not include_drafts and state != TaskState.DRAFT:
        queryset = queryset.exclude(state=TaskState.DRAFT)
    if unit is not None:
        queryset = queryset.filter(lead_unit__path__startswith=unit.path)
    if owner is not None:
        queryset = queryset.filter(owner=owner)
    if state:
        queryset = queryset.filter(state=state)
    if timeliness == "due_soon":
        queryset = queryset.filter(q_due_soon(on))
    elif timeliness == Timeliness.ON_TIME:
        queryset = queryset.filter(q_on_time())
    elif timeliness == Timeliness.LATE:
        queryset = queryset.filter(q_late())
    elif timeliness == Timeliness.OVERDUE:
        queryset = queryset.filter(q_overdue(on))
    elif timeliness == Timeliness.IN_TIME:
        queryset = queryset.filter(q_in_time(on))
    elif timeliness == "open":
        queryset = queryset.filter(state__in=OPEN_STATES)
    if directive_id is not None:
        queryset = queryset.filter(directive_id=directive_id)
    if due_from is not None:
        queryset = queryset.filter(due__gte=due_from)
    if due_to is not None:
        queryset = queryset.filter(due__lte=due_to)
    if q:
        for word in q.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return queryset.order_by("due", "id")


def my_tasks(user: Any, **filters: Any) -> QuerySet[Task]:
    """A person's own tasks: open ones first (by deadline), then the closed ones."""
    person = person_of(user)
    if person is None:
        return Task.objects.none()
    closed_last = Case(When(state__in=CLOSED_STATES, then=Value(1)), default=Value(0))
    return task_list(user, owner=person, **filters).order_by(closed_last, "due", "id")


def task_detail(user: Any, task_id: int) -> Task | None:
    return (
        with_timeliness(tasks_visible_to(user))
        .select_related("directive__issuer", "lead_unit", "owner", "acceptor", "responsible_leader")
        .prefetch_related(
            "support_units",
            "milestones",
            Prefetch(
                "events",
                queryset=TaskEvent.objects.select_related("actor").prefetch_related("attachments"),
            ),
            "extensions",
        )
        .filter(pk=task_id)
        .first()
    )


def pending_extension(task: Task) -> Any:
    return task.extensions.filter(state=ExtensionState.PENDING).first()


# --- directives --------------------------------------------------------------------------


def directives_visible_to(user: Any) -> QuerySet[Directive]:
    """Directives registered in the user's scope, or with a task the user may see."""
    if not has_perm(user, "work.view"):
        return Directive.objects.none()
    with_visible_task = Task.objects.filter(visible_q(user), directive_id=OuterRef("pk"))
    return Directive.objects.filter(
        scope_q(user, "work.view", path_field="unit__path") | Q(Exists(with_visible_task))
    )


def directive_list(user: Any, *, q: str = "", year: int | None = None) -> QuerySet[Directive]:
    queryset = directives_visible_to(user).select_related("issuer", "unit")
    if q:
        for word in q.split():
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(number__icontains=word) | Q(meeting__icontains=word)
            )
    if year:
        queryset = queryset.filter(issued_on__year=year)
    on = today()
    return queryset.annotate(
        task_count=Count("tasks", filter=~Q(tasks__state=TaskState.DRAFT)),
        done_count=Count("tasks", filter=Q(tasks__state=TaskState.DONE)),
        overdue_count=Count("tasks", filter=Q(tasks__state__in=WORKING_STATES, tasks__due__lt=on)),
        draft_count=Count("tasks", filter=Q(tasks__state=TaskState.DRAFT)),
    ).order_by("-issued_on", "-id")


def directive_detail(user: Any, directive_id: int) -> Directive | None:
    return (
        directives_visible_to(user).select_related("issuer", "unit").filter(pk=directive_id).first()
    )


# --- dashboards -----------------------------------------------------------------------------


@dataclass
class Counts:
    total: int = 0
    on_time: int = 0
    late: int = 0
    in_time: int = 0
    overdue: int = 0
    due_soon: int = 0
    submitted: int = 0

    def add(self, other: Counts) -> None:
        for name in ("total", "on_time", "late", "in_time", "overdue", "due_soon", "submitted"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def open(self) -> int:
        return self.in_time + self.overdue

    @property
    def on_time_rate(self) -> int | None:
        return round(100 * self.on_time / self.done) if self.done else None

    @property
    def percents(self) -> dict[str, float]:
        total = self.done + self.open or 1
        return {
            "on_time": 100 * self.on_time / total,
            "late": 100 * self.late / total,
            "in_time": 100 * self.in_time / total,
            "overdue": 100 * self.overdue / total,
        }


def _count_kwargs(on: date) -> dict[str, Any]:
    return {
        "total": Count("id"),
        "on_time": Count("id", filter=q_on_time()),
        "late": Count("id", filter=q_late()),
        "in_time": Count("id", filter=q_in_time(on)),
        "overdue": Count("id", filter=q_overdue(on)),
        "due_soon": Count("id", filter=q_due_soon(on)),
        "submitted": Count("id", filter=Q(state=TaskState.SUBMITTED)),
    }


@dataclass
class UnitRow:
    unit: Unit
    counts: Counts = field(default_factory=Counts)


@dataclass
class Dashboard:
    unit: Unit | None
    counts: Counts
    rows: list[UnitRow]
    trend: list[dict[str, Any]]
    overdue: list[Task]
    due_soon: list[Task]
    on: date


def dashboard_units(user: Any) -> QuerySet[Unit]:
    """Units whose dashboard the user may open (their work.view subtrees)."""
    return Unit.objects.filter(scope_q(user, "work.view"), dissolved_on__isnull=True).order_by(
        "path"
    )


def default_dashboard_unit(user: Any) -> Unit | None:
    paths = scope_paths(user, "work.view")
    if not paths:
        return None
    return Unit.objects.filter(path=min(paths, key=len)).first()


def dashboard(
    user: Any, *, unit: Unit | None, on: date | None = None, months: int = 12
) -> Dashboard:
    """Counts for ``unit``'s subtree (all visible tasks when None), per child unit, and a trend.

    One grouped query per section: counts per lead unit rolled up to the children in Python
    (a few hundred units at most), monthly buckets grouped by ``TruncMonth`` in SQL.
    """
    on = on or today()
    base = tasks_visible_to(user).exclude(state__in=[TaskState.DRAFT, TaskState.CANCELLED])
    if unit is not None:
        base = base.filter(lead_unit__path__startswith=unit.path)
    per_unit = (
        base.values("lead_unit_id", "lead_unit__path").annotate(**_count_kwargs(on)).order_by()
    )
    children: list[Unit]
    if unit is not None:
        children = list(
            Unit.objects.filter(parent=unit, dissolved_on__isnull=True).order_by(
                "sort_order", "name"
            )
        )
    else:
        children = list(dashboard_units(user).filter(depth=0)) or list(dashboard_units(user)[:1])
        roots = [u for u in children if u.depth == 0]
        if len(roots) == 1:
            unit = roots[0]
            children = list(
                Unit.objects.filter(parent=unit, dissolved_on__isnull=True).order_by(
                    "sort_order", "name"
                )
            )
    rows = {child.pk: UnitRow(child) for child in children}
    own = UnitRow(unit) if unit is not None else None
    total = Counts()
    for entry in per_unit:
        counts = Counts(**{name: entry[name] for name in _count_kwargs(on)})
        total.add(counts)
        path = entry["lead_unit__path"] or ""
        target = next((row for row in rows.values() if path.startswith(row.unit.path)), None)
        if target is not None:
            target.counts.add(counts)
        elif own is not None:
            own.counts.add(counts)
    ordered = [row for row in rows.values() if row.counts.total]
    ordered.sort(key=lambda row: (-row.counts.overdue, -row.counts.total, row.unit.name))
    if own is not None and own.counts.total:
        ordered.insert(0, own)
    listed = with_timeliness(base, on).select_related("lead_unit", "owner")
    overdue = list(
        listed.filter(q_overdue(on)).filter(state__in=WORKING_STATES).order_by("due", "id")[:10]
    )
    soon = list(listed.filter(q_due_soon(on)).order_by("due", "id")[:10])
    return Dashboard(
        unit=unit,
        counts=total,
        rows=ordered,
        trend=trend(base, on=on, months=months),
        overdue=overdue,
        due_soon=soon,
        on=on,
    )


def _month_start(day: date, back: int) -> date:
    month = day.month - back
    year = day.year
    while month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)


def trend(queryset: QuerySet[Task], *, on: date, months: int = 12) -> list[dict[str, Any]]:
    """Tasks falling due per month for the last ``months`` months, split by timeliness."""
    first = _month_start(on, months - 1)
    grouped = (
        queryset.filter(due__gte=first, due__lte=on)
        .annotate(month=TruncMonth("due"))
        .values("month")
        .annotate(
            on_time=Count("id", filter=q_on_time()),
            late=Count("id", filter=q_late()),
            overdue=Count("id", filter=q_overdue(on)),
            in_time=Count("id", filter=q_in_time(on)),
        )
        .order_by("month")
    )
    by_month = {}
    for entry in grouped:
        month = entry["month"]
        key = (month.year, month.month)
        by_month[key] = entry
    result = []
    for back in range(months - 1, -1, -1):
        start = _month_start(on, back)
        entry = by_month.get((start.year, start.month), {})
        result.append(
            {
                "month": start,
                "on_time": entry.get("on_time", 0),
                "late": entry.get("late", 0),
                "overdue": entry.get("overdue", 0),
                "in_time": entry.get("in_time", 0),
            }
        )
    return result


# --- people and units for forms -------------------------------------------------------------


def people_in_subtree(unit: Unit) -> QuerySet[Person]:
    """People holding a current post in ``unit`` or below: who may own its tasks."""
    return (
        Person.objects.filter(
            is_active=True,
            memberships__valid_to__isnull=True,
            memberships__unit__path__startswith=unit.path,
        )
        .distinct()
        .order_by("name_folded")
    )


def is_in_subtree(person: Person, unit: Unit) -> bool:
    return Membership.objects.filter(
        person=person, valid_to__isnull=True, unit__path__startswith=unit.path
    ).exists()


def head_of(unit: Unit) -> Person | None:
    """The current leader of ``unit`` with the highest rank (Vụ trưởng, Cục trưởng ...)."""
    membership = (
        Membership.objects.filter(unit=unit, valid_to__isnull=True, position__is_leadership=True)
        .select_related("person")
        .order_by("position__rank", "id")
        .first()
    )
    return membership.person if membership else None


def assignable_units(user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_q(user, "work.assign"), dissolved_on__isnull=True).order_by(
        "path"
    )


def find_unit(text: str) -> Unit | None:
    """A unit named (with or without diacritics) or coded in ``text``."""
    folded = fold(text)
    if not folded:
        return None
    exact = Unit.objects.filter(
        Q(code__iexact=text.strip()) | Q(name_folded=folded), dissolved_on__isnull=True
    )
    found = exact.order_by("depth").first()
    if found is not None:
        return found
    candidates = (
        Unit.objects.filter(dissolved_on__isnull=True)
        .exclude(kind="delegation_office")
        .only("id", "name_folded", "path", "depth", "name", "code")
    )
    best: Unit | None = None
    for candidate in candidates:
        if (
            candidate.name_folded
            and candidate.name_folded in folded
            and (best is None or len(candidate.name_folded) > len(best.name_folded))
        ):
            best = candidate
    return best


def find_person(text: str, *, unit: Unit | None = None) -> Person | None:
    folded = fold(text)
    if not folded:
        return None
    queryset = Person.objects.filter(is_active=True)
    if unit is not None:
        queryset = queryset.filter(
            memberships__valid_to__isnull=True, memberships__unit__path__startswith=unit.path
        )
    by_login = queryset.filter(user__username__iexact=text.strip()).first()
    if by_login is not None:
        return by_login
    return queryset.filter(Q(name_folded=folded) | Q(email__iexact=text.strip())).distinct().first()


# --- notifications and saved views -----------------------------------------------------------


def notifications_for(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def saved_views(user: Any, page: str) -> QuerySet[SavedView]:
    return SavedView.objects.filter(user=user, page=page)


def report_rows(user: Any, *, start: date, end: date, unit: Unit | None = None) -> QuerySet[Task]:
    """Tasks of a period: due in it, or completed in it, or still open at its end."""
    queryset = task_list(user, unit=unit, on=min(end, today())).exclude(state=TaskState.CANCELLED)
    period = (
        Q(due__range=(start, end))
        | Q(completed_on__range=(start, end))
        | Q(state__in=OPEN_STATES, assigned_on__lte=end)
    )
    return queryset.filter(period).select_related("acceptor").prefetch_related("support_units")
