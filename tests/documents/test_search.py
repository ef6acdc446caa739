"""Search through the engine: Vietnamese with and without diacritics, numbers whole or in part,
facets, sorting, snippets, and the same visibility as the lists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dienhong.documents import indexing, selectors, services
from dienhong.documents.models import Access, Document
from tests.documents.conftest import text_pdf, write

pytest.importorskip("dienhong.search.engine")
pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(world):
    indexing.reindex_all()
    return world


def ids(user, text, **kwargs):
    page = selectors.search_documents(user, text=text, limit=50, **kwargs)
    return [doc.number for doc, _snippet in page.items]


@pytest.mark.parametrize("text", ["1097/2015/UBTVQH13", "1097", "1097/2015"])
def test_numbers_are_found_whole_or_in_part(indexed, text):
    assert ids(indexed.users["tongthuky"], text)[0] == "1097/2015/UBTVQH13"


def test_words_are_found_with_or_without_diacritics(indexed):
    user = indexed.users["tongthuky"]
    with_marks = ids(user, "sắp xếp đơn vị hành chính")
    without = ids(user, "sap xep don vi hanh chinh")
    assert with_marks[0] == without[0] == "202/2025/QH15"
    assert "74/2025/UBTVQH15" in ids(user, "van phong quoc hoi")


def test_search_results_follow_the_access_levels(indexed):
    hanoi = indexed.users["vanphong.hanoi"]
    leader = indexed.users["tongthuky"]
    clerk = indexed.users["vanthu"]
    # "Về việc điều động cán bộ" is confidential (mật) in Vụ Tổ chức - Cán bộ
    assert "1756/QĐ-VPQH" in ids(leader, "điều động cán bộ")
    assert "1756/QĐ-VPQH" not in ids(hanoi, "điều động cán bộ")
    assert "1756/QĐ-VPQH" not in ids(clerk, "điều động cán bộ")
    # a restricted report of Vụ Tổng hợp also named for Vụ Hành chính
    assert "512/BC-VPQH" in ids(clerk, "tổng kết công tác phục vụ")
    assert "512/BC-VPQH" not in ids(hanoi, "tổng kết công tác phục vụ")
    # the ORM list and the engine agree for every demo user
    for username in ["tongthuky", "vanthu", "vanphong.hanoi", "kiemtoan", "chuyenvien.tonghop"]:
        user = indexed.users[username]
        visible = set(selectors.documents_visible_to(user).values_list("pk", flat=True))
        page = selectors.search_documents(user, text="", filters={"year": [2025]}, limit=100)
        found = {doc.pk for doc, _ in page.items}
        expected = set(
            selectors.documents_visible_to(user)
            .filter(date__year=2025)
            .values_list("pk", flat=True)
        )
        assert found == expected, username
        assert found <= visible


def test_facets_filters_and_sorting(indexed):
    user = indexed.users["tongthuky"]
    page = selectors.search_documents(user, text="kỳ họp thứ 10", limit=50)
    assert page.facets["type"]["Báo cáo"] >= 1
    only = selectors.search_documents(
        user, text="kỳ họp thứ 10", filters={"type": ["Báo cáo"]}, limit=50
    )
    assert only.items and {doc.doc_type for doc, _ in only.items} == {"Báo cáo"}
    newest = selectors.search_documents(user, text="nghị quyết", sort="-date", limit=50)
    dates = [doc.date for doc, _ in newest.items if doc.date]
    assert dates == sorted(dates, reverse=True)


def test_new_uploads_are_searchable_after_digitization(world, tmp_path, run_jobs):
    path = write(
        tmp_path / "x.pdf",
        text_pdf("Về việc kiểm tra hệ thống điều hòa hội trường", number="4321/VPQH-CQT"),
    )
    with run_jobs():
        services.import_file(
            incoming=services.Incoming(name="x.pdf", path=path),
            owner_unit=world.units["VPQH-CQT"],
            access=Access.INTERNAL,
        )
    found = selectors.search_documents(world.users["vanthu"], text="dieu hoa hoi truong").items
    assert found
    assert found[0][0].current_version.files.filter(name="x.pdf").exists()


def test_the_search_page_shows_snippets_facets_and_saves_searches(indexed, client_for):
    client = client_for(indexed.users["tongthuky"])
    response = client.get(reverse("documents:list"), {"q": "quoc hoi", "sort": "relevance"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in page
    assert "facet" in page
    assert (
        client.get(
            reverse("documents:list"),
            {"q": "quoc hoi", "type": "Nghị quyết"},
            HTTP_HX_REQUEST="true",
        ).status_code
        == 200
    )


def test_the_api_searches_with_the_callers_visibility(indexed, client_for):
    hanoi = client_for(indexed.users["vanphong.hanoi"])
    body = hanoi.get("/api/v1/documents/search", {"q": "điều động cán bộ"}).json()
    assert all(item["document"]["access"] != "confidential" for item in body["items"])
    leader = client_for(indexed.users["tongthuky"])
    found = leader.get("/api/v1/documents/search", {"q": "1097/2015/UBTVQH13"}).json()
    assert found["items"][0]["document"]["number"] == "1097/2015/UBTVQH13"
    assert found["relaxed"] is False
    some = leader.get("/api/v1/documents/search", {"q": "1097/2015/UBTVQH13 zzqqxx"}).json()
    assert some["relaxed"] is False  # a document number: any term was enough
    some = leader.get("/api/v1/documents/search", {"q": "UBTVQH13 zzqqxx"}).json()
    assert some["relaxed"] is True and some["total"] >= 1
    assert Document.objects.filter(number="1097/2015/UBTVQH13").exists()
