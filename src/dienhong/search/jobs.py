"""Background jobs of the search module."""

from __future__ import annotations

from dienhong.core.jobs import job


@job()
def embed_pending() -> int:
    """Compute the semantic vectors of entries indexed since the last run (ADR 0003)."""
    from dienhong.search import semantic

    return semantic.embed_pending()
