"""Core background jobs."""

from __future__ import annotations

from dienhong.core.jobs import job


@job()
def echo(value: str) -> str:
    """Return ``value``: lets operators and tests prove a worker runs jobs end to end."""
    return value
