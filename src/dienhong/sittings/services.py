"""Every write of the sittings module.

Each service is keyword-only, checks permission first (``sittings.manage`` on the organising
unit; ``sittings.publish`` to publish; ``sittings.checkin`` at a delegation office), writes in
one transaction and appends to the audit log. The draft programme may change freely;
publishing freezes it into a numbered version, guarded against two editors publishing at once.
Preparation checklists and conclusions become directives and tasks through the work module's
services, so every instruction is followed to its result there.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dienhong.accounts.permissions import has_perm, require
from dienhong.core import audit
from dienhong.core.calendar import add_working_days, is_working_day, year_calendar
from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.core.text import fold, nfc
from dienhong.documents.models import Document
from dienhong.documents.selectors import documents_visible_to
from dienhong.org.models import Body, BodyKind, Delegation, Deputy, Membership, Person, Term, Unit
from dienhong.sittings import programme, scripts
from dienhong.sittings.formats import long_date
from dienhong.sittings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    Conclusion,
    ConclusionPoint,
    ConnectionPoint,
    EventType,
    Hall,
    ItemKind,
    MinutesEntry,
    Part,
    Participant,
    ParticipantKind,
    ProgrammeSeen,
    ProgrammeVersion,
    Script,
    ScriptOrigin,
    ScriptVersion,
    Session,
    SessionKind,
    Sitting,
    SittingFormat,
    SpeechKind,
    Threshold,
    Vote,
)
from dienhong.work import selectors as work_selectors
from dienhong.work import services as work_services
from dienhong.work.models import (
    DirectiveKind,
    Task,
)

MANAGE = "sittings.manage"
PUBLISH = "sittings.publish"
CHECKIN = "sittings.checkin"


def _label(actor: Any) -> str:
    person = work_selectors.person_of(actor)
    if person is not None:
        return person.full_name
    return str(getattr(actor, "username", "") or _("System"))


def _require_manage(actor: Any, session: Session) -> None:
    require(actor, MANAGE, unit=session.organiser_unit)


# --- days off -------------------------------------------------------------------------------------


def day_off_name(day: date) -> str | None:
    """The name of the holiday on ``day``, "" for a plain weekend, ``None`` for a working day."""
    if is_working_day(day):
        return None
    for entry in year_calendar(day.year).entries:
        if entry.date == day and entry.is_day_off:
            return entry.name
    return ""


def check_day(day: date, *, confirm_day_off: bool, field: str = "date") -> None:
    """Refuse a day off unless the user confirmed it; the message names the holiday."""
    name = day_off_name(day)
    if name is None or confirm_day_off:
        return
    if name:
        message = _(
            "%(date)s is a day off (%(holiday)s). Choose a working day, or confirm that it "
            "takes place on a day off."
        ) % {"date": long_date(day), "holiday": name}
    else:
        message = _(
            "%(date)s falls on a weekend. Choose a working day, or confirm that it takes "
            "place on a day off."
        ) % {"date": long_date(day)}
    raise ValidationFailed(message, field=field, code="day_off")


# --- sessions, meetings, events -------------------------------------------------------------------


def _default_title(kind: str, number: int | None, term: Term | None) -> str:
    if kind == SessionKind.SESSION and term is not None:
        return f"Kỳ họp thứ {number}, Quốc hội khóa {term.roman}"
    if kind == SessionKind.MEETING:
        return f"Phiên họp thứ {number} của Ủy ban Thường vụ Quốc hội"
    return ""


def _unique_slug(text: str) -> str:
    base = slugify(fold(text))[:100] or "su-kien"
    slug, counter = base, 2
    while Session.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _issuer_defaults(kind: str, term: Term | None) -> dict[str, str]:
    if kind == SessionKind.EVENT:
        return {
            "issuer_label": "VĂN PHÒNG QUỐC HỘI",
            "document_symbol": "CTr-VPQH",
            "signer_authority": "",
            "signer_position": "TỔNG THƯ KÝ QUỐC HỘI - CHỦ NHIỆM VĂN PHÒNG QUỐC HỘI",
        }
    suffix = str(term.number) if term is not None else ""
    return {
        "issuer_label": "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        "document_symbol": f"CTr-UBTVQH{suffix}",
        "signer_authority": "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI",
        "signer_position": "CHỦ TỊCH",
    }


@transaction.atomic
def create_session(
    *,
    actor: Any,
    kind: str,
    organiser_unit: Unit,
    start: date,
    end: date,
    term: Term | None = None,
    number: int | None = None,
    title: str = "",
    event_type: str = "",
    body: Body | None = None,
    place: str = "",
    description: str = "",
    confirm_day_off: bool = False,
    is_demo: bool = False,
) -> Session:
    """Plan a session (numbered in its term), a Standing Committee meeting or an event."""
    require(actor, MANAGE, unit=organiser_unit)
    if kind not in SessionKind.values:
        raise ValidationFailed(_("Choose a session, a meeting or an event."), field="kind")
    if end < start:
        raise ValidationFailed(_("The last day cannot be before the first day."), field="end")
    if kind == SessionKind.EVENT:
        if event_type not in EventType.values:
            raise ValidationFailed(_("Choose the type of event."), field="event_type")
        number = None
    else:
        event_type = ""
        if term is None:
            raise ValidationFailed(_("Choose the term."), field="term")
        if not number or number < 1:
            raise ValidationFailed(_("Give the number within the term."), field="number")
        if Session.objects.filter(term=term, kind=kind, number=number).exists():
            raise ValidationFailed(
                _("%(title)s already exists.") % {"title": _default_title(kind, number, term)},
                field="number",
                code="duplicate",
            )
        if kind == SessionKind.MEETING and body is None:
            body = Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE).first()
    check_day(start, confirm_day_off=confirm_day_off, field="start")
    title = nfc(title) or _default_title(kind, number, term)
    if not title:
        raise ValidationFailed(_("Give the event a title."), field="title")
    session = Session.objects.create(
        kind=kind,
        event_type=event_type,
        term=term,
        number=number,
        body=body,
        title=title[:300],
        slug=_unique_slug(title),
        start=start,
        end=end,
        place=nfc(place),
        organiser_unit=organiser_unit,
        description=description.strip(),
        created_by=actor,
        is_demo=is_demo,
        **_issuer_defaults(kind, term),
    )
    audit.record(actor, "session.created", session)
    return session


SESSION_FIELDS = [
    "title",
    "place",
    "description",
    "end",
    "issuer_label",
    "parent_issuer_label",
    "document_symbol",
    "signer_authority",
    "signer_position",
    "signer_name",
]


@transaction.atomic
def update_session(*, actor: Any, session: Session, data: Mapping[str, Any]) -> Session:
    """Edit a session's description; moving its dates is ``move_session``."""
    _require_manage(actor, session)
    changes: dict[str, Any] = {}
    for name in SESSION_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str) and name != "description":
            value = nfc(value)
        if getattr(session, name) != value:
            changes[name] = [getattr(session, name), value]
            setattr(session, name, value)
    if not session.title:
        raise ValidationFailed(_("Give the event a title."), field="title")
    if session.end < session.start:
        raise ValidationFailed(_("The last day cannot be before the first day."), field="end")
    last = Sitting.objects.filter(session=session).order_by("-date").first()
    if last is not None and last.date > session.end:
        raise ValidationFailed(
            _("A sitting is planned on %(date)s, after the last day.")
            % {"date": long_date(last.date)},
            field="end",
        )
    if changes:
        session.save(update_fields=list(changes))
        audit.record(actor, "session.updated", session, changes=changes)
    return session


