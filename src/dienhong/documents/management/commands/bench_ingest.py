"""``dienhong bench ingest``: ingestion throughput, printed as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from dienhong.documents import bench


class Command(BaseCommand):
    help = "Text-PDF pages/s end to end and OCR seconds/page next to raw tesseract (JSON)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--documents", type=int, default=40)
        parser.add_argument("--pages", type=int, default=8)
        parser.add_argument("--ocr-pages", type=int, default=bench.OCR_PAGES)

    def handle(self, *args: Any, **options: Any) -> None:
        result = bench.run(
            documents=options["documents"], pages=options["pages"], ocr_pages=options["ocr_pages"]
        )
        self.stdout.write(json.dumps(result, indent=2))
