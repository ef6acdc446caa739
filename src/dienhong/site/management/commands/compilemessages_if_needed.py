"""Compile .po catalogs whose .mo is missing or older (used by ``dienhong run``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

import dienhong


class Command(BaseCommand):
    help = "Compile translation catalogs that changed."

    def handle(self, *args: Any, **options: Any) -> None:
        from django.core.management import call_command

        root = Path(dienhong.__file__).parent
        stale = [
            po
            for po in root.rglob("*.po")
            if not po.with_suffix(".mo").exists()
            or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
        ]
        if stale:
            call_command("compilemessages", verbosity=0, ignore=["*.venv*"])
