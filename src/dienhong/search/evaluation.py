"""Retrieval evaluation and throw-away databases for ``search-eval`` and ``bench search``.

A throw-away database has the configured engine (a temporary SQLite file, or a temporary
database on the configured PostgreSQL server) with only the search tables; it is dropped
afterwards, so measuring never touches real data.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

from dienhong.core.benchmark import percentile
from dienhong.search import engine, semantic
from dienhong.search.rerank import DEPTH as RERANK_DEPTH

#: The kind the evaluation indexes its corpus as.
EVAL_KIND = "document"
ANONYMOUS = engine.Visibility(
    user_id=None, internal=False, unit_paths=[], confidential_unit_paths=[]
)


@contextmanager
def throwaway_database(using: str = "default") -> Iterator[str]:
    """Yield the alias of a fresh database of ``using``'s engine holding the search tables."""
    settings = dict(connections.databases[using])
    alias = f"search_throwaway_{uuid.uuid4().hex[:8]}"
    vendor = connections[using].vendor
    directory = None
    if vendor == "sqlite":
        directory = tempfile.TemporaryDirectory(prefix="dienhong-search-")
        settings["NAME"] = str(Path(directory.name) / "search.sqlite3")
    elif vendor == "postgresql":
        settings["NAME"] = f"dh_{alias}"
        _administer(using, f'CREATE DATABASE "{settings["NAME"]}"')
    else:
        raise NotImplementedError(vendor)
    settings.setdefault("TEST", {})
    connections.databases[alias] = settings
    try:
        executor = MigrationExecutor(connections[alias])
        executor.migrate(executor.loader.graph.leaf_nodes("search"))
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        connections.databases.pop(alias, None)
        if vendor == "postgresql":
            _administer(using, f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
        if directory is not None:
            directory.cleanup()


def _administer(using: str, statement: str) -> None:
    """Run ``statement`` on a connection of its own, outside any transaction in progress."""
    admin = connections.create_connection(using)
    try:
        with admin.cursor() as cursor:
            cursor.execute(statement)
    finally:
        admin.close()


def load_jsonl(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def corpus_entries(
    docs: list[dict[str, Any]], *, kind: str = "document"
) -> Iterator[engine.IndexEntry]:
    for number, doc in enumerate(docs, start=1):
        yield engine.IndexEntry(
            kind=kind,
            object_id=number,
            title=doc.get("title", ""),
            body=doc.get("text", ""),
            access="public",
        )


def index_corpus(
    docs: list[dict[str, Any]], *, using: str, batch: int = 500, kind: str = "document"
) -> None:
    entries = list(corpus_entries(docs, kind=kind))
    for start in range(0, len(entries), batch):
        engine.index(entries[start : start + batch], using=using)
    engine.optimize(using=using)


def metrics(ranked: list[str], relevant: list[str], k: int = 10) -> tuple[float, float, float]:
    """nDCG@k (binary, log2), Recall@k and MRR@k, as in ``shared/eval/baseline.py``."""
    rel = set(relevant)
    dcg = sum(1.0 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in rel)
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(len(rel), k)))
    hit = len(rel.intersection(ranked[:k]))
    rr = next((1.0 / (i + 1) for i, d in enumerate(ranked[:k]) if d in rel), 0.0)
    return (dcg / idcg if idcg else 0.0), (hit / len(rel) if rel else 0.0), rr


def run_queries(
    docs: list[dict[str, Any]],
    queries: list[dict[str, Any]],
    *,
    using: str,
    k: int = 10,
    kind: str = "document",
) -> dict[str, dict[str, float]]:
    ids = {number: doc["id"] for number, doc in enumerate(docs, start=1)}
    for query in queries[:5]:  # warm-up
        engine.search(
            engine.SearchQuery(text=query["query"], limit=k, kind=kind),
            visibility=ANONYMOUS,
            using=using,
        )
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for query in queries:
        started = time.perf_counter()
        result = engine.search(
            engine.SearchQuery(text=query["query"], limit=k, kind=kind),
            visibility=ANONYMOUS,
            using=using,
        )
        elapsed = (time.perf_counter() - started) * 1000.0
        ranked = [ids[hit.object_id] for hit in result.hits]
        ndcg, recall, mrr = metrics(ranked, query["relevant"], k)
        bucket = per[query["kind"]]
        bucket["ndcg"].append(ndcg)
        bucket["recall"].append(recall)
        bucket["mrr"].append(mrr)
        bucket["ms"].append(elapsed)
    return {
        kind: {
            f"ndcg@{k}": round(sum(b["ndcg"]) / len(b["ndcg"]), 4),
            f"recall@{k}": round(sum(b["recall"]) / len(b["recall"]), 4),
            f"mrr@{k}": round(sum(b["mrr"]) / len(b["mrr"]), 4),
            "p50_ms": round(percentile(b["ms"], 50), 3),
            "p95_ms": round(percentile(b["ms"], 95), 3),
        }
        for kind, b in per.items()
    }


def evaluate(
    corpus: str | os.PathLike[str],
    queries: str | os.PathLike[str],
    *,
    using: str = "default",
    rerank: bool = True,
) -> dict[str, Any]:
    """Index ``corpus`` into a throw-away database and measure ``queries`` against it.

    With ``rerank`` (and the model installed) the corpus is embedded before the queries run,
    so questions are measured with the semantic re-ranking stage (ADR 0003).
    """
    docs = load_jsonl(corpus)
    labelled = load_jsonl(queries)
    with override_settings(SEARCH_SEMANTIC=rerank and semantic.enabled()):
        with throwaway_database(using) as alias:
            index_corpus(docs, using=alias, kind=EVAL_KIND)
            started = time.perf_counter()
            embedded = semantic.embed_pending(using=alias)
            embed_s = time.perf_counter() - started
            by_kind = run_queries(docs, labelled, using=alias, kind=EVAL_KIND)
            backend = connections[alias].vendor
        reranker = (
            {
                "model": semantic.MODEL,
                "depth": RERANK_DEPTH,
                "embedded": embedded,
                "embed_s": round(embed_s, 1),
            }
            if semantic.enabled()
            else None
        )
    return {
        "backend": backend,
        "docs": len(docs),
        "queries": len(labelled),
        "rerank": reranker,
        "by_kind": by_kind,
    }