def _mark_draft_changed(session: Session) -> None:
    now = timezone.now()
    Session.objects.filter(pk=session.pk).update(draft_changed_at=now)
    session.draft_changed_at = now


def _touch(session: Session, sittings: Iterable[Sitting]) -> None:
    """A draft change: remember it, and re-check the scripts it may have made stale."""
    _mark_draft_changed(session)
    if not Script.objects.filter(sitting__session=session).exists():
        return
    ids = {sitting.pk for sitting in sittings if sitting.pk is not None}
    ordered = list(
        Sitting.objects.filter(session=session)
        .order_by("date", "start_time", "id")
        .values_list("id", flat=True)
    )
    affected = set(ids)
    for index, pk in enumerate(ordered):
        if pk in ids and index > 0:
            affected.add(ordered[index - 1])  # its closing announces the next sitting
    for script in Script.objects.filter(sitting_id__in=affected).select_related("sitting"):
        refresh_staleness(script)


def refresh_staleness(script: Script) -> bool:
    """Compare the script's source with the programme now; mark it stale (or current)."""
    latest = script.versions.order_by("-number").first()
    if latest is None:
        return False
    current = scripts.source_digest(scripts.build_source(script.sitting))
    stale = current != latest.source_digest
    if stale != script.stale:
        Script.objects.filter(pk=script.pk).update(
            stale=stale, stale_since=timezone.now() if stale else None
        )
        script.stale = stale
    return stale


# --- moving an event: dates, checklists and the tasks they made ----------------------------------


@dataclass
class MoveResult:
    session: Session
    days: int
    tasks_moved: list[Task] = field(default_factory=list)


def _reanchor(checklist: Checklist, anchor: date, *, actor: Any, reason: str) -> list[Task]:
    moved: list[Task] = []
    if checklist.anchor_date == anchor:
        return moved
    checklist.anchor_date = anchor
    checklist.save(update_fields=["anchor_date"])
    for item in checklist.items.select_related("task", "task__owner__user"):
        due = add_working_days(anchor, -item.offset_days)
        item.due = due
        item.save(update_fields=["due"])
        if item.task is not None and work_services.reschedule_task(
            actor=actor, task=item.task, new_due=due, reason=reason, follows_event=True
        ):
            moved.append(item.task)
    return moved


def _check_hall(sitting: Sitting, *, ignore_session: bool = False) -> None:
    if sitting.hall_id is None:
        return
    clashes = Sitting.objects.filter(
        hall_id=sitting.hall_id,
        date=sitting.date,
        start_time__lt=sitting.end_time,
        end_time__gt=sitting.start_time,
    ).select_related("session", "hall")
    if sitting.pk is not None:
        clashes = clashes.exclude(pk=sitting.pk)
    if ignore_session:
        clashes = clashes.exclude(session_id=sitting.session_id)
    clash = clashes.first()
    if clash is not None:
        raise ValidationFailed(
            _(
                "%(hall)s is already booked on %(date)s from %(start)s to %(end)s for "
                "%(session)s. Choose another hall or another time."
            )
            % {
                "hall": clash.hall,
                "date": long_date(clash.date),
                "start": clash.start_time.strftime("%H:%M"),
                "end": clash.end_time.strftime("%H:%M"),
                "session": clash.session.title,
            },
            field="hall",
            code="hall_busy",
        )


@transaction.atomic
def move_session(
    *, actor: Any, session: Session, start: date, confirm_day_off: bool = False
) -> MoveResult:
    """Move the whole event: its sittings keep their weekday distance; its checklists'
    open tasks get new deadlines counted back from the new date, and their owners are told."""
    _require_manage(actor, session)
    delta = (start - session.start).days
    if delta == 0:
        raise ValidationFailed(_("The event already starts on that day."), field="start")
    sittings = list(Sitting.objects.filter(session=session).order_by("date", "start_time"))
    check_day(start, confirm_day_off=confirm_day_off, field="start")
    for sitting in sittings:
        check_day(
            sitting.date + timedelta(days=delta), confirm_day_off=confirm_day_off, field="start"
        )
    old_start = session.start
    session.start = start
    session.end = session.end + timedelta(days=delta)
    session.save(update_fields=["start", "end"])
    for sitting in sittings:
        sitting.date = sitting.date + timedelta(days=delta)
        _check_hall(sitting, ignore_session=True)
        sitting.revision += 1
        sitting.save(update_fields=["date", "revision", "updated_at"])
    reason = _("%(event)s moved from %(old)s to %(new)s.") % {
        "event": session.title,
        "old": long_date(old_start),
        "new": long_date(start),
    }
    result = MoveResult(session=session, days=delta)
    for checklist in Checklist.objects.filter(session=session):
        result.tasks_moved += _reanchor(
            checklist, checklist.anchor_date + timedelta(days=delta), actor=actor, reason=reason
        )
    _touch(session, sittings)
    audit.record(
        actor,
        "session.moved",
        session,
        changes={
            "start": [old_start, start],
            "tasks_moved": len(result.tasks_moved),
        },
    )
    return result


# --- sittings -------------------------------------------------------------------------------------

SITTING_FIELDS = [
    "date",
    "part",
    "start_time",
    "end_time",
    "format",
    "hall",
    "place",
    "title",
    "chair_title",
    "chair",
    "live_broadcast",
    "note",
]


