"""Shapes of the organisation in the API: what ``org/api.py`` reads and writes.

Output schemas are built from model instances (or plain dicts for "as of" views); input
schemas refuse unknown fields and carry the same limits as the model fields they feed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ninja import Field, Schema

from dienhong.core.schemas import Day, Id, InputSchema, PageParams, SearchText, Text
from dienhong.org.models import BodyKind, Gender, ProvinceKind, UnitKind

# --- references (small nested objects) -----------------------------------------------------


class UnitRef(Schema):
    id: int
    code: str
    name: str


class PositionRef(Schema):
    id: int
    title: str


class PersonRef(Schema):
    id: int
    full_name: str


class ProvinceRef(Schema):
    id: int
    code: str
    name: str


class BodyRef(Schema):
    id: int
    name: str
    abbreviation: str


# --- units ----------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    code: str
    name: str = Field(description="The name in force (on `as_of` when given).")
    short_name: str
    kind: UnitKind
    kind_label: str = Field(description="The kind in the request's language.")
    parent_id: int | None = Field(description="The parent unit (on `as_of` when given).")
    depth: int = Field(description="0 for a root of the current tree.")
    sort_order: int
    established_on: date | None
    dissolved_on: date | None
    is_active: bool
    email: str
    phone: str
    is_demo: bool


class UnitVersionOut(Schema):
    name: str
    parent_id: int | None
    valid_from: date | None
    valid_to: date | None = Field(description="Exclusive; null while in force.")


class UnitEventOut(Schema):
    id: int
    kind: str
    effective_on: date
    legal_basis: str
    note: str
    source_ids: list[int]
    result_ids: list[int]


class UnitDetailOut(UnitOut):
    children: list[UnitRef] = Field(description="Current sub-units.")
    versions: list[UnitVersionOut] = Field(description="Name and parent over time, newest first.")
    events: list[UnitEventOut] = Field(description="Structural changes, newest first.")


class UnitPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[UnitOut]


class UnitFilters(PageParams):
    q: SearchText = Field("", description="Name (with or without diacritics) or exact code.")
    kind: UnitKind | None = Field(None, description="Only units of this kind.")
    parent: Id | None = Field(None, description="Only direct sub-units of this unit.")
    as_of: Day | None = Field(
        None, description="The structure in force on this date (names and parents of that day)."
    )
    include_dissolved: bool = Field(
        False, description="Also list dissolved units (without `as_of`)."
    )


class UnitCreateIn(InputSchema):
    code: Text = Field(max_length=40, min_length=1, description="Unique code, e.g. `VPQH-TH`.")
    name: Text = Field(max_length=255, min_length=1)
    kind: UnitKind = UnitKind.OTHER
    parent_id: Id | None = Field(None, description="The parent unit; null creates a root.")
    short_name: Text = Field("", max_length=80)
    effective_on: Day | None = Field(None, description="Date of establishment.")
    legal_basis: Text = Field("", max_length=255, description="E.g. `Nghị quyết 74/2025/UBTVQH15`.")
    sort_order: int = Field(0, ge=-1_000_000, le=1_000_000)


class UnitUpdateIn(InputSchema):
    """Details without history. Omitted (or null) fields stay as they are."""

    short_name: Text | None = Field(None, max_length=80)
    email: Text | None = Field(None, max_length=254)
    phone: Text | None = Field(None, max_length=40)
    sort_order: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    kind: UnitKind | None = None


class UnitRenameIn(InputSchema):
    name: Text = Field(max_length=255, min_length=1)
    effective_on: Day
    legal_basis: Text = Field("", max_length=255)


class UnitMoveIn(InputSchema):
    parent_id: Id | None = Field(description="The new parent unit; null makes the unit a root.")
    effective_on: Day
    legal_basis: Text = Field("", max_length=255)


class UnitDissolveIn(InputSchema):
    effective_on: Day
    legal_basis: Text = Field("", max_length=255)


class UnitMergeIn(InputSchema):
    source_ids: list[Id] = Field(
        min_length=1, max_length=100, description="Units merged and dissolved."
    )
    into_id: Id = Field(description="The unit that receives their sub-units and staff.")
    effective_on: Day
    legal_basis: Text = Field("", max_length=255)


class UnitPartIn(InputSchema):
    code: Text = Field(max_length=40, min_length=1)
    name: Text = Field(max_length=255, min_length=1)
    kind: UnitKind | None = Field(None, description="Defaults to the kind of the unit split.")


class UnitSplitIn(InputSchema):
    parts: list[UnitPartIn] = Field(
        min_length=2,
        max_length=20,
        description="The new units; the first receives sub-units and staff.",
    )
    effective_on: Day
    legal_basis: Text = Field("", max_length=255)


# --- positions and people -------------------------------------------------------------------


class PositionOut(Schema):
    id: int
    title: str
    rank: int
    is_leadership: bool


class PositionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PositionOut]


class PostOut(Schema):
    id: int
    unit: UnitRef
    position: PositionRef
    is_primary: bool
    valid_from: date | None
    valid_to: date | None = Field(description="Exclusive; null while held.")


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    is_active: bool
    is_demo: bool
    posts: list[PostOut] = Field(description="Posts held today.")

    @staticmethod
    def resolve_posts(obj: Any) -> Any:
        return obj["posts"] if isinstance(obj, dict) else obj.current_posts


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PersonOut]


class MandateOut(Schema):
    id: int
    term: int = Field(description="Term number (15 = khóa XV).")
    delegation_id: int
    province: ProvinceRef
    full_time: bool
    body: BodyRef | None
    valid_from: date | None
    valid_to: date | None

    @staticmethod
    def resolve_term(obj: Any) -> int:
        return int(obj.term.number)

    @staticmethod
    def resolve_province(obj: Any) -> Any:
        return obj.delegation.province


class PersonDetailOut(PersonOut):
    private_visible: bool = Field(
        description="Whether email, phone and year of birth are shown to you."
    )
    email: str | None = Field(description="Null unless `private_visible`.")
    phone: str | None = Field(description="Null unless `private_visible`.")
    birth_year: int | None = Field(description="Null unless `private_visible` (or unknown).")
    has_login: bool
    history: list[PostOut] = Field(description="Every post held, newest first.")
    mandates: list[MandateOut] = Field(description="Mandates as a deputy of the National Assembly.")


class PersonFilters(PageParams):
    q: SearchText = Field("", description="Name, with or without diacritics (`nguyen duc`).")
    unit: Id | None = Field(None, description="Only people with a post in this unit.")
    include_subunits: bool = Field(True, description="With `unit`: also its sub-units.")
    position: Id | None = Field(None, description="Only people holding this position.")


class PersonCreateIn(InputSchema):
    full_name: Text = Field(max_length=200, min_length=1)
    gender: Gender = Gender.UNSPECIFIED
    birth_year: int | None = Field(None, ge=1900, le=2100)
    email: Text = Field("", max_length=254)
    phone: Text = Field("", max_length=40)
    unit_id: Id | None = Field(None, description="With `position_id`: the first post.")
    position_id: Id | None = None
    valid_from: Day | None = Field(None, description="Start of the first post.")


class PersonUpdateIn(InputSchema):
    """Omitted (or null) fields stay as they are."""

    full_name: Text | None = Field(None, max_length=200, min_length=1)
    gender: Gender | None = None
    birth_year: int | None = Field(None, ge=1900, le=2100)
    email: Text | None = Field(None, max_length=254)
    phone: Text | None = Field(None, max_length=40)
    is_active: bool | None = None


# --- the National Assembly --------------------------------------------------------------------


class TermOut(Schema):
    id: int
    number: int
    roman: str
    start: date
    end: date | None
    is_current: bool


class TermPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TermOut]


class BodyOut(Schema):
    id: int
    name: str
    abbreviation: str
    kind: BodyKind
    valid_from: date | None
    valid_to: date | None


class BodyPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[BodyOut]


class BodyFilters(PageParams):
    as_of: Day | None = Field(None, description="Bodies in force on this date (default: today).")
    kind: BodyKind | None = None


class ProvinceOut(Schema):
    id: int
    code: str
    name: str
    kind: ProvinceKind
    seat: str
    valid_from: date | None = Field(description="Null: in force since before the records start.")
    valid_to: date | None = Field(description="Exclusive; e.g. 2025-07-01 for a merged province.")
    successor: ProvinceRef | None = Field(description="The province it was merged into.")


class ProvincePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[ProvinceOut]


class ProvinceFilters(PageParams):
    as_of: Day | None = Field(
        None,
        description=(
            "Provinces in force on this date (default: today): "
            "63 on 2025-06-30, 34 from 2025-07-01."
        ),
    )
    history: bool = Field(False, description="Every period of every province (ignores `as_of`).")
    q: SearchText = Field("", description="Name, with or without diacritics.")


class DelegationOut(Schema):
    id: int
    term: int = Field(description="Term number.")
    province: ProvinceRef
    office: UnitRef | None = Field(description="The delegation office serving it.")
    deputy_count: int

    @staticmethod
    def resolve_term(obj: Any) -> int:
        return int(obj.term.number)


class DelegationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DelegationOut]


class DelegationFilters(PageParams):
    term: int | None = Field(None, ge=1, le=99, description="Term number, e.g. 15.")
    province: Id | None = Field(None, description="Province id.")


class DeputyOut(Schema):
    id: int
    person: PersonRef
    term: int = Field(description="Term number.")
    delegation_id: int
    province: ProvinceRef
    full_time: bool
    body: BodyRef | None = Field(description="The council or committee the deputy belongs to.")
    valid_from: date | None
    valid_to: date | None

    @staticmethod
    def resolve_term(obj: Any) -> int:
        return int(obj.term.number)

    @staticmethod
    def resolve_province(obj: Any) -> Any:
        return obj.delegation.province


class DeputyPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DeputyOut]


class DeputyFilters(PageParams):
    term: int | None = Field(None, ge=1, le=99, description="Term number, e.g. 16.")
    delegation: Id | None = None
    province: Id | None = Field(None, description="Province id (of the delegation).")
    q: SearchText = Field("", description="Name, with or without diacritics.")
    full_time: bool | None = Field(
        None, description="Only full-time (true) or part-time (false) deputies."
    )
