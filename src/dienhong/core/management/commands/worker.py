"""``dienhong worker``: run background jobs with the backend chosen in settings.

Database queue (default): Django Tasks' ``db_worker``. ``DIENHONG_JOBS=rq``: an RQ worker on
Redis (``REDIS_URL``). ``--batch`` runs what is waiting, then exits (cron, tests).

Before the first job, every app whose config has a ``prepare_worker()`` loads what its jobs
need: RQ forks a process per job, which then has it without importing it again.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run background jobs (database queue or RQ on Redis, per DIENHONG_JOBS)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Run waiting jobs, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.JOBS_BACKEND
        if backend not in ("rq", "db"):
            raise CommandError(
                f"The '{backend}' job backend runs jobs in the web process; no worker needed."
            )
        for config in apps.get_app_configs():
            prepare = getattr(config, "prepare_worker", None)
            if prepare is not None:
                prepare()
        if backend == "rq":
            call_command(
                "rqworker", "default", burst=options["batch"], with_scheduler=not options["batch"]
            )
        else:
            call_command(
                "db_worker",
                queue_name="*",
                batch=options["batch"],
                reload=False,
                startup_delay=False,
                interval=1,
            )
