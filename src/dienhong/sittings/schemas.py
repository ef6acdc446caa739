"""Shapes of the sittings API: sessions, published programmes, their differences, the readiness
board and check-ins."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from dienhong.core.schemas import InputSchema, PageParams, SearchText, Text
from dienhong.sittings.models import SessionKind


class SessionFilters(PageParams):
    kind: SessionKind | None = Field(None, description="session, meeting or event.")
    q: SearchText = Field("", description="Words of the title.")


class SessionOut(Schema):
    id: int
    kind: SessionKind
    event_type: str = Field(description="forum, congress… for events; empty otherwise.")
    number: int | None = Field(description="Number within the term (sessions and meetings).")
    term: int | None = Field(description="The term's number, e.g. 15.")
    title: str
    slug: str = Field(description="Address of the public programme: /sittings/p/{slug}/.")
    start: date
    end: date
    place: str
    organiser_unit_id: int
    published_number: int = Field(description="Latest published version (0: none yet).")


class SessionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SessionOut]


class DocumentRef(Schema):
    id: int
    number: str
    subject: str


class ItemOut(Schema):
    key: str = Field(description="Stable across versions: `i<id>`.")
    id: int
    kind: str = Field(description="ceremony, report, verification, discussion, qa, vote, other.")
    title: str
    presenter: str
    position: str = Field(description="The presenter's position.")
    start: str = Field(description="HH:MM, computed from the sitting's start and durations.")
    end: str
    duration: int = Field(description="Minutes.")
    documents: list[DocumentRef]
    note: str


class SittingOut(Schema):
    key: str = Field(description="Stable across versions: `s<id>`.")
    id: int
    date: date
    part: str = Field(description="morning, afternoon or evening.")
    start: str
    end: str
    format: str = Field(description="hall, group or online.")
    where: str
    title: str
    chair: str
    live: bool
    items: list[ItemOut]


class VersionOut(Schema):
    number: int
    published_at: datetime
    published_by: str
    reason: str


class ProgrammeOut(Schema):
    session: SessionOut
    version: VersionOut | None = Field(description="None for the draft.")
    sittings: list[SittingOut]


class PublishIn(InputSchema):
    reason: Text = Field(max_length=2000, description="Why the programme changed.")
    based_on: int = Field(
        ge=0, le=100000, description="The latest version you saw; a newer one gives 409."
    )


class ChangeSide(Schema):
    date: date
    part: str
    start: str
    end: str
    title: str
    where: str = ""


class ChangeOut(Schema):
    kind: str = Field(description="added, removed, moved, retimed or changed.")
    also: list[str] = Field(description="Other kinds of the same change (moved and retimed…).")
    subject: str = Field(description="item or sitting.")
    key: str
    title: str
    fields: list[str] = Field(description="Fields that changed (title, presenter, documents…).")
    before: ChangeSide | None
    after: ChangeSide | None


class DiffOut(Schema):
    a: int
    b: int
    counts: dict[str, int]
    changes: list[ChangeOut]


class PointOut(Schema):
    id: int
    name: str
    province: str
    contact: str
    sound_ok: bool | None
    picture_ok: bool | None
    participants_present: int | None
    expected_participants: int
    checked_in_at: datetime | None
    state: str = Field(description="ready, not_ready, waiting (not checked in) or late (T-30).")


class ReadinessOut(Schema):
    sitting_id: int
    starts_at: datetime
    deadline: datetime = Field(description="T-30 minutes: points not ready then are flagged.")
    ready: int
    flagged: int
    points: list[PointOut]


class CheckInIn(InputSchema):
    sound_ok: bool
    picture_ok: bool
    participants_present: int = Field(ge=0, le=999)
    note: Text = Field("", max_length=300)
