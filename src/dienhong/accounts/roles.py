"""Roles and the permissions they carry.

Roles live in code (reviewed, versioned, translated); who holds which role, and over which
unit subtree, lives in ``RoleGrant`` rows that administrators manage. Permission names are
``<app>.<action>``; a later app adds its permissions here, next to the roles that carry them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    code: str
    label: Promise
    permissions: frozenset[str]
    administrator: bool = False  # administrator roles must use two-factor authentication


STAFF_PERMISSIONS = frozenset(
    {
        "org.view",
        "work.view",
        "work.update",
        "documents.view",
        "documents.add",
        "sittings.view",
        "sittings.checkin",  # within their own unit: a delegation office's connection point
    }
)

ROLES: dict[str, Role] = {
    role.code: role
    for role in [
        Role("staff", _("Staff member"), STAFF_PERMISSIONS),
        Role(
            "clerk",
            _("Clerk (văn thư)"),
            STAFF_PERMISSIONS | {"documents.register", "documents.manage", "work.assign"},
        ),
        Role(
            "unit_head",
            _("Head of unit"),
            STAFF_PERMISSIONS
            | {
                "work.assign",
                "work.accept",
                "work.manage",
                "documents.register",
                "sittings.manage",
                "org.view_private",
            },
        ),
        Role(
            "leader",
            _("Leader of the Office"),
            STAFF_PERMISSIONS
            | {
                "work.assign",
                "work.accept",
                "work.manage",
                "work.direct",
                "documents.register",
                "documents.view_confidential",
                "sittings.manage",
                "sittings.publish",
                "org.view_private",
            },
        ),
        Role(
            "org_admin",
            _("Organisation administrator"),
            frozenset({"org.view", "org.view_private", "org.manage", "accounts.manage"}),
            administrator=True,
        ),
        Role("auditor", _("Auditor"), frozenset({"org.view", "audit.view"})),
    ]
}

ROLE_CHOICES = [(role.code, role.label) for role in ROLES.values()]


def permissions_of(role_code: str) -> frozenset[str]:
    role = ROLES.get(role_code)
    return role.permissions if role else frozenset()


def roles_with(permission: str) -> list[str]:
    return [code for code, role in ROLES.items() if permission in role.permissions]


ADMINISTRATOR_ROLES = [code for code, role in ROLES.items() if role.administrator]
