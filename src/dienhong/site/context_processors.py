"""Navigation for the base layout: the modules a user may open, and who they are."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from dienhong.accounts.permissions import has_perm

MODULES = [
    ("site:home", _("Home"), None),
    ("org:directory", _("Directory"), "org.view"),
    ("work:dashboard", _("Tasks"), "work.view"),
    ("documents:list", _("Documents"), "documents.view"),
    ("sittings:list", _("Sessions and meetings"), "sittings.view"),
    ("org:manage", _("Administration"), "org.manage"),
    ("site:audit", _("Audit log"), "audit.view"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": []}
    items = []
    for url_name, label, permission in MODULES:
        if permission and not has_perm(user, permission):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # module not installed yet
        items.append({"url": url, "label": label, "active": request.path == url or (url != "/" and request.path.startswith(url))})
    return {"nav_modules": items}
