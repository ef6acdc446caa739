"""``dienhong bench search --docs N``: latency of search with facets and of the first list page.

Synthetic documents are built from the evaluation corpora (legal articles as bodies, Wikipedia
sentences as subjects, invented numbers, types, issuers, years, units and tags), indexed into a
throw-away database of the configured engine. Every document is restricted to one of ten units,
and the measuring user belongs to one of them, so he may see 10% of the documents.
"""

from __future__ import annotations

import datetime
import gc
import os
import random
import time
from typing import Any

from django.db import connections

from dienhong.core.benchmark import eval_dir, percentile, python_loop_ms
from dienhong.core.text import fold
from dienhong.search import engine
from dienhong.search.evaluation import load_jsonl, throwaway_database

TYPES = ["Nghị quyết", "Quyết định", "Công văn", "Tờ trình", "Báo cáo", "Thông báo", "Kế hoạch"]
ISSUERS = ["UBTVQH", "QH", "VPQH", "HĐDT", "UBPL", "UBTC", "UBKT", "CP", "TTg", "BTP"]
FACETS = ["type", "issuer", "year", "unit", "tag"]
UNITS = 10
KIND = "document"


def synthetic_entries(count: int, *, seed: int = 7) -> list[engine.IndexEntry]:
    rng = random.Random(seed)
    legal = load_jsonl(eval_dir() / "legal" / "corpus.jsonl")
    general = load_jsonl(eval_dir() / "general" / "corpus.jsonl")
    entries = []
    start = datetime.date(2000, 1, 1)
    for object_id in range(1, count + 1):
        article = rng.choice(legal)
        sentence = rng.choice(general)
        issuer = rng.choice(ISSUERS)
        day = start + datetime.timedelta(days=rng.randrange(9000))
        number = f"{rng.randrange(1, 3000)}/{day.year}/{issuer}{rng.randrange(10, 16)}"
        heading = article["title"].split("—", 1)[-1].strip()
        unit = rng.randrange(1, UNITS + 1)
        entries.append(
            engine.IndexEntry(
                kind=KIND,
                object_id=object_id,
                title=f"{rng.choice(TYPES)} {heading}",
                subject=sentence["text"],
                number=number,
                body=article["text"],
                facets={
                    "type": rng.choice(TYPES),
                    "issuer": issuer,
                    "year": day.year,
                    "unit": unit,
                },
                tags=rng.sample(["ngân sách", "nhân sự", "lập pháp", "giám sát", "đối ngoại"], 1),
                date=day,
                access="restricted",
                owner_unit_path=f"/1/{unit + 1}/",
            )
        )
    return entries


def sample_queries(entries: list[engine.IndexEntry], count: int, *, seed: int = 11) -> list[str]:
    """What people type in a search box: two or three words of a title, with or without
    diacritics, and document numbers whole or in part."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        entry = rng.choice(entries)
        words = entry.title.split()
        form = len(queries) % 4
        if form == 3:
            parts = entry.number.split("/")
            queries.append(entry.number if rng.random() < 0.5 else "/".join(parts[:2]))
            continue
        size = rng.choice([2, 3])
        if len(words) <= size:
            continue
        at = rng.randrange(1, len(words) - size + 1)
        text = " ".join(words[at : at + size])
        queries.append(fold(text) if form == 2 else text)
    return queries


def _timed(call: Any, repeat: list[Any]) -> dict[str, float]:
    """Wall-clock p50/p95 and this process's CPU time per call (SQLite works inside the
    process; PostgreSQL's server time is in the wall clock only)."""
    times, cpu = [], []
    for item in repeat:
        started, started_cpu = time.perf_counter(), time.process_time()
        call(item)
        times.append((time.perf_counter() - started) * 1000.0)
        cpu.append((time.process_time() - started_cpu) * 1000.0)
    return {
        "p50_ms": round(percentile(times, 50), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "cpu_p50_ms": round(percentile(cpu, 50), 2),
        "n": len(times),
    }


def run(docs: int, *, queries: int = 200, batch: int = 1000) -> dict[str, Any]:
    entries = synthetic_entries(docs)
    texts = sample_queries(entries, queries)
    user = engine.Visibility(
        user_id=10_000_000, internal=False, unit_paths=["/1/4/"], confidential_unit_paths=[]
    )
    with throwaway_database() as alias:
        started, started_cpu = time.perf_counter(), time.process_time()
        for at in range(0, len(entries), batch):
            engine.index(entries[at : at + batch], using=alias)
        engine.optimize(using=alias)
        index_s = time.perf_counter() - started
        index_cpu_s = time.process_time() - started_cpu
        # A web process does not hold 200k entries: without them, the garbage collector's
        # full passes do not walk millions of objects in the middle of a timed search.
        del entries
        gc.collect()
        backend = connections[alias].vendor

        def searched(text: str) -> None:
            engine.search(
                engine.SearchQuery(text=text, kind=KIND, facets=FACETS),
                visibility=user,
                using=alias,
            )

        def listed(_: Any) -> None:
            engine.search(
                engine.SearchQuery(kind=KIND, sort="-date", facets=FACETS),
                visibility=user,
                using=alias,
            )

        def listed_plain(_: Any) -> None:
            engine.search(engine.SearchQuery(kind=KIND, sort="-date"), visibility=user, using=alias)

        for text in texts[:10]:  # warm-up
            searched(text)
        visible = engine.search(
            engine.SearchQuery(kind=KIND, sort="-date"), visibility=user, using=alias
        )
        speed_before = python_loop_ms()
        timings = {
            "search_with_facets": _timed(searched, texts),
            "list_first_page_with_facets": _timed(listed, list(range(50))),
            "list_first_page": _timed(listed_plain, list(range(50))),
        }
        return {
            "backend": backend,
            "docs": docs,
            "visible": visible.total,
            "index_s": round(index_s, 1),
            "index_docs_per_s": round(docs / index_s, 1) if index_s else None,
            "index_cpu_s": round(index_cpu_s, 1),
            **timings,
            # Machine load (1, 5, 15 min) when measured: the 2 cores are shared.
            "load_average": [round(x, 2) for x in os.getloadavg()],
            # The machine's speed before and after the timings (core.benchmark).
            "python_loop_ms": [speed_before, python_loop_ms()],
        }
