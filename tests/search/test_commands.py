import json
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command

from dienhong.search import bench, evaluation

pytestmark = pytest.mark.django_db


@contextmanager
def eval_database(using="default"):
    # The test runner allows no other database; a kind of its own keeps the demo data apart.
    yield using


@pytest.fixture(autouse=True)
def _in_the_test_database(monkeypatch):
    monkeypatch.setattr(evaluation, "throwaway_database", eval_database)
    monkeypatch.setattr(evaluation, "EVAL_KIND", "eval-command")
    monkeypatch.setattr(bench, "throwaway_database", eval_database)
    monkeypatch.setattr(bench, "KIND", "bench-command")


CORPUS = [
    {
        "id": "a:1",
        "title": "Luật Viên chức số 58/2010/QH12 — Điều 1. Phạm vi",
        "text": "Viên chức.",
    },
    {"id": "a:2", "title": "Luật Du lịch — Điều 2. Đối tượng", "text": "Khách du lịch, hợp đồng."},
    {"id": "b:1", "title": "Quốc hội", "text": "Quốc hội là cơ quan đại biểu cao nhất."},
]
QUERIES = [
    {"id": "q1", "query": "Khách du lịch", "relevant": ["a:2"], "kind": "natural"},
    {"id": "q1-nd", "query": "khach du lich", "relevant": ["a:2"], "kind": "no_diacritics"},
    {"id": "q2", "query": "Điều 1 Luật số 58/2010", "relevant": ["a:1"], "kind": "doc_number"},
    {"id": "q3", "query": "co quan dai bieu", "relevant": ["b:1"], "kind": "no_diacritics"},
]


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return str(path)


def test_search_eval_prints_the_figures_per_kind(tmp_path):
    out = StringIO()
    call_command(
        "search-eval",
        corpus=write_jsonl(tmp_path / "corpus.jsonl", CORPUS),
        queries=write_jsonl(tmp_path / "queries.jsonl", QUERIES),
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert set(result) == {"backend", "docs", "queries", "rerank", "by_kind"}
    assert result["docs"] == 3 and result["queries"] == 4
    assert set(result["by_kind"]) == {"natural", "no_diacritics", "doc_number"}
    for figures in result["by_kind"].values():
        assert set(figures) == {"ndcg@10", "recall@10", "mrr@10", "p50_ms", "p95_ms"}
        assert figures["recall@10"] == 1.0


def test_bench_search_prints_latencies(tmp_path):
    out = StringIO()
    call_command("bench_search", docs=300, queries=12, stdout=out)
    result = json.loads(out.getvalue())
    assert result["docs"] == 300
    assert 0 < result["visible"] < 60  # one unit in ten
    for name in ("search_with_facets", "list_first_page", "list_first_page_with_facets"):
        assert result[name]["p95_ms"] >= result[name]["p50_ms"] > 0
    assert len(result["python_loop_ms"]) == 2 and min(result["python_loop_ms"]) > 0


def test_bench_queries_look_like_a_search_box():
    entries = bench.synthetic_entries(20)
    queries = bench.sample_queries(entries, 8)
    assert len(queries) == 8 and all(1 <= len(q.split()) <= 3 for q in queries)


def test_search_embed_fills_the_missing_vectors_and_reports_json(settings):
    from dienhong.search import engine

    settings.SEARCH_SEMANTIC = True
    engine.index(
        [
            engine.IndexEntry(
                kind="embed-command", object_id=n, title=f"Kỳ họp thứ {n}", access="public"
            )
            for n in (1, 2, 3)
        ]
    )
    out = StringIO()
    call_command("search_embed", "--limit", "2", stdout=out)
    first = json.loads(out.getvalue())
    assert first["enabled"] is True
    assert first["embedded"] == 2
    out = StringIO()
    call_command("search_embed", stdout=out)
    assert json.loads(out.getvalue())["pending"] == 0