def _validate_sitting(sitting: Sitting, *, confirm_day_off: bool, date_changed: bool) -> None:
    session = sitting.session
    if sitting.part not in Part.values:
        raise ValidationFailed(_("Choose morning, afternoon or evening."), field="part")
    if sitting.format not in SittingFormat.values:
        raise ValidationFailed(_("Choose the format of the sitting."), field="format")
    if sitting.end_time <= sitting.start_time:
        raise ValidationFailed(_("The sitting must end after it starts."), field="end_time")
    if not session.start <= sitting.date <= session.end:
        raise ValidationFailed(
            _("%(date)s is outside %(session)s (from %(start)s to %(end)s).")
            % {
                "date": long_date(sitting.date),
                "session": session.title,
                "start": long_date(session.start),
                "end": long_date(session.end),
            },
            field="date",
        )
    if date_changed:
        check_day(sitting.date, confirm_day_off=confirm_day_off)
    if sitting.format == SittingFormat.HALL and sitting.hall_id is None and not sitting.place:
        raise ValidationFailed(_("Choose the hall."), field="hall")
    _check_hall(sitting)
    if sitting.pk is not None:
        longest = sitting.items.order_by("-duration").first()
        if longest is not None and longest.duration > sitting.minutes_long:
            raise ValidationFailed(
                _(
                    "“%(item)s” lasts %(duration)s minutes and would not fit in a sitting of "
                    "%(length)s minutes."
                )
                % {
                    "item": longest.title,
                    "duration": longest.duration,
                    "length": sitting.minutes_long,
                },
                field="end_time",
                code="item_too_long",
            )


@transaction.atomic
def add_sitting(
    *,
    actor: Any,
    session: Session,
    date: date,
    part: str,
    start_time: time,
    end_time: time,
    format: str = SittingFormat.HALL,
    hall: Hall | None = None,
    place: str = "",
    title: str = "",
    chair_title: str = "",
    chair: Person | None = None,
    live_broadcast: bool = False,
    note: str = "",
    confirm_day_off: bool = False,
) -> Sitting:
    _require_manage(actor, session)
    sitting = Sitting(
        session=session,
        date=date,
        part=part,
        start_time=start_time,
        end_time=end_time,
        format=format,
        hall=hall,
        place=nfc(place),
        title=nfc(title),
        chair_title=nfc(chair_title),
        chair=chair,
        live_broadcast=live_broadcast,
        note=note.strip(),
    )
    _validate_sitting(sitting, confirm_day_off=confirm_day_off, date_changed=True)
    sitting.save()
    _touch(session, [sitting])
    audit.record(actor, "sitting.added", sitting, changes={"session": session.title})
    return sitting


@transaction.atomic
def update_sitting(
    *, actor: Any, sitting: Sitting, data: Mapping[str, Any], confirm_day_off: bool = False
) -> Sitting:
    """Edit a sitting; moving it to another day moves the tasks of its checklists too."""
    session = sitting.session
    _require_manage(actor, session)
    changes: dict[str, Any] = {}
    for name in SITTING_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if isinstance(value, str) and name != "note":
            value = nfc(value)
        if getattr(sitting, name) != value:
            changes[name] = [getattr(sitting, name), value]
            setattr(sitting, name, value)
    if not changes:
        return sitting
    _validate_sitting(sitting, confirm_day_off=confirm_day_off, date_changed="date" in changes)
    sitting.revision += 1
    sitting.save()
    if "date" in changes:
        reason = _("The sitting “%(sitting)s” of %(session)s moved to %(date)s.") % {
            "sitting": sitting.title or sitting.get_part_display(),
            "session": session.title,
            "date": long_date(sitting.date),
        }
        for checklist in Checklist.objects.filter(sitting=sitting):
            _reanchor(checklist, sitting.date, actor=actor, reason=reason)
    _touch(session, [sitting])
    audit.record(actor, "sitting.updated", sitting, changes=changes)
    return sitting


@transaction.atomic
def delete_sitting(*, actor: Any, sitting: Sitting) -> None:
    session = sitting.session
    _require_manage(actor, session)
    if sitting.minutes.exists() or sitting.votes.exists():
        raise ValidationFailed(_("This sitting has minutes or votes; it cannot be removed."))
    audit.record(actor, "sitting.removed", sitting, changes={"session": session.title})
    previous = (
        Sitting.objects.filter(session=session, date__lte=sitting.date)
        .exclude(pk=sitting.pk)
        .order_by("-date", "-start_time")
        .first()
    )
    sitting.delete()
    _touch(session, [previous] if previous else [])


# --- agenda items ---------------------------------------------------------------------------------

ITEM_FIELDS = [
    "kind",
    "title",
    "presenter",
    "presenter_name",
    "presenter_position",
    "duration",
    "note",
]


def _validate_item(item: AgendaItem, sitting: Sitting) -> None:
    if item.kind not in ItemKind.values:
        raise ValidationFailed(_("Choose the type of the item."), field="kind")
    if not item.title:
        raise ValidationFailed(_("Say what the item is about."), field="title")
    if not item.duration or item.duration < 1:
        raise ValidationFailed(_("Give the planned duration in minutes."), field="duration")
    if item.duration > sitting.minutes_long:
        raise ValidationFailed(
            _(
                "This item is planned for %(duration)s minutes, longer than its sitting "
                "(%(start)s–%(end)s, %(length)s minutes)."
            )
            % {
                "duration": item.duration,
                "start": sitting.start_time.strftime("%H:%M"),
                "end": sitting.end_time.strftime("%H:%M"),
                "length": sitting.minutes_long,
            },
            field="duration",
            code="item_too_long",
        )
    if (item.presenter_id or item.presenter_name) and not item.presenter_position:
        raise ValidationFailed(
            _(
                "Give the position of %(name)s: programmes and scripts introduce presenters by "
                "their position."
            )
            % {"name": item.presenter_label},
            field="presenter_position",
            code="presenter_position",
        )


def _check_documents(actor: Any, documents: Sequence[Document]) -> None:
    ids = {doc.pk for doc in documents}
    if ids and documents_visible_to(actor).filter(pk__in=ids).count() != len(ids):
        raise PermissionDenied(_("You cannot see one of the documents you linked."))


def _renumber(sitting: Sitting, ordered: list[AgendaItem]) -> None:
    for index, item in enumerate(ordered, start=1):
        item.position = index
    AgendaItem.objects.bulk_update(ordered, ["position"])


@transaction.atomic
def add_item(
    *,
    actor: Any,
    sitting: Sitting,
    kind: str,
    title: str,
    duration: int,
    presenter: Person | None = None,
    presenter_name: str = "",
    presenter_position: str = "",
    documents: Sequence[Document] = (),
    note: str = "",
    position: int | None = None,
) -> AgendaItem:
    """Add an agenda item at the end of the sitting, or before the item at ``position``."""
    session = sitting.session
    _require_manage(actor, session)
    item = AgendaItem(
        sitting=sitting,
        kind=kind,
        title=nfc(title),
        duration=duration,
        presenter=presenter,
        presenter_name=nfc(presenter_name),
        presenter_position=nfc(presenter_position),
        note=nfc(note),
    )
    _validate_item(item, sitting)
    _check_documents(actor, documents)
    last = sitting.items.aggregate(last=Max("position"))["last"] or 0
    item.position = last + 1
    item.save()
    if documents:
        item.documents.set(documents)
    if position is not None:
        ordered = [i for i in sitting.items.order_by("position", "id") if i.pk != item.pk]
        ordered.insert(max(0, position), item)
        _renumber(sitting, ordered)
    _touch(session, [sitting])
    audit.record(actor, "agenda_item.added", item, changes={"sitting": str(sitting)})
    return item


