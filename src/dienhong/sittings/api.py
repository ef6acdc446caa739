"""Sessions, programmes and online sittings in the API.

Published programmes are public (no token), like their pages: ``/programmes/{slug}``, a given
version, and the difference of two versions. Everything else needs a session or a token and
the ``sittings`` permissions; writes go through ``sittings.services``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from dienhong.core.errors import NotFound, PermissionDenied
from dienhong.core.schemas import Id, paginate
from dienhong.sittings import programme, selectors, services
from dienhong.sittings.models import ConnectionPoint, ProgrammeVersion, Session, Sitting
from dienhong.sittings.schemas import (
    CheckInIn,
    DiffOut,
    PointOut,
    ProgrammeOut,
    PublishIn,
    ReadinessOut,
    SessionFilters,
    SessionOut,
    SessionPage,
    VersionOut,
)

router = Router(tags=["sittings"])


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _session_out(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "kind": session.kind,
        "event_type": session.event_type,
        "number": session.number,
        "term": session.term.number if session.term_id and session.term else None,
        "title": session.title,
        "slug": session.slug,
        "start": session.start,
        "end": session.end,
        "place": session.place,
        "organiser_unit_id": session.organiser_unit_id,
        "published_number": session.published_number,
    }


def _version_out(version: ProgrammeVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "published_at": version.published_at,
        "published_by": version.published_by_label,
        "reason": version.reason,
    }


def _session(request: HttpRequest, session_id: int) -> Session:
    if not selectors.may_view(_user(request)):
        raise PermissionDenied()
    session = selectors.session_detail(_user(request), session_id)
    if session is None:
        raise NotFound(_("No session with id %(id)s.") % {"id": session_id})
    return session


@router.get("/sessions", response=SessionPage, summary="List sessions, meetings and events")
def list_sessions(request: HttpRequest, filters: Query[SessionFilters]) -> dict[str, Any]:
    if not selectors.may_view(_user(request)):
        raise PermissionDenied()
    sessions = selectors.session_list(_user(request), kind=filters.kind or "", q=filters.q)
    page = paginate(sessions, filters)
    page["items"] = [_session_out(session) for session in page["items"]]
    return page


@router.get("/sessions/{session_id}", response=SessionOut, summary="A session")
def get_session(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    return _session_out(_session(request, session_id))


@router.get("/sessions/{session_id}/draft", response=ProgrammeOut, summary="The draft programme")
def get_draft(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    """The programme as it stands now, published or not; item times are computed."""
    session = _session(request, session_id)
    snapshot = programme.build_snapshot(session)
    return {"session": _session_out(session), "version": None, "sittings": snapshot["sittings"]}


@router.get(
    "/sessions/{session_id}/versions", response=list[VersionOut], summary="Published versions"
)
def list_versions(request: HttpRequest, session_id: Id) -> list[dict[str, Any]]:
    session = _session(request, session_id)
    return [_version_out(version) for version in selectors.versions_of(session)]


@router.post(
    "/sessions/{session_id}/versions",
    response={201: VersionOut},
    summary="Publish the draft as a new version",
)
def publish(request: HttpRequest, session_id: Id, payload: PublishIn) -> Status[dict[str, Any]]:
    """409 when someone published since ``based_on``; 422 when nothing changed."""
    session = _session(request, session_id)
    version = services.publish_programme(
        actor=_user(request), session=session, reason=payload.reason, based_on=payload.based_on
    )
    return Status(201, _version_out(version))


# --- public ---------------------------------------------------------------------------------------


def _public(slug: str) -> Session:
    session = selectors.public_session(slug)
    if session is None:
        raise NotFound(_("No published programme at this address."))
    return session


def _published(session: Session, number: int | None) -> ProgrammeVersion:
    version = selectors.version(session, number)
    if version is None:
        raise NotFound(_("No version %(number)s.") % {"number": number})
    return version


@router.get(
    "/programmes/{slug}",
    response=ProgrammeOut,
    auth=None,
    summary="The latest published programme (public)",
)
def public_programme(request: HttpRequest, slug: str) -> dict[str, Any]:
    session = _public(slug)
    version = _published(session, None)
    return {
        "session": _session_out(session),
        "version": _version_out(version),
        "sittings": version.snapshot["sittings"],
    }


@router.get(
    "/programmes/{slug}/versions/{number}",
    response=ProgrammeOut,
    auth=None,
    summary="A published version (public)",
)
def public_version(request: HttpRequest, slug: str, number: Id) -> dict[str, Any]:
    session = _public(slug)
    version = _published(session, number)
    return {
        "session": _session_out(session),
        "version": _version_out(version),
        "sittings": version.snapshot["sittings"],
    }


def _side(side: Any, subject: str) -> dict[str, Any] | None:
    if side is None:
        return None
    if subject == "item":
        return {
            "date": date.fromisoformat(side.sitting["date"]),
            "part": side.sitting["part"],
            "start": side.item["start"],
            "end": side.item["end"],
            "title": side.item["title"],
            "where": side.sitting["where"],
        }
    return {
        "date": date.fromisoformat(side["date"]),
        "part": side["part"],
        "start": side["start"],
        "end": side["end"],
        "title": side.get("title", ""),
        "where": side.get("where", ""),
    }


@router.get(
    "/programmes/{slug}/diff",
    response=DiffOut,
    auth=None,
    summary="What changed between two versions (public)",
)
def public_diff(request: HttpRequest, slug: str, a: Id, b: Id) -> dict[str, Any]:
    session = _public(slug)
    before, after = _published(session, a), _published(session, b)
    result = programme.diff(before.snapshot, after.snapshot)
    return {
        "a": a,
        "b": b,
        "counts": result.counts,
        "changes": [
            {
                "kind": c.kind,
                "also": c.also,
                "subject": c.subject,
                "key": c.key,
                "title": c.title,
                "fields": c.fields,
                "before": _side(c.before, c.subject),
                "after": _side(c.after, c.subject),
            }
            for c in result.changes
        ],
    }


# --- online sittings ------------------------------------------------------------------------------


def _point_out(row: selectors.PointState) -> dict[str, Any]:
    point = row.point
    return {
        "id": point.pk,
        "name": point.name,
        "province": point.province.name,
        "contact": point.contact_name,
        "sound_ok": point.sound_ok,
        "picture_ok": point.picture_ok,
        "participants_present": point.participants_present,
        "expected_participants": point.expected_participants,
        "checked_in_at": point.checked_in_at,
        "state": row.state,
    }


@router.get(
    "/sittings/{sitting_id}/readiness",
    response=ReadinessOut,
    summary="Readiness of an online sitting's connection points",
)
def readiness(request: HttpRequest, sitting_id: Id) -> dict[str, Any]:
    if not selectors.may_view(_user(request)):
        raise PermissionDenied()
    sitting: Sitting | None = selectors.sitting_detail(_user(request), sitting_id)
    if sitting is None:
        raise NotFound(_("No sitting with id %(id)s.") % {"id": sitting_id})
    board = selectors.readiness(sitting)
    return {
        "sitting_id": sitting.pk,
        "starts_at": sitting.starts_at(),
        "deadline": board.deadline,
        "ready": board.ready,
        "flagged": board.flagged,
        "points": [_point_out(row) for row in board.points],
    }


@router.post(
    "/connection-points/{point_id}/check-in",
    response=PointOut,
    summary="Report a connection point's sound, picture and participants",
)
def check_in(request: HttpRequest, point_id: Id, payload: CheckInIn) -> dict[str, Any]:
    point = (
        ConnectionPoint.objects.filter(pk=point_id)
        .select_related("sitting", "sitting__session__organiser_unit", "unit", "province")
        .first()
    )
    if point is None or selectors.sitting_detail(_user(request), point.sitting_id) is None:
        raise NotFound(_("No connection point with id %(id)s.") % {"id": point_id})
    services.check_in(
        actor=_user(request),
        point=point,
        sound_ok=payload.sound_ok,
        picture_ok=payload.picture_ok,
        participants_present=payload.participants_present,
        note=payload.note,
    )
    board = selectors.readiness(point.sitting)
    row = next(r for r in board.points if r.point.pk == point.pk)
    return _point_out(row)
