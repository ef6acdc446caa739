"""The lexical part of the second ranking stage: the best passage of long documents."""

import pytest
from django.db import connection

from dienhong.search import engine, rerank
from dienhong.search.backends import backend_for
from dienhong.search.engine import IndexEntry, SearchQuery, Visibility

pytestmark = pytest.mark.django_db

KIND = "rerank-test"
EVERYONE = Visibility(user_id=None, internal=False, unit_paths=[], confidential_unit_paths=[])
FILLER = " ".join(
    f"Khoản {n}. Cơ quan có trách nhiệm tổ chức thực hiện nhiệm vụ thường xuyên số {n}."
    for n in range(1, 30)
)


def weights(*terms):
    return {t: 1.0 for t in terms}


def test_best_passage_finds_the_clause_that_holds_the_words():
    together = {"title": "", "subject": "", "number": "", "body": "chấm dứt hợp đồng " + FILLER}
    scattered = {
        "title": "",
        "subject": "",
        "number": "",
        "body": "chấm dứt " + FILLER + " hợp đồng",
    }
    w = weights("chấm", "dứt", "hợp", "đồng", "chấm_dứt", "hợp_đồng", "dứt_hợp")
    assert rerank.best_passage(together, w) > rerank.best_passage(scattered, w) > 0


def test_best_passage_reads_either_spelling_and_counts_the_title():
    fields = {"title": "Quốc hội", "subject": "", "number": "", "body": "kỳ họp thứ mười"}
    folded = weights("_ky", "_hop", "_ky_hop")
    assert rerank.best_passage(fields, folded) > 0
    assert rerank.best_passage(fields, weights("quốc")) > 0
    assert rerank.best_passage(None, folded) == 0
    assert rerank.best_passage(fields, {}) == 0


def test_a_match_anywhere_in_the_body_is_in_a_scored_window():
    # Only the windows holding a match are scored: wherever the one match stands (first,
    # middle, last syllable, or a bigram across two windows), its window must be among them.
    filler = ["điều"] * 101
    w = weights("ngân", "sách", "ngân_sách")
    for at in [0, 1, 19, 20, 39, 40, 59, 79, 80, 99, 100]:
        words = [*filler[:at], "ngân", "sách", *filler[at + 1 :]]
        fields = {"title": "", "subject": "", "number": "", "body": " ".join(words)}
        plain = {**fields, "body": " ".join(filler)}
        assert rerank.best_passage(fields, w) > rerank.best_passage(plain, w) == 0, at
    # A header-only match: no window is better than the header alone.
    titled = {"title": "Ngân sách", "subject": "", "number": "", "body": " ".join(filler)}
    assert rerank.best_passage(titled, w) > 0


def test_a_long_document_answering_in_one_clause_comes_first(settings):
    settings.SEARCH_SEMANTIC = False
    engine.index(
        [
            IndexEntry(
                kind=KIND,
                object_id=1,
                title="Quy chế làm việc",
                body="Viên chức nghỉ việc. " + FILLER + " Đơn vị chấm dứt hợp đồng làm việc.",
                access="public",
            ),
            IndexEntry(
                kind=KIND,
                object_id=2,
                title="Quy chế nhân sự",
                body=FILLER + " Đơn vị chấm dứt hợp đồng làm việc với viên chức nghỉ việc.",
                access="public",
            ),
        ]
        + [
            IndexEntry(kind=KIND, object_id=n, title=f"Văn bản {n}", body=FILLER, access="public")
            for n in range(3, 8)
        ]
    )
    result = engine.search(
        SearchQuery(text="viên chức nghỉ việc chấm dứt hợp đồng", kind=KIND),
        visibility=EVERYONE,
    )
    assert [h.object_id for h in result.hits] == [2, 1]
    # BM25 alone prefers the document whose words are spread over its whole text.
    bm25 = backend_for(connection).search(
        SearchQuery(text="viên chức nghỉ việc chấm dứt hợp đồng", kind=KIND), ["*"]
    )
    assert [h.object_id for h in bm25.hits] == [1, 2]


def test_later_pages_keep_bm25_order_and_repeat_nothing(settings):
    settings.SEARCH_SEMANTIC = False
    engine.index(
        [
            IndexEntry(kind=KIND, object_id=n, title=f"Kỳ họp {n}", body=FILLER, access="public")
            for n in range(1, rerank.DEPTH + 12)
        ]
    )
    seen, cursor = [], None
    while True:
        page = engine.search(
            SearchQuery(text="kỳ họp", kind=KIND, limit=20, cursor=cursor), visibility=EVERYONE
        )
        seen += [h.object_id for h in page.hits]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == list(range(1, rerank.DEPTH + 12))


def test_a_phrase_that_matches_nothing_falls_back_to_its_words(settings):
    settings.SEARCH_SEMANTIC = False
    engine.index(
        [
            IndexEntry(
                kind=KIND,
                object_id=n,
                title=f"Luật Trọng tài thương mại — Điều {n}",
                body="Trọng tài thương mại là phương thức giải quyết tranh chấp.",
                access="public",
            )
            for n in range(1, 26)
        ]
    )
    exact = engine.search(
        SearchQuery(text='"trọng tài thương mại" tranh chấp', kind=KIND), visibility=EVERYONE
    )
    assert exact.total == 25 and not exact.relaxed
    query = SearchQuery(text='"Trọng tại thương mại" là gì', kind=KIND, limit=20)
    mistyped = engine.search(query, visibility=EVERYONE)
    assert mistyped.relaxed and mistyped.total == 25
    more = engine.search(
        SearchQuery(text=query.text, kind=KIND, limit=20, cursor=mistyped.next_cursor),
        visibility=EVERYONE,
    )
    assert more.relaxed and len(mistyped.hits) + len(more.hits) == 25
