"""``dienhong demo``: load the demo world into an empty database and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dienhong.org import demo
from dienhong.org.models import Unit


def load_all() -> demo.DemoWorld:
    """Every module's demo data, lower layers first."""
    world = demo.load()
    for loader in _module_loaders():
        loader(world)
    return world


def _module_loaders() -> list[Any]:
    loaders = []
    for module_name in ("dienhong.documents.demo", "dienhong.work.demo", "dienhong.sittings.demo"):
        try:
            module = __import__(module_name, fromlist=["load"])
        except ModuleNotFoundError:
            continue
        loaders.append(module.load)
    return loaders


def print_logins(write: Any) -> None:
    write(f"Demo logins (password: {demo.DEMO_PASSWORD}):")
    for username, description in demo.DEMO_LOGINS:
        write(f"  {username:<22} {description}")
    write("The administrator 'quantri' must use two-factor authentication: print a code with")
    write("  dienhong demo_totp")


class Command(BaseCommand):
    help = "Load the demo world (the Office, provinces, delegations, people, tasks...)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if data already exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Data already present; demo not loaded again.")
                if Unit.objects.filter(is_demo=True).exists():
                    print_logins(self.stdout.write)
                return
            raise CommandError(
                "The database already holds data; the demo loads into an empty database."
            )
        with transaction.atomic():
            load_all()
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS("Demo world loaded."))
            print_logins(self.stdout.write)