@transaction.atomic
def update_item(
    *,
    actor: Any,
    item: AgendaItem,
    data: Mapping[str, Any],
    revision: int | None = None,
) -> AgendaItem:
    """Edit an item; ``revision`` (as the editor saw it) guards against lost updates."""
    sitting = item.sitting
    _require_manage(actor, sitting.session)
    expected = item.revision if revision is None else revision
    changes: dict[str, Any] = {}
    for name in ITEM_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = nfc(value)
            if getattr(item, name) != value:
                changes[name] = [getattr(item, name), value]
                setattr(item, name, value)
    documents = data.get("documents")
    if documents is not None:
        documents = list(documents)
        before = sorted(d.pk for d in item.documents.all())
        if sorted(d.pk for d in documents) != before:
            _check_documents(actor, documents)
            changes["documents"] = [before, sorted(d.pk for d in documents)]
    if not changes:
        return item
    _validate_item(item, sitting)
    updated = AgendaItem.objects.filter(pk=item.pk, revision=expected).update(revision=expected + 1)
    if not updated:
        raise Conflict(
            _("Someone else changed this item meanwhile; reload the programme and try again.")
        )
    item.revision = expected + 1
    item.save()
    if documents is not None and "documents" in changes:
        item.documents.set(documents)
    _touch(sitting.session, [sitting])
    audit.record(actor, "agenda_item.updated", item, changes=changes)
    return item


@transaction.atomic
def move_item(
    *, actor: Any, item: AgendaItem, sitting: Sitting | None = None, position: int | None = None
) -> AgendaItem:
    """Move an item to another place in its sitting or to another sitting of the session
    (``position`` is 0-based; ``None`` puts it last)."""
    source = item.sitting
    session = source.session
    _require_manage(actor, session)
    target = sitting or source
    if target.session_id != session.pk:
        raise ValidationFailed(_("An item can only move within its own session."), field="sitting")
    if target.pk != source.pk:
        _validate_item(item, target)
    ordered = [i for i in target.items.order_by("position", "id") if i.pk != item.pk]
    index = len(ordered) if position is None else max(0, min(position, len(ordered)))
    item.sitting = target
    ordered.insert(index, item)
    item.revision += 1
    item.save(update_fields=["sitting", "revision", "updated_at"])
    _renumber(target, ordered)
    touched = [target]
    if target.pk != source.pk:
        _renumber(source, list(source.items.order_by("position", "id")))
        touched.append(source)
    _touch(session, touched)
    audit.record(
        actor,
        "agenda_item.moved",
        item,
        changes={
            "from": str(source),
            "to": str(target),
            "position": index + 1,
        },
    )
    return item


@transaction.atomic
def delete_item(*, actor: Any, item: AgendaItem) -> None:
    sitting = item.sitting
    _require_manage(actor, sitting.session)
    audit.record(actor, "agenda_item.removed", item, changes={"sitting": str(sitting)})
    item.delete()
    _renumber(sitting, list(sitting.items.order_by("position", "id")))
    _touch(sitting.session, [sitting])


# --- publishing -----------------------------------------------------------------------------------


def _publish_conflict(session: Session) -> Conflict:
    latest = ProgrammeVersion.objects.filter(session=session).order_by("-number").first()
    if latest is None:  # pragma: no cover - a conflict implies a newer version
        return Conflict()
    return Conflict(
        _(
            "Version %(number)s was published by %(who)s at %(when)s while you were working. "
            "Nothing was lost: review what changed and publish again if needed."
        )
        % {
            "number": latest.number,
            "who": latest.published_by_label,
            "when": timezone.localtime(latest.published_at).strftime("%H:%M %d/%m/%Y"),
        },
        code="publish_conflict",
    )


@transaction.atomic
def publish_programme(
    *, actor: Any, session: Session, reason: str, based_on: int
) -> ProgrammeVersion:
    """Freeze the draft into version ``based_on + 1``.

    ``based_on`` is the latest version the editor had seen: if someone published meanwhile,
    the second editor gets a ``Conflict`` and the first one's version stays as it is.
    """
    require(actor, PUBLISH, unit=session.organiser_unit)
    reason = nfc(reason)
    if not reason:
        raise ValidationFailed(_("Say why the programme changed."), field="reason")
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.published_number != based_on:
        raise _publish_conflict(locked)
    snapshot = programme.build_snapshot(locked)
    if not snapshot["sittings"]:
        raise ValidationFailed(_("The programme has no sittings yet."), code="empty")
    digest = programme.snapshot_digest(snapshot)
    latest = ProgrammeVersion.objects.filter(session=locked).order_by("-number").first()
    if latest is not None and latest.digest == digest:
        raise ValidationFailed(
            _("Nothing changed since version %(number)s: there is nothing to publish.")
            % {"number": latest.number},
            code="no_change",
        )
    number = based_on + 1
    if not Session.objects.filter(pk=locked.pk, published_number=based_on).update(
        published_number=number
    ):
        raise _publish_conflict(locked)  # pragma: no cover - the row lock makes this rare
    try:
        with transaction.atomic():
            version = ProgrammeVersion.objects.create(
                session=locked,
                number=number,
                snapshot=snapshot,
                digest=digest,
                reason=reason,
                published_by=actor,
                published_by_label=_label(actor),
                published_at=timezone.now(),
            )
    except IntegrityError as error:  # pragma: no cover - another process won the race
        raise _publish_conflict(locked) from error
    changes = programme.diff(latest.snapshot, snapshot).counts if latest else {}
    audit.record(
        actor,
        "programme.published",
        version,
        changes={
            "number": number,
            "reason": reason,
            **changes,
        },
    )
    mark_seen(user=actor, session=locked, number=number)
    session.published_number = number
    return version


def mark_seen(*, user: Any, session: Session, number: int) -> None:
    """Remember the latest version ``user`` has looked at (for "what changed since")."""
    if not getattr(user, "is_authenticated", False) or number < 1:
        return
    ProgrammeSeen.objects.update_or_create(
        user=user, session=session, defaults={"number": number, "seen_at": timezone.now()}
    )


# --- chair's scripts ------------------------------------------------------------------------------


@dataclass
class ScriptResult:
    version: ScriptVersion
    created: bool
    changes: programme.ProgrammeDiff | None = None
    kept_edits: list[str] = field(default_factory=list)
    replaced_edits: list[str] = field(default_factory=list)


