"""``dienhong audit verify``: check the audit log's hash chain and report any tampering."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dienhong.core.audit import verify_chain
from dienhong.core.models import AuditEvent


class Command(BaseCommand):
    help = "Audit log tools. 'verify' recomputes the hash chain; exit status 1 on tampering."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_chain())
        total = AuditEvent.objects.count()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "events": total,
                        "ok": not problems,
                        "problems": [{"seq": p.seq, "problem": p.problem} for p in problems],
                    }
                )
            )
        elif not problems:
            self.stdout.write(
                self.style.SUCCESS(f"Audit log intact: {total} events, hash chain verified.")
            )
        else:
            for problem in problems:
                self.stderr.write(f"event #{problem.seq}: {problem.problem}")
        if problems:
            raise CommandError(
                f"Audit log tampered: {len(problems)} problem(s) found.", returncode=1
            )
