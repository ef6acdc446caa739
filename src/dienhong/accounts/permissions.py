"""The one permission check every service calls, and the scope every selector filters by.

``require(user, "org.manage", unit=unit)`` passes when the user holds, today, a role carrying
the permission over ``unit`` or one of its ancestors. Superusers get no shortcut here:
Django's ``is_superuser`` opens the Django admin fallback only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dienhong.accounts.models import RoleGrant
from dienhong.accounts.roles import roles_with
from dienhong.core.errors import PermissionDenied
from dienhong.org.models import Unit


def _grants(user: Any, permission: str) -> QuerySet[RoleGrant]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return RoleGrant.objects.none()
    return RoleGrant.objects.active().filter(user=user, role__in=roles_with(permission))


def scope_paths(user: Any, permission: str) -> list[str]:
    """Materialised paths of the subtrees where ``user`` holds ``permission``."""
    cache: dict[str, list[str]] = (
        user.__dict__.setdefault("_dienhong_scope_cache", {}) if user else {}
    )
    if permission not in cache:
        cache[permission] = sorted(
            set(_grants(user, permission).values_list("unit__path", flat=True))
        )
    return cache[permission]


def scope_q(user: Any, permission: str, *, path_field: str = "path") -> Q:
    """A ``Q`` restricting a unit path field to the user's subtrees (matches nothing if none)."""
    paths = scope_paths(user, permission)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def units_in_scope(user: Any, permission: str) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_q(user, permission))


def has_perm(user: Any, permission: str, *, unit: Unit | None = None) -> bool:
    paths = scope_paths(user, permission)
    if unit is None:
        return bool(paths)
    return any(unit.path.startswith(path) for path in paths)


def require(user: Any, permission: str, *, unit: Unit | None = None, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may do ``permission`` on ``unit``.

    ``obj`` may name the object instead: its ``permission_unit()`` says which unit governs it.
    """
    if unit is None and obj is not None:
        unit = obj.permission_unit() if hasattr(obj, "permission_unit") else None
    if not has_perm(user, permission, unit=unit):
        raise PermissionDenied()


def clear_cache(user: Any) -> None:
    if user is not None:
        user.__dict__.pop("_dienhong_scope_cache", None)


def is_administrator(user: Any) -> bool:
    from dienhong.accounts.roles import ADMINISTRATOR_ROLES

    if not getattr(user, "is_authenticated", False):
        return False
    return (
        user.is_superuser
        or RoleGrant.objects.active().filter(user=user, role__in=ADMINISTRATOR_ROLES).exists()
    )