def _new_version(
    script: Script,
    *,
    origin: str,
    sections: list[dict[str, Any]],
    source: dict[str, Any],
    digest: str,
    actor: Any,
    note: str = "",
) -> ScriptVersion:
    number = script.current_number + 1
    version = ScriptVersion.objects.create(
        script=script,
        number=number,
        origin=origin,
        sections=sections,
        source=source,
        source_digest=digest,
        note=note[:300],
        author=actor if getattr(actor, "pk", None) else None,
        author_label=_label(actor),
        created_at=timezone.now(),
    )
    script.current_number = number
    script.stale = False
    script.stale_since = None
    script.save(update_fields=["current_number", "stale", "stale_since", "updated_at"])
    return version


@transaction.atomic
def generate_script(
    *, actor: Any, sitting: Sitting, wording: dict[str, str] | None = None
) -> ScriptResult:
    """Generate (or regenerate) the chair's script of a sitting from the programme.

    Hand edits survive where the part of the programme they speak about did not change; the
    result says what changed in the programme since the previous version.
    """
    session = sitting.session
    _require_manage(actor, session)
    source = scripts.build_source(sitting, session=session)
    digest = scripts.source_digest(source)
    script, _created = Script.objects.get_or_create(sitting=sitting)
    previous = script.versions.order_by("-number").first()
    if previous is not None and previous.source_digest == digest:
        if script.stale:
            Script.objects.filter(pk=script.pk).update(stale=False, stale_since=None)
            script.stale = False
        return ScriptResult(version=previous, created=False)
    sections = scripts.build_sections(source, wording or scripts.templates_map())
    kept: list[str] = []
    replaced: list[str] = []
    changes = None
    if previous is not None:
        old_parts = scripts.section_sources(previous.source)
        new_parts = scripts.section_sources(source)
        old_sections = {s["key"]: s for s in previous.sections}
        for section in sections:
            old = old_sections.get(section["key"])
            if old is None or not old.get("edited"):
                continue
            if old_parts.get(section["key"]) == new_parts.get(section["key"]):
                section["text"] = old["text"]
                section["edited"] = True
                kept.append(section["heading"])
            else:
                replaced.append(section["heading"])
        changes = programme.diff(
            {"sittings": [previous.source["sitting"]]}, {"sittings": [source["sitting"]]}
        )
    version = _new_version(
        script,
        origin=ScriptOrigin.GENERATED,
        sections=sections,
        source=source,
        digest=digest,
        actor=actor,
        note=_("Regenerated after programme changes") if previous else _("Generated"),
    )
    audit.record(
        actor,
        "script.generated",
        script,
        changes={
            "version": version.number,
            "kept_edits": len(kept),
            "replaced_edits": len(replaced),
        },
    )
    return ScriptResult(version, True, changes, kept, replaced)


def generate_all_scripts(*, actor: Any, session: Session) -> list[ScriptResult]:
    """Generate every sitting's script (each in its own transaction)."""
    _require_manage(actor, session)
    wording = scripts.templates_map()
    return [
        generate_script(actor=actor, sitting=sitting, wording=wording)
        for sitting in Sitting.objects.filter(session=session)
        .select_related("session")
        .order_by("date", "start_time")
    ]


@transaction.atomic
def edit_script(
    *, actor: Any, script: Script, texts: Mapping[str, str], based_on: int, note: str = ""
) -> ScriptVersion:
    """Save an editor's wording as a new version; ``based_on`` guards against lost edits."""
    session = script.sitting.session
    _require_manage(actor, session)
    locked = Script.objects.select_for_update().get(pk=script.pk)
    if locked.current_number != based_on:
        raise Conflict(
            _(
                "Someone saved version %(number)s of this script meanwhile; reload it and "
                "apply your changes again."
            )
            % {"number": locked.current_number},
            code="script_conflict",
        )
    current = locked.versions.get(number=locked.current_number)
    sections = [dict(section) for section in current.sections]
    changed = 0
    for section in sections:
        if section["key"] not in texts:
            continue
        text = "\n".join(line.rstrip() for line in str(texts[section["key"]]).strip().splitlines())
        if text != section["text"]:
            if not text:
                raise ValidationFailed(
                    _("A section of the script cannot be empty."), field=section["key"]
                )
            section["text"] = text
            section["edited"] = True
            changed += 1
    if not changed:
        raise ValidationFailed(_("Nothing was changed in the script."), code="no_change")
    version = _new_version(
        locked,
        origin=ScriptOrigin.EDITED,
        sections=sections,
        source=current.source,
        digest=current.source_digest,
        actor=actor,
        note=nfc(note) or _("Edited"),
    )
    # A hand edit does not bring an out-of-date script up to date.
    refresh_staleness(locked)
    script.current_number = locked.current_number
    audit.record(
        actor, "script.edited", locked, changes={"version": version.number, "sections": changed}
    )
    return version


# --- preparation checklists -----------------------------------------------------------------------


@transaction.atomic
def apply_checklist(
    *,
    actor: Any,
    session: Session,
    template: ChecklistTemplate,
    sitting: Sitting | None = None,
    anchor_date: date | None = None,
    assigned_on: date | None = None,
) -> Checklist:
    """Turn a checklist template into tasks in the work module, each due "N working days
    before" the event (holidays and weekends skipped), under one plan directive."""
    _require_manage(actor, session)
    if sitting is not None and sitting.session_id != session.pk:
        raise ValidationFailed(_("The sitting belongs to another session."), field="sitting")
    anchor = anchor_date or (sitting.date if sitting else session.start)
    today = timezone.localdate()
    assigned_on = assigned_on or today
    if anchor < assigned_on:
        raise ValidationFailed(
            _("The event (%(date)s) is already past; there is nothing left to prepare.")
            % {"date": long_date(anchor)},
            field="anchor_date",
        )
    template_items = list(template.items.order_by("-offset_days", "position"))
    if not template_items:
        raise ValidationFailed(_("This checklist template has no items."), field="template")
    codes = {item.unit_code for item in template_items}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes, dissolved_on__isnull=True)}
    missing = sorted(codes - set(units))
    if missing:
        raise ValidationFailed(
            _("The checklist names the unit %(code)s, which does not exist; correct the template.")
            % {"code": ", ".join(missing)},
            field="template",
        )
    acceptor = work_selectors.person_of(actor) or work_selectors.head_of(session.organiser_unit)
    directive = work_services.register_directive(
        actor=actor,
        title=f"{template.name}: {session.title}"[:500],
        issued_on=min(assigned_on, today),
        unit=session.organiser_unit,
        kind=DirectiveKind.PLAN,
        issuer=work_selectors.person_of(actor),
        meeting=session.title,
        summary=_("Preparation checklist generated from the template “%(name)s”.")
        % {"name": template.name},
    )
    checklist = Checklist.objects.create(
        session=session,
        sitting=sitting,
        template=template,
        name=template.name,
        anchor_date=anchor,
        directive=directive,
        created_by=actor,
    )
    for position, template_item in enumerate(template_items, start=1):
        unit = units[template_item.unit_code]
        due = add_working_days(anchor, -template_item.offset_days)
        note = ""
        if due < assigned_on:
            due, note = assigned_on, _("Started late: the deadline had already passed.")
        owner = work_selectors.head_of(unit)
        if owner is None:
            raise ValidationFailed(
                _("%(unit)s has no head to take the task “%(task)s”.")
                % {"unit": unit, "task": template_item.title},
                field="template",
            )
        try:
            task = work_services.create_task(
                actor=actor,
                directive=directive,
                title=template_item.title,
                description=_("%(event)s: %(days)s working days before %(date)s.")
                % {
                    "event": session.title,
                    "days": template_item.offset_days,
                    "date": long_date(anchor),
                },
                lead_unit=unit,
                owner=owner,
                due=due,
                expected_result=template_item.expected_result,
                acceptor=acceptor,
                assign=True,
                assigned_on=assigned_on,
            )
        except PermissionDenied as error:
            raise PermissionDenied(
                _(
                    "You may not assign tasks to %(unit)s; ask a leader of the Office to apply "
                    "this checklist."
                )
                % {"unit": unit}
            ) from error
        ChecklistItem.objects.create(
            checklist=checklist,
            position=position,
            title=template_item.title,
            unit=unit,
            offset_days=template_item.offset_days,
            due=task.due or due,
            task=task,
            note=note,
        )
    audit.record(
        actor,
        "checklist.applied",
        checklist,
        changes={
            "session": session.title,
            "items": len(template_items),
            "anchor": anchor,
        },
    )
    return checklist


