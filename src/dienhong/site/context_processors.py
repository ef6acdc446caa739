"""Navigation for the base layout: the modules a user may open, and who they are."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.accounts.models import RoleGrant
from dienhong.accounts.roles import permissions_of

# (url name, label, description, permission needed anywhere; None = every logged-in user)
MODULES = [
    ("site:home", _("Home"), _("Your posts, roles and modules"), None),
    ("org:directory", _("Directory"), _("Units, people, deputies and delegations"), "org.view"),
    ("work:dashboard", _("Tasks"), _("Directives and tasks with their deadlines"), "work.view"),
    ("documents:list", _("Documents"), _("Incoming and outgoing documents"), "documents.view"),
    (
        "sittings:list",
        _("Sessions and meetings"),
        _("Sessions, sittings and their programmes"),
        "sittings.view",
    ),
    (
        "org:manage",
        pgettext_lazy("module", "Administration"),
        _("Units, positions, people and roles"),
        "org.manage",
    ),
    ("site:audit", _("Audit log"), _("Who changed what, and when"), "audit.view"),
]


def user_permissions(user: Any) -> frozenset[str]:
    """Every permission the user holds somewhere today, from one query."""
    roles = RoleGrant.objects.active().filter(user=user).values_list("role", flat=True).distinct()
    permissions: set[str] = set()
    for role in roles:
        permissions |= permissions_of(role)
    return frozenset(permissions)


def modules_for(user: Any, path: str = "") -> list[dict[str, Any]]:
    permissions = user_permissions(user)
    items: list[dict[str, Any]] = []
    for url_name, label, description, permission in MODULES:
        if permission and permission not in permissions:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # module not installed yet
        items.append({"url": url, "label": label, "description": description, "name": url_name})
    # The current module is the one with the longest URL that starts the current path.
    matches = [
        item
        for item in items
        if path == item["url"] or (item["url"] != "/" and path.startswith(item["url"]))
    ]
    current = max(matches, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": []}
    return {"nav_modules": modules_for(user, request.path)}
