"""``dienhong run``: migrate, load the demo world if the database is empty, and serve.

A background worker runs beside the development server so uploads are digitized and
reminders sent, as in production (where ``dienhong worker`` runs as its own service).
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load demo data into an empty database, start a worker and serve."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-demo", action="store_true")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("demo", if_empty=True)
        call_command("compilemessages_if_needed")
        worker = None
        if not options["no_worker"] and settings.JOBS_BACKEND in {"db", "rq"}:
            worker = subprocess.Popen([sys.executable, "-m", "dienhong.cli", "worker"])
        self.stdout.write(f"Diên Hồng: http://{options['addrport']}/")
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
