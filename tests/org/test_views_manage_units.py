"""Administration of units: create, edit details, rename, move, merge, split, dissolve."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from dienhong.accounts.models import RoleGrant, User
from dienhong.core.models import AuditEvent
from dienhong.org.models import Membership, Unit, UnitEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client_for, org_admin):
    return client_for(org_admin)


def change_url(unit: Unit, action: str) -> str:
    return reverse("org:unit_change", args=[unit.pk, action])


def test_the_units_list_shows_the_scope_with_search(admin, world):
    response = admin.get(reverse("org:manage_units"), {"q": "hanh chinh"})
    codes = {u.code for u in response.context["units"]}
    assert {"VPQH-HC", "VPQH-HC-P2"} <= codes
    assert "VPQH-TH" not in codes


def test_the_units_list_can_include_dissolved_units(admin):
    active = admin.get(reverse("org:manage_units")).context["units"]
    everything = admin.get(reverse("org:manage_units"), {"dissolved": "1"}).context["units"]
    assert not any(u.dissolved_on for u in active)
    assert any(u.code == "VPQH-VNCLP" for u in everything)


def test_it_creates_a_unit_under_a_parent(admin, world):
    response = admin.post(
        reverse("org:unit_create"),
        {
            "parent": world.units["VPQH-TH"].pk,
            "code": "VPQH-TH-P1",
            "name": "Phòng Tổng hợp",
            "kind": "division",
            "effective_on": "2026-01-05",
            "legal_basis": "Quyết định 1/QĐ-VPQH",
            "sort_order": "1",
        },
    )
    unit = Unit.objects.get(code="VPQH-TH-P1")
    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit_edit", args=[unit.pk])
    assert unit.parent == world.units["VPQH-TH"]
    assert unit.path.startswith(world.units["VPQH-TH"].path)
    assert AuditEvent.objects.filter(action="unit.created", object_id=str(unit.pk)).exists()


def test_a_duplicate_code_is_shown_on_the_code_field(admin, world):
    response = admin.post(
        reverse("org:unit_create"),
        {
            "parent": world.units["VPQH-TH"].pk,
            "code": "VPQH-HC",
            "name": "Trùng mã",
            "kind": "division",
            "effective_on": "2026-01-05",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["code"]


def test_a_missing_date_is_a_form_error(admin, world):
    response = admin.post(
        reverse("org:unit_create"), {"code": "X-1", "name": "X", "kind": "division"}
    )
    assert response.status_code == 422
    assert "effective_on" in response.context["form"].errors
    assert "Vui lòng sửa các lỗi" in response.content.decode()


def test_it_edits_details_without_history(admin, world):
    unit = world.units["VPQH-TH"]
    response = admin.post(
        reverse("org:unit_edit", args=[unit.pk]),
        {
            "short_name": "VTH",
            "kind": "department",
            "email": "tonghop@quochoi.vn",
            "phone": "024 3822",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.short_name, unit.email) == ("VTH", "tonghop@quochoi.vn")
    event = AuditEvent.objects.filter(action="unit.updated").latest("seq")
    assert event.changes["email"] == ["", "tonghop@quochoi.vn"]


def test_an_invalid_email_stays_on_the_form(admin, world):
    unit = world.units["VPQH-TH"]
    response = admin.post(
        reverse("org:unit_edit", args=[unit.pk]), {"kind": "department", "email": "nope"}
    )
    assert response.status_code == 422
    assert "email" in response.context["form"].errors


def test_it_renames_a_unit_from_a_date(admin, world):
    unit = world.units["VPQH-CDS"]
    response = admin.post(
        change_url(unit, "rename"),
        {
            "name": "Vụ Chuyển đổi số và Dữ liệu",
            "effective_on": "2026-07-01",
            "legal_basis": "Nghị quyết 99/2026",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Vụ Chuyển đổi số và Dữ liệu"
    assert unit.versions.count() == 2
    page = admin.get(reverse("org:unit", args=[unit.pk])).content.decode()
    assert "Nghị quyết 99/2026" in page


def test_a_rename_dated_before_the_last_change_names_the_date_field(admin, world):
    unit = world.units["VPQH-TTTV"]
    response = admin.post(
        change_url(unit, "rename"), {"name": "Vụ Mới", "effective_on": "2020-01-01"}
    )
    assert response.status_code == 422
    errors = response.context["form"].errors["effective_on"]
    assert "07/03/2025" in errors[0]


def test_it_moves_a_unit_with_its_subtree(admin, world):
    division = world.units["VPQH-HC-P3"]
    target = world.units["VPQH-TH"]
    response = admin.post(
        change_url(division, "move"), {"parent": target.pk, "effective_on": "2026-03-01"}
    )
    assert response.status_code == 302
    division.refresh_from_db()
    assert division.parent == target and division.path.startswith(target.path)


def test_a_unit_cannot_be_moved_under_its_own_descendant(admin, world):
    department = world.units["VPQH-HC"]
    form = admin.get(change_url(department, "move")).context["form"]
    assert world.units["VPQH-HC-P1"] not in form.fields["parent"].queryset
    response = admin.post(
        change_url(department, "move"),
        {"parent": world.units["VPQH-HC-P1"].pk, "effective_on": "2026-03-01"},
    )
    assert response.status_code == 422
    assert "parent" in response.context["form"].errors


def test_the_service_refusal_is_shown_on_the_form(admin, world):
    division = world.units["VPQH-HC-P1"]
    response = admin.post(
        change_url(division, "move"),
        {"parent": world.units["VPQH-HC"].pk, "effective_on": "2026-03-01"},
    )
    assert response.status_code == 422
    assert "Đơn vị đã trực thuộc đơn vị cấp trên này." in response.content.decode()


def test_it_merges_units_and_moves_their_staff(admin, world):
    into = world.units["VPQH-KHTC-P1"]
    source = world.units["VPQH-KHTC-P2"]
    staff = set(
        Membership.objects.filter(unit=source, valid_to__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    response = admin.post(
        change_url(into, "merge"),
        {
            "sources": [source.pk],
            "effective_on": "2026-02-01",
            "legal_basis": "Quyết định 5/QĐ-VPQH",
        },
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.dissolved_on == date(2026, 2, 1)
    moved = set(
        Membership.objects.filter(unit=into, valid_from=date(2026, 2, 1)).values_list(
            "person_id", flat=True
        )
    )
    assert staff <= moved
    assert UnitEvent.objects.filter(kind="merged", results=into).exists()


def test_it_splits_a_unit(admin, world):
    unit = world.units["VPQH-TTTV-P3"]
    response = admin.post(
        change_url(unit, "split"),
        {
            "code_1": "VPQH-TTTV-P3A",
            "name_1": "Phòng Tư liệu A",
            "code_2": "VPQH-TTTV-P3B",
            "name_2": "Phòng Tư liệu B",
            "effective_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    assert set(
        Unit.objects.filter(code__startswith="VPQH-TTTV-P3").values_list("code", flat=True)
    ) == {"VPQH-TTTV-P3", "VPQH-TTTV-P3A", "VPQH-TTTV-P3B"}
    assert Unit.objects.get(code="VPQH-TTTV-P3A").kind == unit.kind


def test_a_split_part_needs_both_code_and_name(admin, world):
    response = admin.post(
        change_url(world.units["VPQH-TTTV-P3"], "split"),
        {
            "code_1": "A1",
            "name_1": "A",
            "code_2": "B1",
            "name_2": "B",
            "code_3": "C1",
            "effective_on": "2026-02-01",
        },
    )
    assert response.status_code == 422
    assert "name_3" in response.context["form"].errors


def test_dissolving_a_unit_with_staff_is_refused_with_a_message(admin, world):
    response = admin.post(
        change_url(world.units["VPQH-QHQT"], "dissolve"),
        {"effective_on": "2026-02-01", "confirm": "on"},
    )
    assert response.status_code == 422
    assert "Cần điều chuyển cán bộ của đơn vị sang đơn vị khác trước." in response.content.decode()
    assert Unit.objects.get(pk=world.units["VPQH-QHQT"].pk).dissolved_on is None


def test_it_dissolves_an_empty_unit(admin, world):
    unit = world.units["VPQH-HC-P3"]
    Membership.objects.filter(unit=unit).update(
        valid_from=date(2020, 1, 1), valid_to=date(2026, 1, 1)
    )
    response = admin.post(
        change_url(unit, "dissolve"),
        {"effective_on": "2026-02-01", "confirm": "on", "legal_basis": "Quyết định 9/QĐ-VPQH"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("org:unit", args=[unit.pk])
    assert Unit.objects.get(pk=unit.pk).dissolved_on == date(2026, 2, 1)


def test_a_dissolved_unit_cannot_be_changed(admin, world):
    response = admin.get(change_url(world.units["VPQH-VNCLP"], "rename"))
    assert response.status_code == 302


def test_an_unknown_action_is_a_404(admin, world):
    assert admin.get(change_url(world.units["VPQH-TH"], "explode")).status_code == 404


def test_every_change_form_renders_with_labels(admin, world):
    for action in ["rename", "move", "merge", "split", "dissolve"]:
        html = admin.get(change_url(world.units["VPQH-HC"], action)).content.decode()
        assert '<label for="id_effective_on">' in html, action


def test_an_administrator_of_the_delegation_offices_only_cannot_touch_the_office(client_for, world):
    user = User.objects.create_user(username="qt.doan", password="x" * 12)
    RoleGrant.objects.create(user=user, role="org_admin", unit=world.units["VPDDBQH"])
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    client = client_for(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert client.get(reverse("org:unit_edit", args=[world.units["VPQH-TH"].pk])).status_code == 403
    assert (
        client.post(
            change_url(world.units["VPQH-TH"], "rename"),
            {"name": "X", "effective_on": "2026-02-01"},
        ).status_code
        == 403
    )
    units = client.get(reverse("org:manage_units")).context["units"]
    assert all(u.path.startswith(world.units["VPDDBQH"].path) for u in units)
