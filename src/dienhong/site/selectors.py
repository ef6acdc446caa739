"""Reads for the home page."""

from __future__ import annotations

from typing import Any

from dienhong.accounts.models import RoleGrant


def home_context(user: Any) -> dict[str, Any]:
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    posts = []
    if person is not None:
        from dienhong.org.selectors import current_memberships

        posts = list(current_memberships().filter(person=person))
    grants = list(RoleGrant.objects.active().filter(user=user).select_related("unit"))
    return {"person": person, "posts": posts, "grants": grants}
