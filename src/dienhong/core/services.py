"""Small helpers every app's services share."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from dienhong.core.errors import ValidationFailed

M = TypeVar("M", bound=models.Model)


def model_update(
    *, instance: M, fields: list[str], data: dict[str, Any]
) -> tuple[M, dict[str, Any]]:
    """Set ``fields`` from ``data`` when present and changed; validate; save only what changed.

    Returns the instance and ``{field: [old, new]}`` for the audit log.
    """
    changes: dict[str, Any] = {}
    for field in fields:
        if field in data and getattr(instance, field) != data[field]:
            changes[field] = [getattr(instance, field), data[field]]
            setattr(instance, field, data[field])
    if changes:
        full_clean(instance)
        instance.save(update_fields=[*changes, *_derived_fields(instance)])
    return instance, changes


def _derived_fields(instance: models.Model) -> list[str]:
    return [f.name for f in instance._meta.concrete_fields if f.name.endswith("_folded")]


def full_clean(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """``full_clean`` that raises our translated ``ValidationFailed`` naming the first field."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ValidationFailed(messages[0], field=None if field == "__all__" else field) from error
