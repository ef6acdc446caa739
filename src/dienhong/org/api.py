"""The organisation in the API: units (with history), people, positions, and the National
Assembly's terms, bodies, provinces, delegations and deputies.

Thin on purpose: reads go through ``org.selectors`` (scoped to the caller in the query), writes
through ``org.services`` (permission, transaction, audit). Mounted by ``dienhong.api.main``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from dienhong.core.errors import NotFound, ValidationFailed
from dienhong.core.schemas import Id, PageParams, api_field_names, paginate
from dienhong.org import selectors, services
from dienhong.org.models import Person, Unit, UnitVersion
from dienhong.org.schemas import (
    BodyFilters,
    BodyPage,
    DelegationFilters,
    DelegationPage,
    DeputyFilters,
    DeputyPage,
    PersonCreateIn,
    PersonDetailOut,
    PersonFilters,
    PersonPage,
    PersonUpdateIn,
    PositionPage,
    ProvinceFilters,
    ProvincePage,
    TermPage,
    UnitCreateIn,
    UnitDetailOut,
    UnitDissolveIn,
    UnitFilters,
    UnitMergeIn,
    UnitMoveIn,
    UnitOut,
    UnitPage,
    UnitRenameIn,
    UnitSplitIn,
    UnitUpdateIn,
)

router = Router(tags=["organisation"])
NA = ["national assembly"]


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# --- lookups ----------------------------------------------------------------------------------


def _unit(user: Any, unit_id: int) -> Unit:
    unit = selectors.unit_visible(user, unit_id)
    if unit is None:
        raise NotFound(_("No unit with id %(id)s.") % {"id": unit_id})
    return unit


def _unit_field(user: Any, unit_id: int, field: str) -> Unit:
    """A unit named in a request body: unknown ids are invalid input (422), not a missing page."""
    unit = selectors.unit_visible(user, unit_id)
    if unit is None:
        raise ValidationFailed(_("No unit with id %(id)s.") % {"id": unit_id}, field=field)
    return unit


def _person(user: Any, person_id: int) -> Person:
    person = selectors.visible_person(user, person_id)
    if person is None:
        raise NotFound(_("No person with id %(id)s.") % {"id": person_id})
    return person


# --- shaping ----------------------------------------------------------------------------------


def _unit_data(unit: Unit, version: UnitVersion | None = None) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": version.name if version is not None else unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "kind_label": str(unit.get_kind_display()),
        "parent_id": version.parent_id if version is not None else unit.parent_id,
        "depth": unit.depth,
        "sort_order": unit.sort_order,
        "established_on": unit.established_on,
        "dissolved_on": unit.dissolved_on,
        "is_active": unit.is_active,
        "email": unit.email,
        "phone": unit.phone,
        "is_demo": unit.is_demo,
    }


def _unit_detail(user: Any, unit: Unit) -> dict[str, Any]:
    data = _unit_data(unit)
    data["children"] = list(selectors.unit_list(user, parent_id=unit.pk))
    data["versions"] = list(selectors.unit_versions(unit))
    data["events"] = [
        {
            "id": event.pk,
            "kind": event.kind,
            "effective_on": event.effective_on,
            "legal_basis": event.legal_basis,
            "note": event.note,
            "source_ids": [source.pk for source in event.sources.all()],
            "result_ids": [result.pk for result in event.results.all()],
        }
        for event in selectors.unit_events(unit)
    ]
    return data


def _person_detail(user: Any, person: Person) -> dict[str, Any]:
    posts = list(selectors.current_memberships().filter(person=person))
    private = selectors.may_view_private(user, person, [post.unit for post in posts])
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "gender": person.gender,
        "is_active": person.is_active,
        "is_demo": person.is_demo,
        "posts": posts,
        "private_visible": private,
        "email": person.email if private else None,
        "phone": person.phone if private else None,
        "birth_year": person.birth_year if private else None,
        "has_login": person.user_id is not None,
        "history": list(selectors.person_posts(person)),
        "mandates": list(selectors.person_mandates(person)),
    }


# --- units ------------------------------------------------------------------------------------


@router.get("/units", response=UnitPage, summary="List units")
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> dict[str, Any]:
    """Units of the current tree, or with `as_of` the structure in force on that date."""
    user = _user(request)
    kind = filters.kind.value if filters.kind else ""
    if filters.as_of is not None:
        versions = selectors.units_as_of(
            user, filters.as_of, q=filters.q, kind=kind, parent_id=filters.parent
        )
        page = paginate(versions, filters)
        page["items"] = [_unit_data(version.unit, version) for version in page["items"]]
        return page
    units = selectors.unit_list(
        user,
        q=filters.q,
        kind=kind,
        parent_id=filters.parent,
        include_dissolved=filters.include_dissolved,
    )
    page = paginate(units, filters)
    page["items"] = [_unit_data(unit) for unit in page["items"]]
    return page


@router.get("/units/{int:unit_id}", response=UnitDetailOut, summary="Get a unit")
def get_unit(request: HttpRequest, unit_id: Id) -> dict[str, Any]:
    """A unit with its current sub-units, its names and parents over time, and its events."""
    user = _user(request)
    return _unit_detail(user, _unit(user, unit_id))


@router.post("/units", response={201: UnitDetailOut}, summary="Create a unit")
def create_unit(request: HttpRequest, payload: UnitCreateIn) -> Status[dict[str, Any]]:
    """Needs `org.manage` over the parent unit."""
    user = _user(request)
    parent = _unit_field(user, payload.parent_id, "parent_id") if payload.parent_id else None
    with api_field_names({"parent": "parent_id"}):
        unit = services.create_unit(
            actor=user,
            code=payload.code,
            name=payload.name,
            kind=payload.kind.value,
            parent=parent,
            short_name=payload.short_name,
            effective_on=payload.effective_on,
            legal_basis=payload.legal_basis,
            sort_order=payload.sort_order,
        )
    return Status(201, _unit_detail(user, unit))


@router.patch("/units/{int:unit_id}", response=UnitDetailOut, summary="Change a unit's details")
def update_unit(request: HttpRequest, unit_id: Id, payload: UnitUpdateIn) -> dict[str, Any]:
    """Short name, contacts, order and kind. Names and places have their own operations, which
    keep history: `rename`, `move`, `merge`, `split`, `dissolve`."""
    user = _user(request)
    unit = _unit(user, unit_id)
    data = payload.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    unit = services.update_unit_details(actor=user, unit=unit, data=data)
    return _unit_detail(user, unit)


@router.post("/units/{int:unit_id}/rename", response=UnitDetailOut, summary="Rename a unit")
def rename_unit(request: HttpRequest, unit_id: Id, payload: UnitRenameIn) -> dict[str, Any]:
    """The old name stays in force until `effective_on` (history is kept)."""
    user = _user(request)
    unit = services.rename_unit(
        actor=user,
        unit=_unit(user, unit_id),
        name=payload.name,
        effective_on=payload.effective_on,
        legal_basis=payload.legal_basis,
    )
    return _unit_detail(user, unit)


@router.post("/units/{int:unit_id}/move", response=UnitDetailOut, summary="Move a unit")
def move_unit(request: HttpRequest, unit_id: Id, payload: UnitMoveIn) -> dict[str, Any]:
    """Place the unit, with its sub-units, under another parent from `effective_on`."""
    user = _user(request)
    unit = _unit(user, unit_id)
    parent = _unit_field(user, payload.parent_id, "parent_id") if payload.parent_id else None
    with api_field_names({"parent": "parent_id"}):
        unit = services.move_unit(
            actor=user,
            unit=unit,
            new_parent=parent,
            effective_on=payload.effective_on,
            legal_basis=payload.legal_basis,
        )
    return _unit_detail(user, unit)


@router.post("/units/{int:unit_id}/dissolve", response=UnitDetailOut, summary="Dissolve a unit")
def dissolve_unit(request: HttpRequest, unit_id: Id, payload: UnitDissolveIn) -> dict[str, Any]:
    """Only an empty unit: move its sub-units and staff first."""
    user = _user(request)
    with api_field_names({"unit": "unit_id"}):
        unit = services.dissolve_unit(
            actor=user,
            unit=_unit(user, unit_id),
            effective_on=payload.effective_on,
            legal_basis=payload.legal_basis,
        )
    return _unit_detail(user, unit)


@router.post("/units/{int:unit_id}/split", response={201: list[UnitOut]}, summary="Split a unit")
def split_unit(
    request: HttpRequest, unit_id: Id, payload: UnitSplitIn
) -> Status[list[dict[str, Any]]]:
    """Create the parts under the same parent; the unit is dissolved on `effective_on`."""
    user = _user(request)
    unit = _unit(user, unit_id)
    parts = [
        {"code": part.code, "name": part.name, "kind": (part.kind or unit.kind)}
        for part in payload.parts
    ]
    created = services.split_unit(
        actor=user,
        unit=unit,
        parts=parts,
        effective_on=payload.effective_on,
        legal_basis=payload.legal_basis,
    )
    return Status(201, [_unit_data(part) for part in created])


@router.post("/units/merge", response=UnitDetailOut, summary="Merge units")
def merge_units(request: HttpRequest, payload: UnitMergeIn) -> dict[str, Any]:
    """The sources' sub-units and staff move to `into_id`; the sources are dissolved."""
    user = _user(request)
    into = _unit_field(user, payload.into_id, "into_id")
    sources = [
        _unit_field(user, source_id, "source_ids")
        for source_id in dict.fromkeys(payload.source_ids)
    ]
    with api_field_names({"into": "into_id", "sources": "source_ids"}):
        unit = services.merge_units(
            actor=user,
            sources=sources,
            into=into,
            effective_on=payload.effective_on,
            legal_basis=payload.legal_basis,
        )
    return _unit_detail(user, unit)


