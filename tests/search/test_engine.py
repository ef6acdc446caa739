import datetime

import pytest

from dienhong.search import engine
from dienhong.search.engine import IndexEntry, SearchQuery, Visibility

pytestmark = pytest.mark.django_db

KIND = "test"
EVERYONE = Visibility(user_id=None, internal=False, unit_paths=[], confidential_unit_paths=[])
STAFF = Visibility(user_id=7, internal=True, unit_paths=["/1/5/"], confidential_unit_paths=[])


def entry(object_id, **fields):
    fields.setdefault("access", "public")
    return IndexEntry(kind=KIND, object_id=object_id, **fields)


def ids(result):
    return [hit.object_id for hit in result.hits]


def find(text="", visibility=EVERYONE, **options):
    return engine.search(SearchQuery(text=text, kind=KIND, **options), visibility=visibility)


@pytest.fixture
def library():
    engine.index(
        [
            entry(
                1,
                title="Nghị quyết về tổ chức kỳ họp Quốc hội",
                number="1097/2015/UBTVQH13",
                subject="Về việc tổ chức kỳ họp thứ mười",
                body="Ủy ban Thường vụ Quốc hội quyết nghị tổ chức kỳ họp.",
                facets={"type": "Nghị quyết", "issuer": "UBTVQH", "year": 2015, "unit": 5},
                tags=["kỳ họp"],
                date=datetime.date(2015, 12, 10),
            ),
            entry(
                2,
                title="Báo cáo công tác dân nguyện",
                number="58/2010/QH12",
                body="Tổng hợp ý kiến cử tri gửi đến kỳ họp Quốc hội về đất đai.",
                facets={"type": "Báo cáo", "issuer": "QH", "year": 2010, "unit": 6},
                tags=["dân nguyện", "kỳ họp"],
                date=datetime.date(2010, 6, 1),
            ),
            entry(
                3,
                title="Công văn về đào tạo cán bộ",
                body="Đào tạo, bồi dưỡng cán bộ, công chức của Văn phòng.",
                facets={"type": "Công văn", "issuer": "VPQH", "year": 2020, "unit": 5},
                date=datetime.date(2020, 3, 4),
            ),
        ]
    )


def test_it_finds_a_word_with_or_without_diacritics(library):
    assert ids(find("Quốc hội"))[:2] == [1, 2]
    assert ids(find("quoc hoi"))[:2] == [1, 2]
    assert ids(find("dao tao")) == [3]
    assert ids(find("đào tạo")) == [3]


def test_it_finds_document_numbers_whole_and_in_part(library):
    for text in ("1097/2015/UBTVQH13", "1097", "UBTVQH13", "1097/2015", "ubtvqh13"):
        assert ids(find(text))[0] == 1, text
    assert ids(find("58/2010"))[0] == 2


def test_title_ranks_above_body(library):
    engine.index([entry(4, title="Thư gửi", body="Về công tác dân nguyện trong năm qua.")])
    assert ids(find("dân nguyện")) == [2, 4]


def test_a_quoted_phrase_must_be_present(library):
    assert ids(find('"cử tri"')) == [2]
    assert ids(find('kỳ họp "đất đai"')) == [2]
    # A phrase found nowhere falls back to its words, and says so.
    relaxed = find('"tri cử"')
    assert ids(relaxed) == [2] and relaxed.relaxed
    assert not find('"cử tri"').relaxed


def test_a_keyword_search_finds_what_holds_every_word(library):
    # "Quốc hội" alone would find 1 and 2; "đất đai" only 2 (in its body).
    every = find("quốc hội đất đai", facets=["type"])
    assert ids(every) == [2] and every.total == 1 and not every.relaxed
    assert every.facets["type"] == {"Báo cáo": 1}
    assert ids(find("quoc hoi dat dai")) == [2]
    # the words need not be adjacent: "cán bộ ... công chức"
    assert ids(find("cán bộ công chức")) == [3]
    # a question ranks whatever holds any of its words
    assert set(ids(find("Ai tổng hợp ý kiến về đào tạo?"))) == {2, 3}
    # no document holds every word: those holding any, and the page says so
    relaxed = find("đào tạo đất đai")
    assert set(ids(relaxed)) == {2, 3} and relaxed.relaxed and relaxed.total == 2


def test_the_results_count_facets_and_filter(library):
    result = find("kỳ họp", facets=["type", "year", "tag", "unit"])
    assert result.total == 2
    assert result.facets["type"] == {"Báo cáo": 1, "Nghị quyết": 1}
    assert result.facets["tag"] == {"kỳ họp": 2, "dân nguyện": 1}
    assert result.facets["unit"] == {"5": 1, "6": 1}
    filtered = find("kỳ họp", filters={"year": [2015]}, facets=["type"])
    assert ids(filtered) == [1] and filtered.total == 1
    assert ids(find("", filters={"tag": ["dân nguyện"]})) == [2]
    assert ids(find("", filters={"type": ["Công văn", "Báo cáo"]}, sort="date")) == [2, 3]


