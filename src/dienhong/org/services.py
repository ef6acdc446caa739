"""Every write to the organisation: units and their history, positions, people, memberships.

Each service is keyword-only, checks permission first, writes in one transaction and audits.
Structural changes take an ``effective_on`` date and a legal basis; history is never rewritten,
only closed and continued, so "as of D" queries keep answering for the past.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext as _

from dienhong.accounts.permissions import require
from dienhong.core import audit
from dienhong.core.errors import Conflict, ValidationFailed
from dienhong.core.services import full_clean, model_update
from dienhong.core.text import nfc
from dienhong.org.models import (
    Membership,
    Person,
    Position,
    Unit,
    UnitEvent,
    UnitEventKind,
    UnitVersion,
)

# --- units ------------------------------------------------------------------------------------


def _set_path(unit: Unit) -> None:
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = (parent.depth + 1) if parent else 0


def _current_version(unit: Unit) -> UnitVersion | None:
    return unit.versions.filter(valid_to__isnull=True).order_by("-valid_from").first()


def _continue_history(unit: Unit, effective_on: date) -> None:
    """Close the version in force and open a new one from ``effective_on``."""
    current = _current_version(unit)
    if current is not None:
        if current.valid_from is not None and effective_on <= current.valid_from:
            raise ValidationFailed(
                _("The effective date must be after the unit's last change (%(date)s).")
                % {"date": current.valid_from.strftime("%d/%m/%Y")},
                field="effective_on",
            )
        current.valid_to = effective_on
        current.save(update_fields=["valid_to"])
    UnitVersion.objects.create(
        unit=unit, name=unit.name, parent=unit.parent, valid_from=effective_on
    )


def _event(
    kind: str,
    effective_on: date,
    legal_basis: str,
    note: str,
    sources: list[Unit],
    results: list[Unit],
) -> UnitEvent:
    event = UnitEvent.objects.create(
        kind=kind, effective_on=effective_on, legal_basis=legal_basis, note=note
    )
    event.sources.set(sources)
    event.results.set(results)
    return event


@transaction.atomic
def create_unit(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    short_name: str = "",
    effective_on: date | None = None,
    legal_basis: str = "",
    sort_order: int = 0,
    is_demo: bool = False,
) -> Unit:
    """Create a unit under ``parent`` (a root when ``parent`` is None)."""
    require(actor, "org.manage", unit=parent)
    if parent is not None and not parent.is_active:
        raise ValidationFailed(
            _("A unit cannot be created under a dissolved unit."), field="parent"
        )
    unit = Unit(
        code=nfc(code),
        name=nfc(name),
        short_name=nfc(short_name),
        kind=kind,
        parent=parent,
        established_on=effective_on,
        sort_order=sort_order,
        is_demo=is_demo,
    )
    full_clean(unit, exclude=["path", "depth", "name_folded"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    UnitVersion.objects.create(unit=unit, name=unit.name, parent=parent, valid_from=effective_on)
    if effective_on is not None:
        _event(UnitEventKind.CREATED, effective_on, legal_basis, "", [], [unit])
    audit.record(actor, "unit.created", unit, changes={"parent": str(parent) if parent else None})
    return unit


@transaction.atomic
def update_unit_details(*, actor: Any, unit: Unit, data: dict[str, Any]) -> Unit:
    """Change details that carry no history (short name, contacts, order)."""
    require(actor, "org.manage", unit=unit)
    unit, changes = model_update(
        instance=unit, fields=["short_name", "email", "phone", "sort_order", "kind"], data=data
    )
    if changes:
        audit.record(actor, "unit.updated", unit, changes=changes)
    return unit


@transaction.atomic
def rename_unit(
    *, actor: Any, unit: Unit, name: str, effective_on: date, legal_basis: str = ""
) -> Unit:
    require(actor, "org.manage", unit=unit)
    _require_active(unit)
    old = unit.name
    unit.name = nfc(name)
    if not unit.name:
        raise ValidationFailed(_("The name cannot be empty."), field="name")
    unit.save()
    _continue_history(unit, effective_on)
    _event(UnitEventKind.RENAMED, effective_on, legal_basis, f"{old} → {unit.name}", [unit], [unit])
    audit.record(
        actor,
        "unit.renamed",
        unit,
        changes={"name": [old, unit.name], "effective_on": effective_on},
    )
    return unit


def _require_active(unit: Unit) -> None:
    if not unit.is_active:
        raise ValidationFailed(_("The unit %(unit)s has been dissolved.") % {"unit": unit.name})


def _reparent(unit: Unit, new_parent: Unit | None) -> None:
    """Point ``unit`` at ``new_parent`` and rewrite the paths of its whole subtree."""
    old_path = unit.path
    unit.parent = new_parent
    _set_path(unit)
    unit.save(update_fields=["parent", "path", "depth"])
    depth_shift = unit.depth - (old_path.count("/") - 2)
    for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        child.path = unit.path + child.path[len(old_path) :]
        child.depth = child.depth + depth_shift
        child.save(update_fields=["path", "depth"])


@transaction.atomic
def move_unit(
    *, actor: Any, unit: Unit, new_parent: Unit | None, effective_on: date, legal_basis: str = ""
) -> Unit:
    """Place ``unit`` (with its subtree) under ``new_parent``."""
    require(actor, "org.manage", unit=unit)
    require(actor, "org.manage", unit=new_parent)
    _require_active(unit)
    if new_parent is not None:
        _require_active(new_parent)
        if new_parent.path.startswith(unit.path):
            raise ValidationFailed(
                _("A unit cannot be moved under itself or one of its own sub-units."),
                field="parent",
            )
    if new_parent == unit.parent:
        raise ValidationFailed(_("The unit is already under that parent."), field="parent")
    old_parent = unit.parent
    _reparent(unit, new_parent)
    _continue_history(unit, effective_on)
    _event(UnitEventKind.MOVED, effective_on, legal_basis, "", [unit], [unit])
    audit.record(actor, "unit.moved", unit, changes={"parent": [str(old_parent), str(new_parent)]})
    return unit


def _close_unit(unit: Unit, effective_on: date) -> None:
    current = _current_version(unit)
    if current is not None:
        if current.valid_from is not None and effective_on <= current.valid_from:
            raise ValidationFailed(
                _("The effective date must be after the unit's last change (%(date)s).")
                % {"date": current.valid_from.strftime("%d/%m/%Y")},
                field="effective_on",
            )
        current.valid_to = effective_on
        current.save(update_fields=["valid_to"])
    unit.dissolved_on = effective_on
    unit.save(update_fields=["dissolved_on"])


def _transfer_members(source: Unit, target: Unit, effective_on: date) -> int:
    """End open memberships in ``source`` the day before and continue them in ``target``."""
    moved = 0
    for membership in Membership.objects.filter(unit=source, valid_to__isnull=True):
        membership.valid_to = effective_on
        membership.save(update_fields=["valid_to"])
        Membership.objects.create(
            person=membership.person,
            unit=target,
            position=membership.position,
            is_primary=membership.is_primary,
            valid_from=effective_on,
        )
        moved += 1
    return moved


@transaction.atomic
def merge_units(
    *, actor: Any, sources: list[Unit], into: Unit, effective_on: date, legal_basis: str = ""
) -> Unit:
    """Merge ``sources`` into ``into``: their sub-units and staff move there; they are dissolved."""
    require(actor, "org.manage", unit=into)
    _require_active(into)
    if not sources or into in sources:
        raise ValidationFailed(
            _("Choose the units to merge, other than the receiving unit."), field="sources"
        )
    moved = 0
    for source in sources:
        require(actor, "org.manage", unit=source)
        _require_active(source)
        if into.path.startswith(source.path):
            raise ValidationFailed(
                _("A unit cannot be merged into one of its own sub-units."), field="into"
            )
        for child in Unit.objects.filter(parent=source, dissolved_on__isnull=True):
            _reparent(child, into)
            _continue_history(child, effective_on)
        moved += _transfer_members(source, into, effective_on)
        _close_unit(source, effective_on)
    _event(UnitEventKind.MERGED, effective_on, legal_basis, "", sources, [into])
    audit.record(
        actor,
        "unit.merged",
        into,
        changes={
            "sources": [s.name for s in sources],
            "people_moved": moved,
            "effective_on": effective_on,
        },
    )
    return into


@transaction.atomic
def split_unit(
    *,
    actor: Any,
    unit: Unit,
    parts: list[dict[str, str]],
    effective_on: date,
    legal_basis: str = "",
) -> list[Unit]:
    """Split ``unit`` into new units (``parts``: code, name, kind) under the same parent.

    Sub-units and staff go to the first part; an administrator then moves them as decided.
    """
    require(actor, "org.manage", unit=unit)
    _require_active(unit)
    if len(parts) < 2:
        raise ValidationFailed(_("A split needs at least two resulting units."), field="parts")
    created = [
        create_unit(
            actor=actor,
            code=part["code"],
            name=part["name"],
            kind=part.get("kind", unit.kind),
            parent=unit.parent,
            effective_on=effective_on,
            legal_basis=legal_basis,
        )
        for part in parts
    ]
    for child in Unit.objects.filter(parent=unit, dissolved_on__isnull=True):
        _reparent(child, created[0])
        _continue_history(child, effective_on)
    _transfer_members(unit, created[0], effective_on)
    _close_unit(unit, effective_on)
    _event(UnitEventKind.SPLIT, effective_on, legal_basis, "", [unit], created)
    audit.record(actor, "unit.split", unit, changes={"parts": [u.name for u in created]})
    return created


@transaction.atomic
def dissolve_unit(*, actor: Any, unit: Unit, effective_on: date, legal_basis: str = "") -> Unit:
    """Dissolve an empty unit; its sub-units and staff must be moved first."""
    require(actor, "org.manage", unit=unit)
    _require_active(unit)
    if Unit.objects.filter(parent=unit, dissolved_on__isnull=True).exists():
        raise ValidationFailed(_("Move or dissolve the sub-units first."), field="unit")
    if (
        Membership.objects.filter(unit=unit)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=effective_on))
        .exists()
    ):
        raise ValidationFailed(_("Move the unit's staff to other units first."), field="unit")
    _close_unit(unit, effective_on)
    _event(UnitEventKind.DISSOLVED, effective_on, legal_basis, "", [unit], [])
    audit.record(actor, "unit.dissolved", unit, changes={"effective_on": effective_on})
    return unit


# --- positions, people, memberships --------------------------------------------------------


@transaction.atomic
def create_position(
    *, actor: Any, title: str, rank: int = 100, is_leadership: bool = False
) -> Position:
    require(actor, "org.manage")
    position = Position(title=nfc(title), rank=rank, is_leadership=is_leadership)
    full_clean(position)
    position.save()
    audit.record(actor, "position.created", position)
    return position


@transaction.atomic
def update_position(*, actor: Any, position: Position, data: dict[str, Any]) -> Position:
    require(actor, "org.manage")
    if "title" in data:
        data = {**data, "title": nfc(data["title"])}
    position, changes = model_update(
        instance=position, fields=["title", "rank", "is_leadership"], data=data
    )
    if changes:
        audit.record(actor, "position.updated", position, changes=changes)
    return position


@transaction.atomic
def create_person(
    *,
    actor: Any,
    full_name: str,
    unit: Unit | None = None,
    position: Position | None = None,
    valid_from: date | None = None,
    gender: str = "",
    birth_year: int | None = None,
    email: str = "",
    phone: str = "",
    is_demo: bool = False,
) -> Person:
    """Create a person, with their first membership when ``unit`` and ``position`` are given."""
    require(actor, "org.manage", unit=unit)
    person = Person(
        full_name=nfc(full_name),
        gender=gender,
        birth_year=birth_year,
        email=email,
        phone=phone,
        is_demo=is_demo,
    )
    full_clean(person, exclude=["name_folded", "user"])
    person.save()
    if unit is not None and position is not None:
        _add_membership(person=person, unit=unit, position=position, valid_from=valid_from)
    audit.record(actor, "person.created", person)
    return person


@transaction.atomic
def update_person(*, actor: Any, person: Person, data: dict[str, Any]) -> Person:
    require(actor, "org.manage", unit=primary_unit(person))
    if "full_name" in data:
        data = {**data, "full_name": nfc(data["full_name"])}
    person, changes = model_update(
        instance=person,
        fields=["full_name", "gender", "birth_year", "email", "phone", "is_active"],
        data=data,
    )
    if changes:
        audit.record(actor, "person.updated", person, changes=changes)
    return person


def primary_unit(person: Person) -> Unit | None:
    membership = (
        person.memberships.filter(valid_to__isnull=True)
        .select_related("unit")
        .order_by("-is_primary")
        .first()
    )
    return membership.unit if membership else None


def _add_membership(
    *,
    person: Person,
    unit: Unit,
    position: Position,
    valid_from: date | None,
    is_primary: bool = True,
) -> Membership:
    _require_active(unit)
    membership = Membership(
        person=person, unit=unit, position=position, valid_from=valid_from, is_primary=is_primary
    )
    full_clean(membership)
    membership.save()
    return membership


@transaction.atomic
def add_membership(
    *,
    actor: Any,
    person: Person,
    unit: Unit,
    position: Position,
    valid_from: date | None,
    is_primary: bool = True,
) -> Membership:
    require(actor, "org.manage", unit=unit)
    membership = _add_membership(
        person=person, unit=unit, position=position, valid_from=valid_from, is_primary=is_primary
    )
    audit.record(actor, "membership.added", membership)
    return membership


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership, valid_to: date) -> Membership:
    require(actor, "org.manage", unit=membership.unit)
    if membership.valid_to is not None:
        raise ValidationFailed(_("This membership has already ended."))
    if membership.valid_from is not None and valid_to <= membership.valid_from:
        raise ValidationFailed(_("The end date must be after the start date."), field="valid_to")
    membership.valid_to = valid_to
    membership.save(update_fields=["valid_to"])
    audit.record(actor, "membership.ended", membership, changes={"valid_to": valid_to})
    return membership


@transaction.atomic
def delete_person(*, actor: Any, person: Person) -> None:
    """Delete a person recorded by mistake. People with any history are deactivated instead."""
    require(actor, "org.manage", unit=primary_unit(person))
    label = str(person)
    try:
        with transaction.atomic():
            person.delete()
    except ProtectedError as error:
        raise Conflict(
            _(
                "%(person)s is referenced by other records (posts, mandates, tasks); "
                "deactivate the person instead."
            )
            % {"person": label},
            code="person_referenced",
        ) from error
    audit.record(actor, "person.deleted", None, changes={"person": label})


@transaction.atomic
def bootstrap(
    *,
    root_code: str,
    root_name: str,
    admin_username: str,
    admin_password: str,
    established_on: date | None = None,
    is_demo: bool = False,
) -> tuple[Unit, Any]:
    """Create the root unit and its first administrator on an empty installation.

    The only write without a permission check: there is nobody to check against yet.
    """
    from dienhong.accounts.models import RoleGrant, User

    if Unit.objects.exists():
        raise Conflict(
            _("The organisation already exists; bootstrap runs once."), code="already_bootstrapped"
        )
    admin = User.objects.create_user(username=admin_username, password=admin_password)
    root = Unit(
        code=nfc(root_code),
        name=nfc(root_name),
        kind="office",
        established_on=established_on,
        is_demo=is_demo,
    )
    root.save()
    _set_path(root)
    root.save(update_fields=["path", "depth"])
    UnitVersion.objects.create(unit=root, name=root.name, parent=None, valid_from=established_on)
    RoleGrant.objects.create(user=admin, role="org_admin", unit=root)
    audit.record(admin, "organisation.bootstrapped", root)
    return root, admin
