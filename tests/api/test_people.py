"""People through the API: directory search, private details, and the administrator's changes."""

from __future__ import annotations

import pytest

from dienhong.org.models import Membership, Person, Position


@pytest.fixture
def duc(world):
    person = Person.objects.create(full_name="Nguyễn Đức Thắng")
    Membership.objects.create(
        person=person,
        unit=world.units["VPQH-TH"],
        position=Position.objects.get(title="Chuyên viên"),
    )
    return person


@pytest.mark.parametrize(
    "q", ["Nguyễn Đức", "nguyen duc", "NGUYEN DUC THANG", "đức thắng", "duc   thang"]
)
def test_search_finds_a_name_with_or_without_diacritics(api_for, staff_member, duc, q):
    items = api_for(staff_member).get("/api/v1/people", {"q": q}).json()["items"]
    assert duc.pk in [item["id"] for item in items]


def test_search_in_decomposed_unicode_matches_too(api_for, staff_member, duc):
    import unicodedata

    q = unicodedata.normalize("NFD", "Nguyễn Đức Thắng")
    items = api_for(staff_member).get("/api/v1/people", {"q": q}).json()["items"]
    assert [item["id"] for item in items] == [duc.pk]


def test_people_come_with_their_current_posts(api_for, staff_member, duc, world):
    item = api_for(staff_member).get("/api/v1/people", {"q": "nguyen duc thang"}).json()["items"][0]
    assert item["posts"][0]["unit"]["code"] == "VPQH-TH"
    assert item["posts"][0]["position"]["title"] == "Chuyên viên"
    assert "email" not in item


def test_the_unit_filter_covers_sub_units_unless_asked_not_to(api_for, staff_member, world):
    api = api_for(staff_member)
    unit = world.units["VPQH-HC"]
    with_divisions = api.get("/api/v1/people", {"unit": unit.pk, "limit": 200}).json()
    only_unit = api.get(
        "/api/v1/people", {"unit": unit.pk, "include_subunits": "false", "limit": 200}
    ).json()
    assert with_divisions["count"] > only_unit["count"] > 0
    codes = {post["unit"]["code"] for item in only_unit["items"] for post in item["posts"]}
    assert codes == {"VPQH-HC"}


def test_an_unknown_unit_filter_gives_an_empty_page(api_for, staff_member):
    assert api_for(staff_member).get("/api/v1/people", {"unit": 999999}).json()["count"] == 0


def test_the_position_filter(api_for, staff_member):
    head = Position.objects.get(title="Vụ trưởng")
    items = (
        api_for(staff_member)
        .get("/api/v1/people", {"position": head.pk, "limit": 200})
        .json()["items"]
    )
    assert items
    assert all(any(post["position"]["id"] == head.pk for post in item["posts"]) for item in items)


def test_a_person_shows_history_and_mandates(api_for, staff_member, world):
    from dienhong.org.models import Deputy

    deputy = (
        Deputy.objects.filter(term=world.terms[15], valid_to__isnull=False)
        .select_related("person")
        .first()
    )
    body = api_for(staff_member).get(f"/api/v1/people/{deputy.person.pk}").json()
    terms = {mandate["term"] for mandate in body["mandates"]}
    assert 15 in terms
    assert body["mandates"][0]["province"]["name"]


