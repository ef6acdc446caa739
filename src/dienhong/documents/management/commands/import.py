"""``dienhong import PATH``: bring a folder of files in (recursive, resumable, idempotent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from dienhong.documents import intake
from dienhong.documents.models import Access, Direction
from dienhong.org.models import Unit


class Command(BaseCommand):
    help = (
        "Import every file under PATH as documents. Files already stored (same SHA-256) are "
        "skipped, so an interrupted import is resumed by running it again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument("--unit", help="code of the owner unit (default: the root unit)")
        parser.add_argument("--access", default=Access.INTERNAL, choices=Access.values)
        parser.add_argument("--direction", default=Direction.INCOMING, choices=Direction.values)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(options["path"])
        if not root.exists():
            raise CommandError(f"{root} does not exist")
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"unknown unit code {options['unit']}")
        total = sum(1 for _ in intake.walk(root))
        bar = tqdm(total=total, unit="file", disable=options["no_progress"], file=self.stderr)

        def progress(path: Path, status: str) -> None:
            bar.set_postfix_str(status, refresh=False)
            bar.update(1)

        try:
            summary = intake.import_path(
                root,
                owner_unit=unit,
                access=options["access"],
                direction=options["direction"],
                progress=progress,
            )
        finally:
            bar.close()
        summary["documents"] = len(summary["documents"])
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
