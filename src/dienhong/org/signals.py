"""Writes to the structure or to posts change the directory version (see ``DirectoryVersion``)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from dienhong.org.models import DirectoryVersion, Membership, Unit, UnitVersion


def _bump(**kwargs: Any) -> None:
    DirectoryVersion.bump()


def connect() -> None:
    for model in (Unit, UnitVersion, Membership):
        post_save.connect(_bump, sender=model, dispatch_uid=f"org-version-save-{model.__name__}")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"org-version-delete-{model.__name__}"
        )
