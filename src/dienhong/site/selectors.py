"""Reads for the home page and the audit log page."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from dienhong.accounts.models import RoleGrant, User
from dienhong.core.models import AuditEvent

# Change keys whose value is a plain list, not a [before, after] pair.
LIST_VALUED_KEYS = frozenset({"sources", "parts", "people", "units", "items"})


def home_context(user: Any) -> dict[str, Any]:
    """The user's person, current posts and role grants (three queries)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dienhong.org.models import Person
    from dienhong.org.selectors import current_memberships

    person = Person.objects.filter(user=user).first()
    posts = list(current_memberships().filter(person=person)) if person is not None else []
    grants = list(
        RoleGrant.objects.active()
        .filter(user=user)
        .select_related("unit")
        .order_by("role", "unit__path")
    )
    return {
        "person": person,
        "posts": posts,
        "grants": grants,
        "two_factor": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "today": timezone.localdate(),
    }


def audit_actor_choices() -> list[tuple[int, str]]:
    """Logins that may appear as actors, labelled "Full name (username)"."""
    rows = User.objects.order_by("username").values_list("pk", "username", "first_name")
    return [(pk, f"{name} ({username})" if name else username) for pk, username, name in rows]


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "; ".join(_show(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def change_rows(event: AuditEvent) -> list[dict[str, str]]:
    """The event's changes as rows of field, before and after.

    Services record ``{field: [before, after]}`` for edits, or ``{field: value}`` for facts.
    """
    rows = []
    changes = event.changes if isinstance(event.changes, dict) else {"": event.changes}
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2 and key not in LIST_VALUED_KEYS:
            rows.append({"field": key, "before": _show(value[0]), "after": _show(value[1])})
        else:
            rows.append({"field": key, "before": "", "after": _show(value)})
    return rows
