"""``dienhong export_openapi``: write the API's OpenAPI document to ``docs/api/openapi.json``.

The test suite compares the live schema with the checked-in file, so a change to the API is
reviewed as a change to this document too. ``--check`` only compares (exit status 1 on a
difference), for CI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEFAULT_OUTPUT = Path(settings.BASE_DIR).parents[1] / "docs" / "api" / "openapi.json"


class Command(BaseCommand):
    help = (
        "Write the OpenAPI document of /api/v1/ (default: docs/api/openapi.json of the checkout)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output", "-o", default=str(DEFAULT_OUTPUT), help="File to write; '-' for stdout."
        )
        parser.add_argument(
            "--check", action="store_true", help="Only compare with the file; fail if it differs."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from dienhong.api.main import openapi_text

        text = openapi_text()
        if options["output"] == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(options["output"])
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(f"{path} is out of date; run: dienhong export_openapi")
            self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path} ({len(text)} bytes).")
