"""``dienhong bench <name>``: benchmarks that print JSON figures.

dienhong bench directory --people 20000
dienhong bench search --docs 200000
dienhong bench ingest
dienhong bench sittings
"""

from __future__ import annotations

import importlib
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

BENCHES = {
    "directory": ("dienhong.site.bench", {"people": "people"}),
    "search": ("dienhong.search.bench", {"docs": "docs"}),
    "ingest": ("dienhong.documents.bench", {}),
    "sittings": ("dienhong.sittings.bench", {}),
}


class Command(BaseCommand):
    help = "Run a benchmark on a throw-away database of the configured engine and print JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("name", choices=sorted(BENCHES))
        parser.add_argument("--people", type=int, default=20000)
        parser.add_argument("--docs", type=int, default=200000)

    def handle(self, *args: Any, **options: Any) -> None:
        module_name, kwargs_map = BENCHES[options["name"]]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            raise CommandError(
                f"The {options['name']} benchmark is not available in this version."
            ) from error
        result = module.run(**{arg: options[opt] for arg, opt in kwargs_map.items()})
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
