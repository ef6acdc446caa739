"""``dienhong search_embed``: compute the semantic vectors still missing (ADR 0003)."""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dienhong.search import semantic


class Command(BaseCommand):
    help = (
        "Compute the semantic vectors of indexed entries that have none yet (the worker does "
        "it after indexing; use this after a bulk import). Prints JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="stop after this many")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        done = semantic.embed_pending(limit=options["limit"])
        elapsed = time.perf_counter() - started
        result = {
            "enabled": semantic.enabled(),
            "embedded": done,
            "pending": semantic.pending_count(),
            "seconds": round(elapsed, 1),
            "per_second": round(done / elapsed, 1) if elapsed and done else None,
        }
        self.stdout.write(json.dumps(result))
