"""Background jobs of the documents module: thin wrappers over services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from dienhong.core.jobs import job


@job()
def extract_file(file_id: int) -> str:
    from dienhong.documents import services

    return services.process_file(file_id)


@job()
def index_documents(document_ids: list[int]) -> int:
    from dienhong.documents import indexing

    return indexing.reindex(document_ids)


@job()
def consume_folder() -> dict[str, Any]:
    """Import what was dropped in the consume folder, and recover abandoned extractions.

    With ``DIENHONG_CONSUME_INTERVAL`` seconds set (> 0) and a queue that can defer jobs, the
    job enqueues its next run itself, so one ``consume_folder.enqueue()`` keeps the folder
    watched by the workers.
    """
    from dienhong.documents import intake, services

    summary = intake.consume()
    summary.update(services.requeue_stale())
    summary["next_run"] = schedule_next_consume()
    return summary


def schedule_next_consume() -> str | None:
    interval = float(getattr(settings, "DIENHONG_CONSUME_INTERVAL", 0) or 0)
    if interval <= 0 or not consume_folder.get_backend().supports_defer:
        return None
    when = timezone.now() + timedelta(seconds=interval)
    consume_folder.using(run_after=when).enqueue()
    return when.isoformat()