# --- online sittings ------------------------------------------------------------------------------


def _term_on(session: Session, day: date) -> Term | None:
    if session.term_id is not None:
        return session.term
    return Term.objects.filter(start__lte=day).order_by("-start").first()


@transaction.atomic
def prepare_connection_points(*, actor: Any, sitting: Sitting) -> list[ConnectionPoint]:
    """One connection point per provincial delegation office in force on the sitting's date
    (34 since 1/7/2025, 63 before), each with a technical contact from that office."""
    session = sitting.session
    _require_manage(actor, session)
    if sitting.format != SittingFormat.ONLINE:
        raise ValidationFailed(_("Only an online sitting has connection points."), field="format")
    term = _term_on(session, sitting.date)
    delegations = list(
        Delegation.objects.filter(term=term, office__isnull=False)
        .filter(province__in=_provinces_on(sitting.date))
        .select_related("province", "office")
        .order_by("province__code")
    )
    if not delegations:
        raise ValidationFailed(_("No delegation office is in force on that date."))
    deputies: dict[int, int] = {}
    for delegation_id in (
        Deputy.objects.in_force(sitting.date)
        .filter(delegation__in=delegations)
        .values_list("delegation_id", flat=True)
    ):
        deputies[delegation_id] = deputies.get(delegation_id, 0) + 1
    contacts: dict[int, Person] = {}
    for membership in (
        Membership.objects.in_force(sitting.date)
        .filter(unit__in=[d.office for d in delegations])
        .select_related("person")
        .order_by("-position__rank", "id")
    ):
        contacts.setdefault(membership.unit_id, membership.person)
    existing = set(sitting.connection_points.values_list("unit_id", flat=True))
    points = []
    for position, delegation in enumerate(delegations, start=1):
        office = delegation.office
        assert office is not None
        if office.pk in existing:
            continue
        contact = contacts.get(office.pk)
        points.append(
            ConnectionPoint(
                sitting=sitting,
                province=delegation.province,
                unit=office,
                position=position,
                name=f"Điểm cầu {delegation.province.name}",
                contact=contact,
                contact_name=contact.full_name if contact else "",
                contact_phone=contact.phone if contact else "",
                expected_participants=max(1, deputies.get(delegation.pk, 0)),
            )
        )
    ConnectionPoint.objects.bulk_create(points)
    _touch(session, [sitting])
    audit.record(actor, "connection_points.prepared", sitting, changes={"points": len(points)})
    return list(sitting.connection_points.all())


def _provinces_on(day: date) -> Any:
    from dienhong.org.models import Province

    return Province.objects.in_force(day)


def may_check_in(actor: Any, point: ConnectionPoint) -> bool:
    return has_perm(actor, CHECKIN, unit=point.unit) or has_perm(
        actor, MANAGE, unit=point.sitting.session.organiser_unit
    )


@transaction.atomic
def check_in(
    *,
    actor: Any,
    point: ConnectionPoint,
    sound_ok: bool,
    picture_ok: bool,
    participants_present: int,
    note: str = "",
) -> ConnectionPoint:
    """A connection point reports sound, picture and the participants present."""
    if not may_check_in(actor, point):
        raise PermissionDenied()
    if participants_present < 0 or participants_present > 999:
        raise ValidationFailed(
            _("Give the number of participants present."), field="participants_present"
        )
    point.sound_ok = sound_ok
    point.picture_ok = picture_ok
    point.participants_present = participants_present
    point.note = nfc(note)[:300]
    point.checked_in_at = timezone.now()
    point.checked_in_by = actor
    point.save(
        update_fields=[
            "sound_ok",
            "picture_ok",
            "participants_present",
            "note",
            "checked_in_at",
            "checked_in_by",
        ]
    )
    audit.record(
        actor,
        "connection_point.checked_in",
        point,
        changes={
            "sound": sound_ok,
            "picture": picture_ok,
            "present": participants_present,
        },
    )
    return point


# --- participants and attendance ------------------------------------------------------------------

GROUP_SIZE = 3  # delegations per discussion group (tổ)


@transaction.atomic
def add_deputies(*, actor: Any, session: Session) -> int:
    """Every deputy in office on the first day, grouped by delegation into discussion groups."""
    _require_manage(actor, session)
    term = _term_on(session, session.start)
    deputies = list(
        Deputy.objects.in_force(session.start)
        .filter(term=term)
        .select_related("person", "delegation__province")
        .order_by("delegation__province__code", "person__name_folded")
    )
    present = set(
        Participant.objects.filter(session=session, deputy__isnull=False).values_list(
            "deputy_id", flat=True
        )
    )
    delegation_order: dict[int, int] = {}
    for deputy in deputies:
        delegation_order.setdefault(deputy.delegation_id, len(delegation_order))
    rows = [
        Participant(
            session=session,
            kind=ParticipantKind.DEPUTY,
            deputy=deputy,
            person=deputy.person,
            full_name=deputy.person.full_name,
            position_title="Đại biểu Quốc hội",
            organisation=f"Đoàn ĐBQH {deputy.delegation.province.name}",
            group_label=f"Tổ {delegation_order[deputy.delegation_id] // GROUP_SIZE + 1}",
        )
        for deputy in deputies
        if deputy.pk not in present
    ]
    Participant.objects.bulk_create(rows)
    audit.record(actor, "participants.deputies_added", session, changes={"added": len(rows)})
    return len(rows)


