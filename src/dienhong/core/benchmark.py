"""Helpers for benchmark commands: a throw-away database and latency percentiles.

Benchmarks print JSON figures; they never run inside the test suite's timing assertions.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
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


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default); 0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    pos = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples_ms, 50), 2),
        "p95_ms": round(percentile(samples_ms, 95), 2),
        "n": len(samples_ms),
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


def python_loop_ms(*, runs: int = 5) -> float:
    """Milliseconds for a fixed pure-Python loop (median of ``runs``): the machine's speed at
    the time of a benchmark. The shared 2-core machines vary by a third within minutes, so a
    latency figure is read beside this one (smaller is faster)."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        samples.append((time.perf_counter() - start) * 1000)
    return round(percentile(samples, 50), 1)


def eval_dir() -> Path:
    """The shared evaluation data (read-only): ``DIENHONG_EVAL_DIR``, else ``../shared/eval``
    beside the checkout, else the workplace's ``/work/shared/eval``."""
    if "DIENHONG_EVAL_DIR" in os.environ:
        return Path(os.environ["DIENHONG_EVAL_DIR"])
    candidates = [
        Path(settings.BASE_DIR).parents[1].parent / "shared" / "eval",
        Path("/work/shared/eval"),
    ]
    return next((path for path in candidates if path.is_dir()), candidates[0])
