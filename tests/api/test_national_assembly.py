"""Terms, bodies, provinces (63 → 34 on 1/7/2025), delegations and deputies through the API."""

from __future__ import annotations

import pytest

from dienhong.org.models import Deputy, Province


@pytest.mark.parametrize(
    ("as_of", "count"), [("2025-06-30", 63), ("2025-07-01", 34), ("2026-11-01", 34)]
)
def test_provinces_in_force_on_a_date(api_for, staff_member, as_of, count):
    response = api_for(staff_member).get("/api/v1/provinces", {"as_of": as_of, "limit": 200})
    assert response.json()["count"] == count
    assert len(response.json()["items"]) == count


def test_provinces_default_to_today_and_history_lists_every_period(api_for, staff_member):
    api = api_for(staff_member)
    assert api.get("/api/v1/provinces").json()["count"] == 34
    assert (
        api.get("/api/v1/provinces", {"history": "true"}).json()["count"]
        == Province.objects.count()
    )


def test_a_merged_province_names_its_successor(api_for, staff_member):
    items = (
        api_for(staff_member)
        .get("/api/v1/provinces", {"as_of": "2025-06-30", "q": "ha giang"})
        .json()["items"]
    )
    assert [item["name"] for item in items] == ["Hà Giang"]
    assert items[0]["valid_to"] == "2025-07-01"
    assert items[0]["successor"]["name"] == "Tuyên Quang"


def test_terms_say_which_is_current(api_for, staff_member):
    items = api_for(staff_member).get("/api/v1/terms").json()["items"]
    assert [(item["roman"], item["start"]) for item in items] == [
        ("XVI", "2026-04-06"),
        ("XV", "2021-07-20"),
    ]
    assert sum(item["is_current"] for item in items) == 1


def test_bodies_in_force_and_by_kind(api_for, staff_member):
    api = api_for(staff_member)
    assert api.get("/api/v1/bodies").json()["count"] == 9
    before = api.get("/api/v1/bodies", {"as_of": "2025-01-01"}).json()["items"]
    assert [item["abbreviation"] for item in before] == ["UBTVQH"]
    committees = api.get("/api/v1/bodies", {"kind": "committee"}).json()["items"]
    assert {item["kind"] for item in committees} == {"committee"}


def test_delegations_by_term_and_province(api_for, staff_member, world):
    api = api_for(staff_member)
    assert api.get("/api/v1/delegations", {"term": 16}).json()["count"] == 34
    hanoi = Province.objects.get(code="01", valid_from__isnull=True)
    items = api.get("/api/v1/delegations", {"province": hanoi.pk}).json()["items"]
    assert [item["term"] for item in items] == [15, 16]
    assert items[0]["office"]["code"] == "VPDD-01"
    assert items[1]["deputy_count"] == Deputy.objects.filter(delegation_id=items[1]["id"]).count()


def test_deputies_filter_by_term_province_and_name(api_for, staff_member, world):
    api = api_for(staff_member)
    term16 = api.get("/api/v1/deputies", {"term": 16, "limit": 200}).json()
    assert term16["count"] == Deputy.objects.filter(term=world.terms[16]).count()
    hanoi = Province.objects.get(code="01", valid_from__isnull=True)
    in_hanoi = api.get("/api/v1/deputies", {"term": 16, "province": hanoi.pk}).json()["items"]
    assert in_hanoi and {item["province"]["code"] for item in in_hanoi} == {"01"}
    full_time = api.get("/api/v1/deputies", {"term": 16, "full_time": "true", "limit": 200}).json()
    assert full_time["count"] == 34
    someone = in_hanoi[0]["person"]["full_name"]
    from dienhong.core.text import fold

    by_name = api.get("/api/v1/deputies", {"q": fold(someone)}).json()["items"]
    assert someone in [item["person"]["full_name"] for item in by_name]


def test_deputies_need_the_directory_permission(api_for, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-long-password-1")
    assert api_for(nobody).get("/api/v1/deputies").json()["count"] == 0