@transaction.atomic
def add_participant(
    *,
    actor: Any,
    session: Session,
    kind: str,
    full_name: str,
    position_title: str = "",
    organisation: str = "",
    group_label: str = "",
    seat: str = "",
    badge_number: str = "",
    note: str = "",
) -> Participant:
    _require_manage(actor, session)
    if kind not in ParticipantKind.values or kind == ParticipantKind.DEPUTY:
        raise ValidationFailed(_("Choose the kind of participant."), field="kind")
    full_name = nfc(full_name)
    if not full_name:
        raise ValidationFailed(_("Give the participant's full name."), field="full_name")
    badge_number = nfc(badge_number)
    if (
        badge_number
        and Participant.objects.filter(session=session, badge_number=badge_number).exists()
    ):
        raise ValidationFailed(
            _("Badge number %(badge)s is already given to someone else.") % {"badge": badge_number},
            field="badge_number",
        )
    participant = Participant.objects.create(
        session=session,
        kind=kind,
        full_name=full_name,
        position_title=nfc(position_title),
        organisation=nfc(organisation),
        group_label=nfc(group_label),
        seat=nfc(seat),
        badge_number=badge_number,
        note=nfc(note),
    )
    audit.record(actor, "participant.added", participant, changes={"session": session.title})
    return participant


@transaction.atomic
def assign_seating(
    *, actor: Any, participant: Participant, group_label: str, seat: str, badge_number: str = ""
) -> Participant:
    _require_manage(actor, participant.session)
    badge_number = nfc(badge_number)
    if (
        badge_number
        and Participant.objects.filter(session=participant.session, badge_number=badge_number)
        .exclude(pk=participant.pk)
        .exists()
    ):
        raise ValidationFailed(
            _("Badge number %(badge)s is already given to someone else.") % {"badge": badge_number},
            field="badge_number",
        )
    participant.group_label = nfc(group_label)
    participant.seat = nfc(seat)
    participant.badge_number = badge_number
    participant.save(update_fields=["group_label", "seat", "badge_number"])
    audit.record(actor, "participant.seated", participant)
    return participant


@transaction.atomic
def record_attendance(
    *, actor: Any, sitting: Sitting, statuses: Mapping[int, str], imported: bool = False
) -> int:
    """Set each participant's attendance at a sitting (``{participant id: status}``)."""
    session = sitting.session
    _require_manage(actor, session)
    valid = set(
        Participant.objects.filter(session=session, pk__in=list(statuses)).values_list(
            "pk", flat=True
        )
    )
    for participant_id, status in statuses.items():
        if participant_id not in valid:
            raise ValidationFailed(_("Unknown participant %(id)s.") % {"id": participant_id})
        if status not in AttendanceStatus.values:
            raise ValidationFailed(
                _("Unknown attendance status “%(status)s”.") % {"status": status}
            )
    now = timezone.now()
    existing = {
        row.participant_id: row
        for row in Attendance.objects.filter(sitting=sitting, participant_id__in=list(statuses))
    }
    changed, created = [], []
    for participant_id, status in statuses.items():
        row = existing.get(participant_id)
        if row is None:
            created.append(
                Attendance(
                    participant_id=participant_id,
                    sitting=sitting,
                    status=status,
                    imported=imported,
                    recorded_by=actor,
                    recorded_at=now,
                )
            )
        elif row.status != status or row.imported != imported:
            row.status, row.imported, row.recorded_by, row.recorded_at = (
                status,
                imported,
                actor,
                now,
            )
            changed.append(row)
    Attendance.objects.bulk_create(created, batch_size=500)
    Attendance.objects.bulk_update(
        changed, ["status", "imported", "recorded_by", "recorded_at"], batch_size=500
    )
    audit.record(
        actor,
        "attendance.recorded",
        sitting,
        changes={
            "count": len(statuses),
            "imported": imported,
        },
    )
    return len(statuses)


STATUS_WORDS = {
    "present": AttendanceStatus.PRESENT,
    "co mat": AttendanceStatus.PRESENT,
    "x": AttendanceStatus.PRESENT,
    "1": AttendanceStatus.PRESENT,
    "excused": AttendanceStatus.EXCUSED,
    "vang co phep": AttendanceStatus.EXCUSED,
    "p": AttendanceStatus.EXCUSED,
    "absent": AttendanceStatus.ABSENT,
    "vang": AttendanceStatus.ABSENT,
    "vang khong phep": AttendanceStatus.ABSENT,
    "0": AttendanceStatus.ABSENT,
}


def parse_attendance_csv(session: Session, text: str) -> dict[int, str]:
    """Read ``badge`` (or ``id``) and ``status`` columns; name every faulty row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {fold(name or ""): name for name in (reader.fieldnames or [])}
    key_column = columns.get("badge") or columns.get("so the") or columns.get("id")
    status_column = columns.get("status") or columns.get("tinh trang")
    if key_column is None or status_column is None:
        raise ValidationFailed(
            _("The file needs a “badge” (or “id”) column and a “status” column."), field="file"
        )
    by_badge = dict(
        Participant.objects.filter(session=session)
        .exclude(badge_number="")
        .values_list("badge_number", "pk")
    )
    ids = set(Participant.objects.filter(session=session).values_list("pk", flat=True))
    statuses: dict[int, str] = {}
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        key = (row.get(key_column) or "").strip()
        word = fold(row.get(status_column) or "")
        participant_id = by_badge.get(key)
        if participant_id is None and key_column == columns.get("id") and key.isdigit():
            participant_id = int(key) if int(key) in ids else None
        if participant_id is None:
            problems.append(_("row %(row)s: nobody has “%(key)s”") % {"row": line, "key": key})
            continue
        status = STATUS_WORDS.get(word)
        if status is None:
            problems.append(
                _("row %(row)s: unknown status “%(status)s”")
                % {"row": line, "status": row.get(status_column)}
            )
            continue
        statuses[participant_id] = status
    if problems:
        shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise ValidationFailed(
            _("Nothing was imported: %(problems)s.") % {"problems": shown},
            field="file",
            code="import_rows",
        )
    if not statuses:
        raise ValidationFailed(_("The file has no rows."), field="file")
    return statuses


def import_attendance(*, actor: Any, sitting: Sitting, text: str) -> int:
    """Import attendance from a CSV export of the electronic attendance system; all or nothing."""
    _require_manage(actor, sitting.session)
    statuses = parse_attendance_csv(sitting.session, text)
    return record_attendance(actor=actor, sitting=sitting, statuses=statuses, imported=True)


# --- minutes, votes, conclusions ------------------------------------------------------------------


def _check_item(sitting: Sitting, item: AgendaItem | None) -> None:
    if item is not None and item.sitting_id != sitting.pk:
        raise ValidationFailed(
            _("The agenda item belongs to another sitting."), field="agenda_item"
        )


@transaction.atomic
def add_minutes_entry(
    *,
    actor: Any,
    sitting: Sitting,
    kind: str,
    speaker_name: str,
    agenda_item: AgendaItem | None = None,
    speaker: Person | None = None,
    speaker_position: str = "",
    started_at: time | None = None,
    ended_at: time | None = None,
    summary: str = "",
) -> MinutesEntry:
    """Record one speaker's turn under the agenda item it belongs to."""
    _require_manage(actor, sitting.session)
    _check_item(sitting, agenda_item)
    if kind not in SpeechKind.values:
        raise ValidationFailed(_("Choose the kind of turn."), field="kind")
    speaker_name = nfc(speaker_name) or (speaker.full_name if speaker else "")
    if not speaker_name:
        raise ValidationFailed(_("Name the speaker."), field="speaker_name")
    if started_at and ended_at and ended_at < started_at:
        raise ValidationFailed(_("The turn cannot end before it starts."), field="ended_at")
    last = sitting.minutes.aggregate(last=Max("position"))["last"] or 0
    entry = MinutesEntry.objects.create(
        sitting=sitting,
        agenda_item=agenda_item,
        position=last + 1,
        kind=kind,
        speaker=speaker,
        speaker_name=speaker_name,
        speaker_position=nfc(speaker_position),
        started_at=started_at,
        ended_at=ended_at,
        summary=summary.strip(),
        created_by=actor,
    )
    audit.record(actor, "minutes.entry_added", entry, changes={"sitting": str(sitting)})
    return entry


