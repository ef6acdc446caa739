"""Units with history, positions, people: the services an administrator calls."""

from datetime import date

import pytest

from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.core.models import AuditEvent
from dienhong.org import selectors, services
from dienhong.org.models import Membership, Person, Position, Unit, UnitEvent, UnitVersion

D = date(2026, 12, 1)


def names_as_of(user, on):
    def walk(nodes):
        for node in nodes:
            yield node.name
            yield from walk(node.children)

    return set(walk(selectors.unit_tree_as_of(user, on)))


def test_create_unit_builds_path_history_and_audit(world, org_admin):
    before = AuditEvent.objects.count()
    unit = services.create_unit(
        actor=org_admin,
        code="VPQH-TH-P9",
        name="Phòng Thử nghiệm",
        kind="division",
        parent=world.units["VPQH-TH"],
        effective_on=D,
    )
    assert unit.path == f"{world.units['VPQH-TH'].path}{unit.pk}/"
    assert unit.depth == 2
    assert UnitVersion.objects.filter(unit=unit, valid_from=D, valid_to=None).exists()
    assert AuditEvent.objects.count() == before + 1


def test_rename_keeps_the_old_name_for_past_dates(world, org_admin):
    unit = world.units["VPQH-QHQT"]
    services.rename_unit(
        actor=org_admin, unit=unit, name="Vụ Đối ngoại", effective_on=D, legal_basis="NQ thử"
    )
    assert "Vụ Quan hệ quốc tế" in names_as_of(org_admin, date(2026, 11, 30))
    assert "Vụ Đối ngoại" in names_as_of(org_admin, D)
    assert "Vụ Quan hệ quốc tế" not in names_as_of(org_admin, D)


def test_rename_before_the_last_change_is_refused(world, org_admin):
    with pytest.raises(ValidationFailed) as error:
        services.rename_unit(
            actor=org_admin, unit=world.units["VPQH-TH"], name="X", effective_on=date(2010, 1, 1)
        )
    assert error.value.field == "effective_on"


def test_move_rewrites_the_whole_subtree(world, org_admin):
    hc = world.units["VPQH-HC"]
    division = world.units["VPQH-HC-P1"]
    services.move_unit(actor=org_admin, unit=hc, new_parent=world.units["VPQH-TH"], effective_on=D)
    division.refresh_from_db()
    assert division.path.startswith(world.units["VPQH-TH"].path)
    assert division.depth == 3


def test_a_unit_cannot_move_under_its_own_descendant(world, org_admin):
    with pytest.raises(ValidationFailed, match="trực thuộc của nó"):
        services.move_unit(
            actor=org_admin,
            unit=world.units["VPQH-HC"],
            new_parent=world.units["VPQH-HC-P1"],
            effective_on=D,
        )
    with pytest.raises(ValidationFailed):
        services.move_unit(
            actor=org_admin,
            unit=world.units["VPQH-HC"],
            new_parent=world.units["VPQH-HC"],
            effective_on=D,
        )


def test_merge_moves_staff_and_sub_units_and_dissolves_sources(world, org_admin):
    source, target = world.units["VPQH-KHTC"], world.units["VPQH-TH"]
    staff = set(
        Membership.objects.filter(unit=source, valid_to=None).values_list("person_id", flat=True)
    )
    services.merge_units(
        actor=org_admin, sources=[source], into=target, effective_on=D, legal_basis="NQ thử"
    )
    source.refresh_from_db()
    assert source.dissolved_on == D
    assert staff <= set(
        Membership.objects.filter(unit=target, valid_to=None).values_list("person_id", flat=True)
    )
    assert not Membership.objects.filter(unit=source, valid_to=None).exists()
    assert Unit.objects.filter(parent=target, code__startswith="VPQH-KHTC-P").count() == 3
    assert "Vụ Kế hoạch - Tài chính" in names_as_of(org_admin, date(2026, 11, 30))
    assert "Vụ Kế hoạch - Tài chính" not in names_as_of(org_admin, D)
    assert UnitEvent.objects.filter(kind="merged", effective_on=D).exists()


def test_split_creates_parts_and_dissolves_the_source(world, org_admin):
    source = world.units["VPQH-TTTV"]
    parts = services.split_unit(
        actor=org_admin,
        unit=source,
        effective_on=D,
        parts=[
            {"code": "VPQH-TT", "name": "Vụ Thông tin"},
            {"code": "VPQH-TV", "name": "Vụ Thư viện"},
        ],
    )
    source.refresh_from_db()
    assert source.dissolved_on == D
    assert [p.parent for p in parts] == [world.root, world.root]
    assert Unit.objects.filter(parent=parts[0], dissolved_on=None).count() == 3


def test_split_needs_two_parts(world, org_admin):
    with pytest.raises(ValidationFailed):
        services.split_unit(
            actor=org_admin,
            unit=world.units["VPQH-TTTV"],
            effective_on=D,
            parts=[{"code": "X", "name": "X"}],
        )


def test_dissolve_refuses_a_unit_with_staff_or_sub_units(world, org_admin):
    with pytest.raises(ValidationFailed, match="đơn vị trực thuộc trước"):
        services.dissolve_unit(actor=org_admin, unit=world.units["VPQH-HC"], effective_on=D)
    with pytest.raises(ValidationFailed) as staff_error:
        services.dissolve_unit(actor=org_admin, unit=world.units["VPQH-TH"], effective_on=D)
    assert "điều chuyển cán bộ" in str(staff_error.value.message)


