"""``dienhong load_reference``: provinces before and after 1/7/2025 (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dienhong.org import reference


class Command(BaseCommand):
    help = "Load the verified reference data shipped with Diên Hồng (provinces 63 → 34)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reference.load_provinces()
        self.stdout.write(
            f"Provinces: {counts['before']} until 30/06/2025, {counts['after']} from 01/07/2025."
        )
