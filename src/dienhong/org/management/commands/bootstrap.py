"""``dienhong bootstrap``: the root unit and first administrator of a real installation."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dienhong.core.errors import DomainError
from dienhong.org import services


class Command(BaseCommand):
    help = "Create the root unit and its first administrator (once, on an empty installation)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--root-code", required=True)
        parser.add_argument("--root-name", required=True)
        parser.add_argument("--admin", required=True, help="Login of the first administrator.")
        parser.add_argument("--password", help="Taken from the prompt when omitted.")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        password = options["password"] or getpass.getpass("Password: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        try:
            root, admin = services.bootstrap(
                root_code=options["root_code"],
                root_name=options["root_name"],
                admin_username=options["admin"],
                admin_password=password,
            )
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {root.name} and administrator '{admin.username}'. "
                "They must set up two-factor authentication at first login."
            )
        )
