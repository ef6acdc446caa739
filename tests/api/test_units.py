"""Units through the API: the tree, its history ("as of"), and the administrator's changes."""

from __future__ import annotations

from datetime import date

import pytest

from dienhong.core.models import AuditEvent
from dienhong.org.models import Membership, Unit, UnitVersion


def _codes(response):
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_it_lists_units_with_pagination(api_for, staff_member):
    api = api_for(staff_member)
    first = api.get("/api/v1/units", {"limit": 5}).json()
    second = api.get("/api/v1/units", {"limit": 5, "offset": 5}).json()
    assert (
        first["count"] == second["count"] == Unit.objects.filter(dissolved_on__isnull=True).count()
    )
    assert len(first["items"]) == 5
    assert not {item["id"] for item in first["items"]} & {item["id"] for item in second["items"]}


def test_limit_is_capped_at_200(api_for, staff_member):
    response = api_for(staff_member, language="en").get("/api/v1/units", {"limit": 201})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def test_search_works_with_and_without_diacritics(api_for, staff_member):
    api = api_for(staff_member)
    assert "VPQH-TH" in _codes(api.get("/api/v1/units", {"q": "vu tong hop"}))
    assert "VPQH-TH" in _codes(api.get("/api/v1/units", {"q": "Vụ Tổng hợp"}))
    assert _codes(api.get("/api/v1/units", {"q": "vpqh-th"})) == ["VPQH-TH"]


def test_it_filters_by_kind_and_parent(api_for, staff_member, world):
    api = api_for(staff_member)
    kinds = {item["kind"] for item in api.get("/api/v1/units", {"kind": "bureau"}).json()["items"]}
    assert kinds == {"bureau"}
    children = _codes(api.get("/api/v1/units", {"parent": world.units["VPQH-HC"].pk}))
    assert sorted(children) == ["VPQH-HC-P1", "VPQH-HC-P2", "VPQH-HC-P3"]


def test_dissolved_units_are_listed_only_on_request(api_for, staff_member):
    api = api_for(staff_member)
    assert "VPQH-VNCLP" not in _codes(api.get("/api/v1/units", {"limit": 200}))
    listed = api.get("/api/v1/units", {"limit": 200, "include_dissolved": "true"}).json()["items"]
    institute = next(item for item in listed if item["code"] == "VPQH-VNCLP")
    assert institute["dissolved_on"] == "2025-01-07"
    assert institute["is_active"] is False


def test_as_of_gives_the_structure_in_force_then(api_for, staff_member, world):
    api = api_for(staff_member)
    before = {
        item["code"]: item
        for item in api.get("/api/v1/units", {"as_of": "2024-12-31", "limit": 200}).json()["items"]
    }
    after = {
        item["code"]: item
        for item in api.get("/api/v1/units", {"as_of": "2025-07-01", "limit": 200}).json()["items"]
    }
    # Units ended in January 2025 existed at the end of 2024, not after.
    assert "VPQH-VNCLP" in before and "VPQH-VNCLP" not in after
    # Vụ Chuyển đổi số was created by NQ 74/2025 (7/3/2025).
    assert "VPQH-CDS" not in before and "VPQH-CDS" in after
    # The department kept its id but carried its old name before 7/3/2025.
    assert before["VPQH-TTTV"]["name"] == "Vụ Thông tin"
    assert after["VPQH-TTTV"]["name"] == "Vụ Thông tin và Thư viện"
    # Delegation offices: 63 before the merger of 1/7/2025, 34 from that day.
    offices = world.units["VPDDBQH"].pk
    assert (
        api.get("/api/v1/units", {"as_of": "2025-06-30", "parent": offices}).json()["count"] == 63
    )
    assert (
        api.get("/api/v1/units", {"as_of": "2025-07-01", "parent": offices}).json()["count"] == 34
    )


def test_as_of_search_finds_the_old_name(api_for, staff_member):
    api = api_for(staff_member)
    assert "VPQH-TTTV" in _codes(
        api.get("/api/v1/units", {"as_of": "2024-01-01", "q": "Vụ Thông tin"})
    )