def test_dissolved_units_refuse_changes(world, org_admin):
    ended = world.units["VPQH-VNCLP"]
    with pytest.raises(ValidationFailed):
        services.rename_unit(actor=org_admin, unit=ended, name="X", effective_on=D)
    with pytest.raises(ValidationFailed):
        services.create_unit(actor=org_admin, code="Z", name="Z", kind="division", parent=ended)


def test_the_provinces_merger_is_visible_in_the_delegation_offices(world, org_admin):
    def offices(on):
        return UnitVersion.objects.in_force(on).filter(unit__kind="delegation_office").count()

    assert offices(date(2025, 6, 30)) == 63
    assert offices(date(2025, 7, 1)) == 34


def test_a_person_with_history_cannot_be_deleted(world, org_admin):
    person = Membership.objects.filter(unit=world.units["VPQH-TH"]).first().person
    with pytest.raises(Conflict, match="không còn công tác"):
        services.delete_person(actor=org_admin, person=person)
    assert Person.objects.filter(pk=person.pk).exists()


def test_a_person_recorded_by_mistake_can_be_deleted(world, org_admin):
    person = services.create_person(actor=org_admin, full_name="Người Nhập Nhầm")
    services.delete_person(actor=org_admin, person=person)
    assert not Person.objects.filter(pk=person.pk).exists()


def test_people_and_memberships(world, org_admin):
    position = services.create_position(actor=org_admin, title="Chuyên viên thử", rank=33)
    person = services.create_person(
        actor=org_admin,
        full_name="  Trần  Thị   Thử ",
        unit=world.units["VPQH-TH"],
        position=position,
        valid_from=date(2026, 1, 1),
    )
    assert person.full_name == "Trần Thị Thử"
    assert person.name_folded == "tran thi thu"
    membership = person.memberships.get()
    with pytest.raises(ValidationFailed):
        services.end_membership(actor=org_admin, membership=membership, valid_to=date(2025, 1, 1))
    services.end_membership(actor=org_admin, membership=membership, valid_to=D)
    with pytest.raises(ValidationFailed):
        services.end_membership(actor=org_admin, membership=membership, valid_to=D)
    services.update_person(
        actor=org_admin, person=person, data={"full_name": "Trần Thị Thứ", "phone": "024"}
    )
    person.refresh_from_db()
    assert person.name_folded == "tran thi thu" and person.phone == "024"
    services.update_position(actor=org_admin, position=position, data={"rank": 34})
    assert Position.objects.get(pk=position.pk).rank == 34
    services.add_membership(
        actor=org_admin, person=person, unit=world.units["VPQH-HC"], position=position, valid_from=D
    )
    assert services.primary_unit(person) == world.units["VPQH-HC"]


def test_update_unit_details_records_changes(world, org_admin):
    unit = services.update_unit_details(
        actor=org_admin, unit=world.units["VPQH-TH"], data={"email": "vth@quochoi.vn"}
    )
    assert unit.email == "vth@quochoi.vn"
    assert AuditEvent.objects.filter(action="unit.updated", object_id=str(unit.pk)).exists()


def test_bootstrap_runs_once(world):
    with pytest.raises(Conflict):
        services.bootstrap(root_code="X", root_name="X", admin_username="x", admin_password="x")


ACTIONS = {
    "create_unit": lambda w, u: services.create_unit(
        actor=u, code="T1", name="T", kind="division", parent=w.units["VPQH-TH"]
    ),
    "rename_unit": lambda w, u: services.rename_unit(
        actor=u, unit=w.units["VPQH-TH"], name="T", effective_on=D
    ),
    "create_person": lambda w, u: services.create_person(
        actor=u, full_name="T", unit=w.units["VPQH-TH"], position=Position.objects.first()
    ),
    "create_position": lambda w, u: services.create_position(actor=u, title="T"),
}
ROLES_ALLOWED = {
    "quantri": True,
    "tongthuky": False,
    "vutruong.tonghop": False,
    "chuyenvien.tonghop": False,
    "vanthu": False,
    "kiemtoan": False,
    "vanphong.hanoi": False,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(("username", "allowed"), sorted(ROLES_ALLOWED.items()))
def test_permission_matrix_for_organisation_writes(world, action, username, allowed):
    user = world.users[username]
    if allowed:
        ACTIONS[action](world, user)
    else:
        with pytest.raises(PermissionDenied):
            ACTIONS[action](world, user)


def test_an_administrator_of_one_subtree_cannot_change_another(world, org_admin):
    from dienhong.accounts.models import RoleGrant

    local_admin = world.users["vanthu"]
    RoleGrant.objects.create(user=local_admin, role="org_admin", unit=world.units["VPQH-HC"])
    services.rename_unit(
        actor=local_admin, unit=world.units["VPQH-HC-P1"], name="Phòng Văn thư", effective_on=D
    )
    with pytest.raises(PermissionDenied):
        services.rename_unit(
            actor=local_admin, unit=world.units["VPQH-TH"], name="X", effective_on=D
        )