# --- people and positions -----------------------------------------------------------------------


@router.get("/people", response=PersonPage, summary="List people")
def list_people(request: HttpRequest, filters: Query[PersonFilters]) -> dict[str, Any]:
    """Active people with their current posts; `q` matches with or without diacritics."""
    user = _user(request)
    unit = None
    if filters.unit is not None:
        unit = selectors.unit_visible(user, filters.unit)
        if unit is None:
            return paginate(Person.objects.none(), filters)
    people = selectors.people_matching(
        user,
        q=filters.q,
        unit=unit,
        include_subunits=filters.include_subunits,
        position_id=filters.position,
    )
    return paginate(people, filters)


@router.get("/people/{int:person_id}", response=PersonDetailOut, summary="Get a person")
def get_person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    """Email, phone and year of birth only for the person themself or with `org.view_private`
    over one of their units."""
    user = _user(request)
    return _person_detail(user, _person(user, person_id))


@router.post("/people", response={201: PersonDetailOut}, summary="Create a person")
def create_person(request: HttpRequest, payload: PersonCreateIn) -> Status[dict[str, Any]]:
    """With `unit_id` and `position_id`, the person's first post starts on `valid_from`."""
    user = _user(request)
    if (payload.unit_id is None) != (payload.position_id is None):
        field = "position_id" if payload.position_id is None else "unit_id"
        raise ValidationFailed(_("Give the unit and the position together."), field=field)
    unit = _unit_field(user, payload.unit_id, "unit_id") if payload.unit_id else None
    position = None
    if payload.position_id is not None:
        position = selectors.positions().filter(pk=payload.position_id).first()
        if position is None:
            raise ValidationFailed(
                _("No position with id %(id)s.") % {"id": payload.position_id}, field="position_id"
            )
    with api_field_names({"unit": "unit_id", "position": "position_id"}):
        person = services.create_person(
            actor=user,
            full_name=payload.full_name,
            unit=unit,
            position=position,
            valid_from=payload.valid_from,
            gender=payload.gender.value,
            birth_year=payload.birth_year,
            email=payload.email,
            phone=payload.phone,
        )
    return Status(201, _person_detail(user, person))