def test_it_filters_by_date(library):
    result = find("", filters={"date_from": ["2011-01-01"], "date_to": [datetime.date(2016, 1, 1)]})
    assert ids(result) == [1]


def test_it_sorts_by_date_with_keyset_pages(library):
    first = find("", sort="-date", limit=2)
    assert ids(first) == [3, 1] and first.total == 3 and first.next_cursor
    second = find("", sort="-date", limit=2, cursor=first.next_cursor)
    assert ids(second) == [2] and second.next_cursor is None
    assert ids(find("", sort="date")) == [2, 1, 3]
    assert ids(find("kỳ họp", sort="date")) == [2, 1]


def test_relevance_pages_follow_each_other(library):
    first = find("kỳ họp", limit=1)
    second = find("kỳ họp", limit=1, cursor=first.next_cursor)
    assert ids(first) + ids(second) == [1, 2] and second.next_cursor is None
    assert ids(find("kỳ họp", limit=1, cursor="not-a-cursor")) == ids(first)


def test_snippets_highlight_the_original_text(library):
    hit = find("cu tri").hits[0]
    assert "<mark>cử</mark> <mark>tri</mark>" in hit.snippet
    assert hit.snippet_html == hit.snippet and hit.score > 0


def test_reindexing_replaces_and_remove_forgets(library):
    engine.index([entry(3, title="Thông báo lịch họp", body="Lịch họp tuần")])
    assert ids(find("đào tạo")) == []
    assert ids(find("lịch họp")) == [3]
    engine.remove(KIND, [3])
    assert ids(find("lịch họp")) == []
    assert find("").total == 2
    engine.remove(KIND, [])


def test_an_empty_or_meaningless_query_lists_everything(library):
    assert find("  ").total == 3
    assert find("?!").total == 3


def test_an_unknown_access_level_is_refused():
    with pytest.raises(ValueError):
        engine.index([entry(9, access="secret")])
    with pytest.raises(ValueError):
        engine.entry_tokens(IndexEntry(kind=KIND, object_id=1, access="secret"))


def test_kinds_do_not_mix(library):
    engine.index([IndexEntry(kind="other", object_id=1, title="Quốc hội", access="public")])
    assert ids(find("Quốc hội")) == [1, 2]
    assert engine.search(SearchQuery(text="Quốc hội", kind="other"), visibility=EVERYONE).total == 1


# --- visibility ---------------------------------------------------------------------------

PRIVATE = [
    entry(10, title="hồ sơ công khai", access="public"),
    entry(11, title="hồ sơ nội bộ", access="internal"),
    entry(12, title="hồ sơ mật vụ năm", access="restricted", owner_unit_path="/1/5/"),
    entry(13, title="hồ sơ mật vụ khác", access="restricted", owner_unit_path="/2/"),
    entry(
        14,
        title="hồ sơ cho phép",
        access="restricted",
        owner_unit_path="/2/",
        allowed_unit_paths=["/1/"],
    ),
    entry(
        15,
        title="hồ sơ người nhận",
        access="restricted",
        owner_unit_path="/2/",
        allowed_user_ids=[7],
    ),
    entry(16, title="hồ sơ phòng con", access="restricted", owner_unit_path="/1/5/12/"),
    entry(17, title="hồ sơ tối mật", access="confidential", owner_unit_path="/1/5/"),
    entry(
        18,
        title="hồ sơ tối mật khác",
        access="confidential",
        owner_unit_path="/2/",
        allowed_user_ids=[8],
    ),
]


@pytest.mark.parametrize(
    ("visibility", "visible"),
    [
        (EVERYONE, {10}),
        (
            Visibility(user_id=None, internal=True, unit_paths=[], confidential_unit_paths=[]),
            {10, 11},
        ),
        (STAFF, {10, 11, 12, 14, 15, 16}),
        (
            Visibility(
                user_id=9, internal=True, unit_paths=["/1/5/12/"], confidential_unit_paths=[]
            ),
            {10, 11, 12, 14, 16},
        ),
        (
            Visibility(
                user_id=9, internal=True, unit_paths=["/3/"], confidential_unit_paths=["/1/"]
            ),
            {10, 11, 17},
        ),
        (
            Visibility(
                user_id=9, internal=False, unit_paths=[], confidential_unit_paths=["/1/5/12/"]
            ),
            {10, 17},
        ),
        (
            Visibility(user_id=8, internal=False, unit_paths=[], confidential_unit_paths=[]),
            {10, 18},
        ),
    ],
)
def test_each_user_sees_only_what_he_may(visibility, visible):
    engine.index(PRIVATE)
    result = find("hồ sơ", visibility, facets=["tag"], limit=50)
    assert set(ids(result)) == visible
    assert result.total == len(visible)
    assert find("", visibility, limit=50).total == len(visible)


def test_access_tokens_expand_paths_both_ways():
    assert engine.visibility_tokens(STAFF) == ["*", "a:/1/5/", "d:/1/", "d:/1/5/", "i", "u:7"]
    assert engine.ancestors("/1/5/12/") == ["/1/", "/1/5/", "/1/5/12/"]