@transaction.atomic
def delete_minutes_entry(*, actor: Any, entry: MinutesEntry) -> None:
    _require_manage(actor, entry.sitting.session)
    audit.record(actor, "minutes.entry_removed", entry)
    entry.delete()


def deputies_in_office(session: Session, day: date) -> int:
    term = _term_on(session, day)
    return Deputy.objects.in_force(day).filter(term=term).values("person_id").distinct().count()


@transaction.atomic
def record_vote(
    *,
    actor: Any,
    sitting: Sitting,
    subject: str,
    yes: int,
    no: int,
    abstain: int,
    agenda_item: AgendaItem | None = None,
    held_at: time | None = None,
    threshold: str = Threshold.HALF,
    total_deputies: int | None = None,
) -> Vote:
    """Record a vote; percentages are of all deputies in office that day."""
    _require_manage(actor, sitting.session)
    _check_item(sitting, agenda_item)
    subject = nfc(subject) or (agenda_item.title if agenda_item else "")
    if not subject:
        raise ValidationFailed(_("Say what was voted on."), field="subject")
    if threshold not in Threshold.values:
        raise ValidationFailed(_("Choose the majority needed."), field="threshold")
    total = (
        total_deputies
        if total_deputies is not None
        else deputies_in_office(sitting.session, sitting.date)
    )
    if total < 1:
        raise ValidationFailed(_("Give the number of all deputies."), field="total_deputies")
    for name, value in (("yes", yes), ("no", no), ("abstain", abstain)):
        if value < 0:
            raise ValidationFailed(_("Counts cannot be negative."), field=name)
    if yes + no + abstain > total:
        raise ValidationFailed(
            _("%(votes)s votes were counted but there are only %(total)s deputies.")
            % {"votes": yes + no + abstain, "total": total},
            field="yes",
        )
    vote = Vote.objects.create(
        sitting=sitting,
        agenda_item=agenda_item,
        subject=subject,
        held_at=held_at,
        yes=yes,
        no=no,
        abstain=abstain,
        total_deputies=total,
        threshold=threshold,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit.record(
        actor,
        "vote.recorded",
        vote,
        changes={
            "yes": yes,
            "no": no,
            "abstain": abstain,
            "total": total,
            "passed": vote.passed,
        },
    )
    return vote


@dataclass
class PointInput:
    """One instruction of a conclusion, with the five "rõ" its task needs."""

    text: str
    lead_unit: Unit
    due: date
    owner: Person | None = None
    expected_result: str = ""
    support_units: Sequence[Unit] = ()


@transaction.atomic
def register_conclusion(
    *,
    actor: Any,
    session: Session,
    title: str,
    issued_on: date,
    points: Sequence[PointInput],
    sitting: Sitting | None = None,
    agenda_item: AgendaItem | None = None,
    number: str = "",
    text: str = "",
) -> Conclusion:
    """Register a conclusion: a directive in the work module and one assigned task per point."""
    _require_manage(actor, session)
    if sitting is not None and sitting.session_id != session.pk:
        raise ValidationFailed(_("The sitting belongs to another session."), field="sitting")
    if sitting is not None:
        _check_item(sitting, agenda_item)
    if not points:
        raise ValidationFailed(_("Give at least one instruction."), field="points")
    meeting = session.title if sitting is None else f"{session.title} – {sitting}"
    directive = work_services.register_directive(
        actor=actor,
        title=nfc(title),
        issued_on=issued_on,
        unit=session.organiser_unit,
        kind=DirectiveKind.CONCLUSION,
        number=number,
        summary=text,
        issuer=sitting.chair if sitting else None,
        issuer_label=(sitting.chair_title if sitting else "") or "",
        meeting=meeting[:255],
    )
    conclusion = Conclusion.objects.create(
        session=session,
        sitting=sitting,
        agenda_item=agenda_item,
        number=nfc(number),
        title=directive.title,
        issued_on=issued_on,
        text=text.strip(),
        directive=directive,
        created_by=actor,
    )
    acceptor = work_selectors.person_of(actor) or work_selectors.head_of(session.organiser_unit)
    for position, point in enumerate(points, start=1):
        instruction = nfc(point.text)
        if not instruction:
            raise ValidationFailed(
                _("Instruction %(n)s is empty.") % {"n": position}, field=f"points.{position}.text"
            )
        owner = point.owner or work_selectors.head_of(point.lead_unit)
        try:
            task = work_services.create_task(
                actor=actor,
                directive=directive,
                title=instruction[:500],
                description=instruction,
                lead_unit=point.lead_unit,
                owner=owner,
                support_units=point.support_units,
                due=point.due,
                expected_result=nfc(point.expected_result) or instruction[:300],
                acceptor=acceptor,
                assign=True,
                assigned_on=issued_on,
            )
        except ValidationFailed as error:
            raise ValidationFailed(
                _("Instruction %(n)s: %(message)s") % {"n": position, "message": error.message},
                field=f"points.{position}.{error.field or 'text'}",
                code=error.code,
            ) from error
        ConclusionPoint.objects.create(
            conclusion=conclusion, position=position, text=instruction, task=task
        )
    audit.record(
        actor,
        "conclusion.registered",
        conclusion,
        changes={
            "points": len(points),
            "directive": directive.pk,
        },
    )
    return conclusion