@router.patch("/people/{int:person_id}", response=PersonDetailOut, summary="Change a person")
def update_person(request: HttpRequest, person_id: Id, payload: PersonUpdateIn) -> dict[str, Any]:
    """Set `is_active` to false for someone who left: their history stays."""
    user = _user(request)
    data = payload.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    person = services.update_person(actor=user, person=_person(user, person_id), data=data)
    return _person_detail(user, person)


@router.delete("/people/{int:person_id}", response={204: None}, summary="Delete a person")
def delete_person(request: HttpRequest, person_id: Id) -> Status[None]:
    """Only for a person recorded by mistake: anyone with posts or mandates gives 409
    (deactivate them instead)."""
    user = _user(request)
    services.delete_person(actor=user, person=_person(user, person_id))
    return Status(204, None)


@router.get("/positions", response=PositionPage, summary="List positions")
def list_positions(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    return paginate(selectors.positions().order_by("rank", "title", "id"), page)


# --- the National Assembly -------------------------------------------------------------------


@router.get("/terms", response=TermPage, summary="List terms", tags=NA)
def list_terms(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    current = selectors.current_term()
    result = paginate(selectors.terms(), page)
    result["items"] = [
        {
            "id": term.pk,
            "number": term.number,
            "roman": term.roman,
            "start": term.start,
            "end": term.end,
            "is_current": current is not None and term.pk == current.pk,
        }
        for term in result["items"]
    ]
    return result


@router.get("/bodies", response=BodyPage, summary="List bodies", tags=NA)
def list_bodies(request: HttpRequest, filters: Query[BodyFilters]) -> dict[str, Any]:
    """The Standing Committee, the Ethnic Council and the committees in force on a date."""
    bodies = selectors.bodies(filters.as_of)
    if filters.kind is not None:
        bodies = bodies.filter(kind=filters.kind.value)
    return paginate(bodies.order_by("sort_order", "name", "id"), filters)


@router.get("/provinces", response=ProvincePage, summary="List provinces", tags=NA)
def list_provinces(request: HttpRequest, filters: Query[ProvinceFilters]) -> dict[str, Any]:
    """63 provinces until 30/6/2025, 34 from 1/7/2025 (Nghị quyết 202/2025/QH15)."""
    on = None if filters.history else (filters.as_of or timezone.localdate())
    return paginate(
        selectors.provinces(on=on, q=filters.q).order_by("code", "valid_from", "id"), filters
    )


@router.get("/delegations", response=DelegationPage, summary="List delegations", tags=NA)
def list_delegations(request: HttpRequest, filters: Query[DelegationFilters]) -> dict[str, Any]:
    delegations = selectors.delegation_summary(_user(request), term=None)
    if filters.term is not None:
        delegations = delegations.filter(term__number=filters.term)
    if filters.province is not None:
        delegations = delegations.filter(province_id=filters.province)
    return paginate(delegations.order_by("term__number", "province__code", "id"), filters)


@router.get("/deputies", response=DeputyPage, summary="List deputies", tags=NA)
def list_deputies(request: HttpRequest, filters: Query[DeputyFilters]) -> dict[str, Any]:
    deputies = selectors.deputies(
        _user(request), delegation_id=filters.delegation, q=filters.q, full_time=filters.full_time
    )
    if filters.term is not None:
        deputies = deputies.filter(term__number=filters.term)
    if filters.province is not None:
        deputies = deputies.filter(delegation__province_id=filters.province)
    return paginate(
        deputies.order_by("delegation__province__code", "person__name_folded", "id"), filters
    )
