"""``dienhong metadata-eval [--set FOLDER]``: precision and recall of metadata suggestions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from dienhong.documents.metadata_eval import DEFAULT_SET, evaluate


class Command(BaseCommand):
    help = "Print precision and recall per field of the metadata suggestions, as JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--set", default=str(DEFAULT_SET), help="folder with labels.json")
        parser.add_argument("--misses", action="store_true", help="list the wrong suggestions")

    def handle(self, *args: Any, **options: Any) -> None:
        result = evaluate(Path(options["set"]))
        if not options["misses"]:
            result.pop("misses")
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
