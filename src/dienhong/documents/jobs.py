"""Background jobs of the documents module: thin wrappers over services."""

from __future__ import annotations

from typing import Any

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
    """Import what was dropped in the consume folder, and recover abandoned extractions."""
    from dienhong.documents import intake, services

    summary = intake.consume()
    summary.update(services.requeue_stale())
    return summary
