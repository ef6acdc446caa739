"""The jobs facade over Django's task API (``django-tasks`` backport).

Apps define tasks with ``@job`` in their ``jobs.py`` and enqueue them with
``enqueue_on_commit`` from services, so a worker never sees a row that was rolled back.
The backend (database queue or RQ on Redis) is chosen in settings (``DIENHONG_JOBS``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task as job  # re-exported: the one decorator apps use

__all__ = ["enqueue_on_commit", "job", "queue_status"]


def enqueue_on_commit(task: Any, /, **kwargs: Any) -> None:
    """Enqueue ``task`` with ``kwargs`` once the surrounding transaction commits."""
    transaction.on_commit(lambda: task.enqueue(**kwargs))


def queue_status() -> dict[str, Any]:
    """Oldest waiting job's age and workers seen recently, for /healthz."""
    if settings.JOBS_BACKEND == "rq":
        return _rq_status()
    if settings.JOBS_BACKEND == "immediate":
        return {
            "backend": "immediate",
            "waiting": 0,
            "oldest_waiting_seconds": None,
            "workers_seen": None,
        }
    return _db_status()


def _age(when: datetime | None) -> float | None:
    return None if when is None else round((timezone.now() - when).total_seconds(), 1)


def _db_status() -> dict[str, Any]:
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.filter(status="READY")
    oldest = ready.aggregate(oldest=Min("enqueued_at"))["oldest"]
    recent = timezone.now() - timedelta(hours=1)
    workers: set[str] = set()
    for ids in DBTaskResult.objects.filter(started_at__gte=recent).values_list(
        "worker_ids", flat=True
    )[:500]:
        workers.update(ids or [])
    return {
        "backend": "db",
        "waiting": ready.count(),
        "oldest_waiting_seconds": _age(oldest),
        "workers_seen": len(workers),
    }


def _rq_status() -> dict[str, Any]:
    import django_rq
    from rq import Worker

    queue = django_rq.get_queue("default")
    connection = queue.connection
    job_ids = queue.get_job_ids(0, 0)
    oldest_age = None
    if job_ids:
        first = queue.fetch_job(job_ids[0])
        if first is not None and first.enqueued_at is not None:
            enqueued = first.enqueued_at
            if enqueued.tzinfo is None:
                enqueued = enqueued.replace(tzinfo=UTC)
            oldest_age = _age(enqueued)
    return {
        "backend": "rq",
        "waiting": queue.count,
        "oldest_waiting_seconds": oldest_age,
        "workers_seen": len(Worker.all(connection=connection)),
    }
