"""``dienhong work_reminders``: send today's reminder digests and escalations.

Run it every morning from cron or a systemd timer; on days off it does nothing, and running it
twice the same day sends nothing twice. Prints JSON counts.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dienhong.work import reminders


class Command(BaseCommand):
    help = "Send each responsible person one digest of due-soon and overdue tasks; escalate overdue ones."  # noqa: E501

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as of this ISO date (default: today).")
        parser.add_argument("--force", action="store_true", help="Run even on a day off.")
        parser.add_argument("--no-email", action="store_true", help="In-app notifications only.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as error:
            raise CommandError(f"Not an ISO date: {options['date']!r}") from error
        result = reminders.run(on=on, force=options["force"], send_email=not options["no_email"])
        self.stdout.write(json.dumps(result))
