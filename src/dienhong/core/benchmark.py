"""Helpers for benchmark commands: a throw-away database and latency percentiles.

Benchmarks print JSON figures; they never run inside the test suite's timing assertions.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection


@contextmanager
def throwaway_database(*, label: str = "bench") -> Iterator[str]:
    """Create a fresh, migrated database of the configured engine; drop it afterwards.

    SQLite: a temporary file (WAL, like production). PostgreSQL: ``test_<name>`` on the server.
    Yields the database's name.
    """
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.TemporaryDirectory(prefix=f"dienhong-{label}-")
        settings_dict.setdefault("TEST", {})["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    else:
        settings_dict.setdefault("TEST", {})["NAME"] = f"dienhong_{label}_throwaway"
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        settings_dict["TEST"].pop("NAME", None)
        if tmpdir is not None:
            tmpdir.cleanup()


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95_index = max(0, round(0.95 * len(ordered)) - 1)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[p95_index], 2),
        "n": len(ordered),
    }


def measure(fn: Callable[[int], Any], *, repeat: int, warmup: int = 3) -> dict[str, float]:
    """Call ``fn(i)`` ``repeat`` times after ``warmup`` calls; milliseconds per call."""
    for i in range(warmup):
        fn(i)
    samples = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)
