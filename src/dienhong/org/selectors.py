"""Reads of the organisation, already scoped to the user in the query."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from dienhong.accounts.permissions import has_perm
from dienhong.core.text import fold
from dienhong.org.models import (
    Body,
    Delegation,
    Deputy,
    Membership,
    Person,
    Position,
    Province,
    Term,
    Unit,
    UnitVersion,
)


def _require_view(user: Any) -> bool:
    """The directory is internal: any active user with a role may read it."""
    return has_perm(user, "org.view")


def units_visible_to(user: Any, *, include_dissolved: bool = False) -> QuerySet[Unit]:
    if not _require_view(user):
        return Unit.objects.none()
    queryset = Unit.objects.all()
    if not include_dissolved:
        queryset = queryset.filter(dissolved_on__isnull=True)
    return queryset.order_by("path")


def unit_list(user: Any, *, q: str = "", kind: str = "", parent_id: int | None = None,
              include_dissolved: bool = False) -> QuerySet[Unit]:
    queryset = units_visible_to(user, include_dissolved=include_dissolved).select_related("parent")
    if q:
        queryset = queryset.filter(Q(name_folded__contains=fold(q)) | Q(code__iexact=q.strip()))
    if kind:
        queryset = queryset.filter(kind=kind)
    if parent_id is not None:
        queryset = queryset.filter(parent_id=parent_id)
    return queryset


def subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path)


@dataclass
class TreeNode:
    unit_id: int
    name: str
    parent_id: int | None
    children: list[TreeNode] = field(default_factory=list)
    unit: Unit | None = None


def unit_tree_as_of(user: Any, on: date | None = None) -> list[TreeNode]:
    """The structure in force on ``on`` (today by default) as a list of root nodes."""
    if not _require_view(user):
        return []
    on = on or timezone.localdate()
    versions = UnitVersion.objects.in_force(on).select_related("unit").order_by("unit__sort_order", "name")
    nodes: dict[int, TreeNode] = {}
    for version in versions:
        nodes[version.unit_id] = TreeNode(version.unit_id, version.name, version.parent_id, unit=version.unit)
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id) if node.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def people_visible_to(user: Any) -> QuerySet[Person]:
    if not _require_view(user):
        return Person.objects.none()
    return Person.objects.filter(is_active=True)


def current_memberships() -> QuerySet[Membership]:
    return (
        Membership.objects.in_force(timezone.localdate())
        .select_related("unit", "position")
        .order_by("-is_primary", "position__rank")
    )


def person_list(user: Any, *, q: str = "", unit: Unit | None = None, position_id: int | None = None,
                include_subunits: bool = True) -> QuerySet[Person]:
    """People matching ``q`` with or without diacritics, each with their current posts."""
    queryset = people_visible_to(user)
    if q:
        for word in fold(q).split():
            queryset = queryset.filter(name_folded__contains=word)
    if unit is not None:
        in_unit = Q(memberships__unit__path__startswith=unit.path) if include_subunits else Q(memberships__unit=unit)
        queryset = queryset.filter(in_unit, memberships__valid_to__isnull=True).distinct()
    if position_id is not None:
        queryset = queryset.filter(memberships__position_id=position_id, memberships__valid_to__isnull=True).distinct()
    return queryset.prefetch_related(Prefetch("memberships", queryset=current_memberships(), to_attr="current_posts"))


def person_detail(user: Any, person_id: int) -> Person | None:
    return person_list(user).filter(pk=person_id).first()


def positions() -> QuerySet[Position]:
    return Position.objects.all()


def terms() -> QuerySet[Term]:
    return Term.objects.all()


def current_term(on: date | None = None) -> Term | None:
    on = on or timezone.localdate()
    return Term.objects.filter(start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on)).order_by("-number").first()


def bodies(on: date | None = None) -> QuerySet[Body]:
    return Body.objects.in_force(on or timezone.localdate())


def provinces(*, on: date | None = None, q: str = "") -> QuerySet[Province]:
    """Provinces in force on ``on`` (all periods when ``on`` is None)."""
    queryset = Province.objects.select_related("successor")
    if on is not None:
        queryset = queryset.in_force(on)
    if q:
        queryset = queryset.filter(name_folded__contains=fold(q))
    return queryset.order_by("code", "valid_from")


def delegations(*, term: Term | None = None, province_id: int | None = None) -> QuerySet[Delegation]:
    queryset = Delegation.objects.select_related("term", "province", "office")
    if term is not None:
        queryset = queryset.filter(term=term)
    if province_id is not None:
        queryset = queryset.filter(province_id=province_id)
    return queryset.order_by("term__number", "province__code")


def deputies(user: Any, *, term: Term | None = None, delegation_id: int | None = None, q: str = "",
             full_time: bool | None = None) -> QuerySet[Deputy]:
    if not _require_view(user):
        return Deputy.objects.none()
    queryset = Deputy.objects.select_related("person", "term", "delegation__province", "body")
    if term is not None:
        queryset = queryset.filter(term=term)
    if delegation_id is not None:
        queryset = queryset.filter(delegation_id=delegation_id)
    if full_time is not None:
        queryset = queryset.filter(full_time=full_time)
    if q:
        for word in fold(q).split():
            queryset = queryset.filter(person__name_folded__contains=word)
    return queryset
