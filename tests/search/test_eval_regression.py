"""A small, fast slice of the dev evaluation: quality must not regress (ADR 0002, 0003).

The full figures come from ``dienhong search-eval``; here a few laws and Wikipedia articles,
with their dev queries, indexed as kind "eval" in the test database.
"""

import pytest

from dienhong.core.benchmark import eval_dir
from dienhong.search.evaluation import index_corpus, load_jsonl, run_queries

pytestmark = pytest.mark.django_db

LAWS = ("luat-vien-chuc:", "luat-du-lich:", "luat-hon-nhan-va-gia-dinh:", "luat-cu-tru:")
FLOORS = {
    # Measured with the best-passage stage (semantic re-ranking off in tests): legal 0.952,
    # 0.952, 0.984; general 0.857, 0.855.
    "legal": {"natural": 0.92, "no_diacritics": 0.92, "doc_number": 0.95},
    "general": {"natural": 0.83, "no_diacritics": 0.83},
}


def slice_of(name: str) -> tuple[list[dict], list[dict]]:
    docs = load_jsonl(eval_dir() / name / "corpus.jsonl")
    queries = load_jsonl(eval_dir() / name / "queries.dev.jsonl")
    if name == "legal":
        docs = [d for d in docs if d["id"].startswith(LAWS)]
    else:
        articles = sorted({d["id"].split(":")[0] for d in docs})[:5]
        docs = [d for d in docs if d["id"].split(":")[0] in articles]
    kept = {d["id"] for d in docs}
    queries = [q for q in queries if set(q["relevant"]) <= kept]
    return docs, queries


@pytest.mark.parametrize("name", ["legal", "general"])
def test_dev_queries_stay_above_their_floor(name):
    docs, queries = slice_of(name)
    assert len(docs) > 100 and len(queries) > 40
    index_corpus(docs, using="default", kind="eval")
    figures = run_queries(docs, queries, using="default", kind="eval")
    for kind, floor in FLOORS[name].items():
        assert figures[kind]["ndcg@10"] >= floor, (kind, figures[kind])
    if name == "legal":
        assert figures["doc_number"]["recall@10"] >= 0.9
