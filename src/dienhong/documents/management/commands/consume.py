"""``dienhong consume [--watch]``: import files dropped in the consume folder."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from dienhong.documents import intake, services


class Command(BaseCommand):
    help = (
        "Import the files in the consume folder (DIENHONG_CONSUME_DIR) and re-queue "
        "abandoned extractions; with --watch, keep doing it every --interval seconds."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--folder", help="folder to watch (default: DIENHONG_CONSUME_DIR)")
        parser.add_argument("--watch", action="store_true")
        parser.add_argument("--interval", type=float, default=10.0)
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="enqueue the self-rescheduling consume job for the workers "
            "(needs DIENHONG_CONSUME_INTERVAL) and exit",
        )
        parser.add_argument(
            "--settle",
            type=float,
            default=None,
            help="seconds a file must be unchanged before it is taken",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            from dienhong.documents.jobs import consume_folder

            consume_folder.enqueue()
            self.stdout.write(json.dumps({"scheduled": True}))
            return
        folder = Path(options["folder"]) if options["folder"] else None
        while True:
            summary = intake.consume(folder, settle_seconds=options["settle"])
            summary.update(services.requeue_stale())
            self.stdout.write(json.dumps(summary))
            if not options["watch"]:
                return
            time.sleep(options["interval"])  # pragma: no cover - the loop is for operators