def test_an_unknown_person_is_a_404(api_for, staff_member):
    response = api_for(staff_member, language="en").get("/api/v1/people/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "No person with id 999999."


# --- private details: who sees email, phone, year of birth -------------------------------------

VIEWERS = {
    "secretary_general": True,  # leader over the whole Office
    "department_head": True,  # unit head of Vụ Tổng hợp, where the person works
    "staff_member": True,  # the person themself
    "org_admin": True,
    "clerk": False,  # clerk of Vụ Hành chính: no private details
    "delegation_clerk": False,
    "auditor": False,
}


@pytest.mark.parametrize(("viewer", "allowed"), VIEWERS.items())
def test_private_details_follow_the_viewers_scope(request, api_for, world, viewer, allowed):
    person = world.users["chuyenvien.tonghop"].person
    Person.objects.filter(pk=person.pk).update(email="cv@quochoi.vn", phone="024 0000 0000")
    body = api_for(request.getfixturevalue(viewer)).get(f"/api/v1/people/{person.pk}").json()
    assert body["private_visible"] is allowed
    assert (body["email"] == "cv@quochoi.vn") is allowed
    assert (body["phone"] is None) is not allowed
    if not allowed:
        assert body["birth_year"] is None


def test_a_unit_head_elsewhere_does_not_see_private_details(api_for, world):
    person = world.users["chuyenvien.tonghop"].person
    body = api_for(world.users["vutruong.hanhchinh"]).get(f"/api/v1/people/{person.pk}").json()
    assert body["private_visible"] is False


# --- writes -----------------------------------------------------------------------------------


def test_the_administrator_creates_a_person_with_a_post(api_for, org_admin, world):
    unit = world.units["VPQH-TH"]
    position = Position.objects.get(title="Chuyên viên")
    response = api_for(org_admin).post(
        "/api/v1/people",
        {
            "full_name": "  Trần   Thị Mới ",
            "gender": "female",
            "unit_id": unit.pk,
            "position_id": position.pk,
            "valid_from": "2020-01-01",
            "email": "moi@quochoi.vn",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["full_name"] == "Trần Thị Mới"
    assert [(post["unit"]["code"], post["valid_from"]) for post in body["posts"]] == [
        ("VPQH-TH", "2020-01-01")
    ]
    assert body["email"] == "moi@quochoi.vn"


def test_unit_and_position_go_together(api_for, org_admin, world):
    response = api_for(org_admin).post(
        "/api/v1/people", {"full_name": "Lê Văn Một", "unit_id": world.units["VPQH-TH"].pk}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "position_id"


def test_an_unknown_position_names_the_field(api_for, org_admin, world):
    response = api_for(org_admin).post(
        "/api/v1/people",
        {"full_name": "Lê Văn Hai", "unit_id": world.units["VPQH-TH"].pk, "position_id": 99999},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "position_id"


def test_a_birth_year_out_of_range_names_the_field(api_for, org_admin):
    response = api_for(org_admin, language="en").post(
        "/api/v1/people", {"full_name": "A", "birth_year": 1800}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "birth_year",
            "message": "Enter a value greater than or equal to 1900.",
            "code": "greater_than_equal",
        }
    ]


def test_the_administrator_deactivates_a_person(api_for, org_admin, staff_member, world):
    person = world.users["chuyenvien.tonghop"].person
    admin = api_for(org_admin)
    response = admin.patch(f"/api/v1/people/{person.pk}", {"is_active": False})
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    listed = api_for(staff_member).get("/api/v1/people", {"q": person.full_name}).json()["items"]
    assert person.pk not in [item["id"] for item in listed]
    assert api_for(staff_member).get(f"/api/v1/people/{person.pk}").status_code == 200


def test_a_person_recorded_by_mistake_is_deleted(api_for, org_admin):
    person = Person.objects.create(full_name="Nhập Nhầm")
    response = api_for(org_admin).delete(f"/api/v1/people/{person.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_referenced_person_is_not_deleted(api_for, org_admin, world):
    person = world.users["chuyenvien.tonghop"].person
    response = api_for(org_admin).delete(f"/api/v1/people/{person.pk}")
    assert response.status_code == 409
    assert response.json()["code"] == "person_referenced"
    assert Person.objects.filter(pk=person.pk).exists()


ROLES = [
    "secretary_general",
    "department_head",
    "staff_member",
    "clerk",
    "delegation_clerk",
    "auditor",
    "org_admin",
]


@pytest.mark.parametrize("action", ["create", "update", "delete"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisation_administrator_changes_people(request, api_for, world, role, action):
    api = api_for(request.getfixturevalue(role))
    target = Person.objects.create(full_name="Người Thử")
    Membership.objects.create(
        person=target,
        unit=world.units["VPQH-TH"],
        position=Position.objects.get(title="Chuyên viên"),
    )
    if action == "create":
        response = api.post(
            "/api/v1/people",
            {
                "full_name": "Người Mới",
                "unit_id": world.units["VPQH-TH"].pk,
                "position_id": Position.objects.get(title="Chuyên viên").pk,
            },
        )
    elif action == "update":
        response = api.patch(f"/api/v1/people/{target.pk}", {"phone": "0900"})
    else:
        response = api.delete(f"/api/v1/people/{target.pk}")
    if role == "org_admin":
        # The administrator may; deleting someone with a post is refused for another reason.
        assert response.status_code == {"create": 201, "update": 200, "delete": 409}[action]
    else:
        assert response.status_code == 403
