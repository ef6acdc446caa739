"""``dienhong run``: migrate, load the demo world if the database is empty, and serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load demo data into an empty database, collect static files and serve."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-demo", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("demo", if_empty=True)
        call_command("compilemessages_if_needed")
        self.stdout.write(f"Diên Hồng: http://{options['addrport']}/")
        call_command("runserver", options["addrport"], use_reloader=False)