def test_a_unit_shows_its_children_history_and_events(api_for, staff_member, world):
    unit = world.units["VPQH-TTTV"]
    body = api_for(staff_member).get(f"/api/v1/units/{unit.pk}").json()
    assert [child["code"] for child in body["children"]] == [
        "VPQH-TTTV-P1",
        "VPQH-TTTV-P2",
        "VPQH-TTTV-P3",
    ]
    assert [version["name"] for version in body["versions"]] == [
        "Vụ Thông tin và Thư viện",
        "Vụ Thông tin",
    ]
    assert body["versions"][1]["valid_to"] == "2025-03-07"
    assert {event["kind"] for event in body["events"]} == {"created", "renamed"}


def test_a_user_without_roles_sees_no_units(api_for, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-long-password-1")
    api = api_for(nobody)
    assert api.get("/api/v1/units").json()["count"] == 0
    assert api.get(f"/api/v1/units/{Unit.objects.first().pk}").status_code == 404


# --- writes -----------------------------------------------------------------------------------


def test_the_administrator_creates_a_unit(api_for, org_admin, world):
    parent = world.units["VPQH-TH"]
    response = api_for(org_admin).post(
        "/api/v1/units",
        {
            "code": "VPQH-TH-P1",
            "name": "Phòng Tổng hợp",
            "kind": "division",
            "parent_id": parent.pk,
            "effective_on": "2026-12-01",
            "legal_basis": "Quyết định 1/QĐ-VPQH",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["parent_id"] == parent.pk and body["depth"] == 2
    assert body["events"][0]["kind"] == "created"
    assert AuditEvent.objects.filter(action="unit.created", object_id=str(body["id"])).exists()


def test_a_duplicate_code_names_the_field(api_for, org_admin):
    response = api_for(org_admin).post("/api/v1/units", {"code": "VPQH-TH", "name": "Trùng mã"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"


def test_an_unknown_parent_names_the_field(api_for, org_admin):
    response = api_for(org_admin, language="en").post(
        "/api/v1/units", {"code": "X-1", "name": "X", "parent_id": 999999}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "parent_id", "message": "No unit with id 999999.", "code": "validation_failed"}
    ]


def test_the_administrator_changes_details(api_for, org_admin, world):
    unit = world.units["VPQH-TH"]
    response = api_for(org_admin).patch(
        f"/api/v1/units/{unit.pk}", {"short_name": "VTH", "phone": None}
    )
    assert response.status_code == 200
    unit.refresh_from_db()
    assert unit.short_name == "VTH" and unit.phone == ""


def test_an_invalid_email_names_the_field(api_for, org_admin, world):
    unit = world.units["VPQH-TH"]
    response = api_for(org_admin).patch(f"/api/v1/units/{unit.pk}", {"email": "not-an-address"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "email"


def test_rename_keeps_the_old_name_in_history(api_for, org_admin, world):
    unit = world.units["VPQH-TH"]
    response = api_for(org_admin).post(
        f"/api/v1/units/{unit.pk}/rename",
        {"name": "Vụ Tổng hợp và Điều phối", "effective_on": "2026-12-01"},
    )
    assert response.status_code == 200
    assert UnitVersion.objects.in_force(date(2026, 11, 30)).get(unit=unit).name == "Vụ Tổng hợp"
    assert (
        UnitVersion.objects.in_force(date(2026, 12, 1)).get(unit=unit).name
        == "Vụ Tổng hợp và Điều phối"
    )


def test_a_rename_dated_before_the_last_change_names_the_date(api_for, org_admin, world):
    unit = world.units["VPQH-TTTV"]  # renamed on 7/3/2025
    response = api_for(org_admin).post(
        f"/api/v1/units/{unit.pk}/rename", {"name": "Vụ khác", "effective_on": "2025-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "effective_on"


def test_a_unit_cannot_move_under_its_own_descendant(api_for, org_admin, world):
    unit = world.units["VPQH-HC"]
    division = world.units["VPQH-HC-P1"]
    response = api_for(org_admin, language="en").post(
        f"/api/v1/units/{unit.pk}/move", {"parent_id": division.pk, "effective_on": "2026-12-01"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "parent_id"
    assert "sub-units" in body["detail"]
    unit.refresh_from_db()
    assert unit.parent_id == world.root.pk  # nothing half-written


def test_a_unit_moves_with_its_subtree(api_for, org_admin, world):
    division = world.units["VPQH-HC-P3"]
    target = world.units["VPQH-TH"]
    response = api_for(org_admin).post(
        f"/api/v1/units/{division.pk}/move", {"parent_id": target.pk, "effective_on": "2026-12-01"}
    )
    assert response.status_code == 200
    assert response.json()["parent_id"] == target.pk
    division.refresh_from_db()
    assert division.path.startswith(target.path)


def test_a_unit_with_staff_cannot_be_dissolved(api_for, org_admin, world):
    unit = world.units["VPQH-HC-P1"]
    response = api_for(org_admin).post(
        f"/api/v1/units/{unit.pk}/dissolve", {"effective_on": "2026-12-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit_id"


def test_an_empty_unit_is_dissolved(api_for, org_admin, world):
    unit = world.units["VPQH-HC-P3"]
    Membership.objects.filter(unit=unit).update(valid_to=date(2026, 11, 30))
    response = api_for(org_admin).post(
        f"/api/v1/units/{unit.pk}/dissolve", {"effective_on": "2026-12-01"}
    )
    assert response.status_code == 200
    assert response.json()["dissolved_on"] == "2026-12-01"


def test_units_are_merged(api_for, org_admin, world):
    sources = [world.units["VPQH-KHTC-P1"], world.units["VPQH-KHTC-P2"]]
    into = world.units["VPQH-KHTC-P3"]
    staff = Membership.objects.filter(unit__in=sources, valid_to__isnull=True).count()
    response = api_for(org_admin).post(
        "/api/v1/units/merge",
        {
            "source_ids": [unit.pk for unit in sources],
            "into_id": into.pk,
            "effective_on": "2026-12-01",
            "legal_basis": "Quyết định 2/QĐ-VPQH",
        },
    )
    assert response.status_code == 200, response.content
    assert Membership.objects.filter(unit=into, valid_from=date(2026, 12, 1)).count() == staff
    assert (
        Unit.objects.filter(
            pk__in=[unit.pk for unit in sources], dissolved_on=date(2026, 12, 1)
        ).count()
        == 2
    )


def test_a_unit_cannot_be_merged_into_itself(api_for, org_admin, world):
    unit = world.units["VPQH-KHTC-P1"]
    response = api_for(org_admin).post(
        "/api/v1/units/merge",
        {"source_ids": [unit.pk], "into_id": unit.pk, "effective_on": "2026-12-01"},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "source_ids"


def test_a_unit_is_split(api_for, org_admin, world):
    unit = world.units["VPQH-TTTV-P3"]
    response = api_for(org_admin).post(
        f"/api/v1/units/{unit.pk}/split",
        {
            "parts": [
                {"code": "TTTV-P3A", "name": "Phòng Tư liệu A"},
                {"code": "TTTV-P3B", "name": "Phòng Tư liệu B"},
            ],
            "effective_on": "2026-12-01",
        },
    )
    assert response.status_code == 201, response.content
    assert [part["code"] for part in response.json()] == ["TTTV-P3A", "TTTV-P3B"]
    assert all(part["kind"] == "division" for part in response.json())
    unit.refresh_from_db()
    assert unit.dissolved_on == date(2026, 12, 1)


# --- who may change units: role × action ------------------------------------------------------

ROLES = [
    "secretary_general",
    "department_head",
    "staff_member",
    "clerk",
    "delegation_clerk",
    "auditor",
    "org_admin",
]


def _attempt(action, api, world):
    th = world.units["VPQH-TH"]
    if action == "create":
        return api.post("/api/v1/units", {"code": "NEW-1", "name": "Mới", "parent_id": th.pk})
    if action == "update":
        return api.patch(f"/api/v1/units/{th.pk}", {"short_name": "VTH"})
    if action == "rename":
        return api.post(
            f"/api/v1/units/{th.pk}/rename", {"name": "Vụ Mới", "effective_on": "2026-12-01"}
        )
    if action == "move":
        return api.post(
            f"/api/v1/units/{world.units['VPQH-HC-P3'].pk}/move",
            {"parent_id": th.pk, "effective_on": "2026-12-01"},
        )
    raise AssertionError(action)


@pytest.mark.parametrize("action", ["create", "update", "rename", "move"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisation_administrator_changes_units(request, api_for, world, role, action):
    user = request.getfixturevalue(role)
    response = _attempt(action, api_for(user), world)
    if role == "org_admin":
        assert response.status_code in {200, 201}, response.content
    else:
        assert response.status_code == 403, response.content
        assert response.json()["code"] == "permission_denied"
