"""``dienhong bench search --docs N`` (wired by the CLI) / ``dienhong bench_search --docs N``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dienhong.search.bench import run


class Command(BaseCommand):
    help = (
        "Index N synthetic documents into a throw-away database and print p50/p95 ms of "
        "search with facets and of the first list page for a user who sees 10% of them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs", type=int, default=200_000)
        parser.add_argument("--queries", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        result = run(options["docs"], queries=options["queries"])
        self.stdout.write(json.dumps(result, ensure_ascii=False))
