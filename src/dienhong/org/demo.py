"""The demo world: the Office as restructured in 2025, the NA's bodies, the provinces before and
after the merger with their delegations and delegation offices, terms XV and XVI, and
fictitious people in real positions. Every person and unit made here is marked ``is_demo``.

The same world is the test suite's shared fixture (``tests/conftest.py``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from dienhong.accounts.models import RoleGrant, User
from dienhong.accounts.permissions import clear_cache
from dienhong.org import reference, services
from dienhong.org.models import (
    Body,
    BodyKind,
    Delegation,
    Deputy,
    DirectoryVersion,
    Membership,
    Person,
    Position,
    Province,
    Term,
    Unit,
    UnitKind,
)

DEMO_PASSWORD = "DienHong@2026"  # noqa: S105 - printed for the demo; never a real account
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # hex; documented demo secret
HISTORY_START = date(2016, 1, 1)
RESTRUCTURE = date(2025, 3, 7)  # NQ 74/2025/UBTVQH15 of 07/3/2025
RESTRUCTURE_BASIS = "Nghị quyết 74/2025/UBTVQH15"

POSITIONS = [
    ("Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội", 1, True),
    ("Phó Chủ nhiệm Văn phòng Quốc hội", 2, True),
    ("Vụ trưởng", 10, True),
    ("Cục trưởng", 10, True),
    ("Tổng Biên tập", 10, True),
    ("Chánh Văn phòng", 10, True),
    ("Phó Vụ trưởng", 11, True),
    ("Phó Cục trưởng", 11, True),
    ("Phó Chánh Văn phòng", 11, True),
    ("Trưởng phòng", 20, True),
    ("Phó Trưởng phòng", 21, True),
    ("Chuyên viên cao cấp", 30, False),
    ("Chuyên viên chính", 31, False),
    ("Chuyên viên", 32, False),
    ("Văn thư", 40, False),
]

# The nine units of NQ 74/2025/UBTVQH15 Điều 4 (verified). Division names are illustrative.
OFFICE_UNITS = [
    ("VPQH-TH", "Vụ Tổng hợp", UnitKind.DEPARTMENT, []),
    ("VPQH-TCCB", "Vụ Tổ chức - Cán bộ", UnitKind.DEPARTMENT, []),
    ("VPQH-QHQT", "Vụ Quan hệ quốc tế", UnitKind.DEPARTMENT, []),
    (
        "VPQH-HC",
        "Vụ Hành chính",
        UnitKind.DEPARTMENT,
        ["Phòng Văn thư - Lưu trữ", "Phòng Hành chính - Tổng hợp", "Phòng Tiếp công dân"],
    ),
    ("VPQH-CDS", "Vụ Chuyển đổi số", UnitKind.DEPARTMENT, []),
    (
        "VPQH-KHTC",
        "Vụ Kế hoạch - Tài chính",
        UnitKind.DEPARTMENT,
        ["Phòng Kế hoạch", "Phòng Tài chính", "Phòng Quản lý tài sản"],
    ),
    (
        "VPQH-TTTV",
        "Vụ Thông tin và Thư viện",
        UnitKind.DEPARTMENT,
        ["Phòng Thông tin", "Phòng Thư viện", "Phòng Tư liệu"],
    ),
    (
        "VPQH-CQT",
        "Cục Quản trị",
        UnitKind.BUREAU,
        ["Phòng Lễ tân - Khánh tiết", "Phòng Kỹ thuật - Hội trường", "Phòng Phục vụ"],
    ),
    ("VPQH-BDBND", "Báo Đại biểu Nhân dân", UnitKind.NEWSPAPER, ["Ban Thời sự", "Ban Điện tử"]),
]

# Units of the Office before 2025 that ended (NQ 63/2025 and 64/2025 of 07/01/2025, verified).
ENDED_UNITS = [
    (
        "VPQH-VNCLP",
        "Viện Nghiên cứu lập pháp",
        UnitKind.PUBLIC_SERVICE,
        date(2025, 1, 7),
        "Nghị quyết 63/2025/UBTVQH15",
    ),
    (
        "VPQH-THQH",
        "Truyền hình Quốc hội Việt Nam",
        UnitKind.PUBLIC_SERVICE,
        date(2025, 1, 7),
        "Nghị quyết 64/2025/UBTVQH15",
    ),
]

BODIES = [
    ("Ủy ban Thường vụ Quốc hội", "UBTVQH", BodyKind.STANDING_COMMITTEE),
    ("Hội đồng Dân tộc", "HĐDT", BodyKind.COUNCIL),
    ("Ủy ban Pháp luật và Tư pháp", "UBPLTP", BodyKind.COMMITTEE),
    ("Ủy ban Kinh tế và Tài chính", "UBKTTC", BodyKind.COMMITTEE),
    ("Ủy ban Quốc phòng, An ninh và Đối ngoại", "UBQPANĐN", BodyKind.COMMITTEE),
    ("Ủy ban Văn hóa và Xã hội", "UBVHXH", BodyKind.COMMITTEE),
    ("Ủy ban Khoa học, Công nghệ và Môi trường", "UBKHCNMT", BodyKind.COMMITTEE),
    ("Ủy ban Công tác đại biểu", "UBCTĐB", BodyKind.COMMITTEE),
    ("Ủy ban Dân nguyện và Giám sát", "UBDNGS", BodyKind.COMMITTEE),
]
BODIES_FROM = date(2025, 2, 18)  # NQ 178/2025/QH15

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Đoàn",
    "Lương",
    "Tạ",
    "Mai",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Tiến", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thúy", "Bích", "Hồng", "Kim", "Diệu"]
GIVEN_M = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hưng",
    "Lâm",
    "Toàn",
]
GIVEN_F = [
    "An",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Uyên",
    "Yến",
    "Vân",
    "Nhung",
]


@dataclass
class DemoWorld:
    """Handles on the named people and units tests and later demo loaders reuse."""

    root: Unit
    units: dict[str, Unit]
    users: dict[str, User]
    terms: dict[int, Term]
    people: dict[str, Person] = field(default_factory=dict)


class NameMaker:
    def __init__(self, seed: int = 2026) -> None:
        self.random = random.Random(seed)
        self.used: set[str] = set()

    def __call__(self) -> tuple[str, str]:
        while True:
            female = self.random.random() < 0.45
            name = " ".join(
                [
                    self.random.choice(FAMILY),
                    self.random.choice(MIDDLE_F if female else MIDDLE_M),
                    self.random.choice(GIVEN_F if female else GIVEN_M),
                ]
            )
            if name not in self.used:
                self.used.add(name)
                return name, "female" if female else "male"


def _login(username: str, person: Person, *, first_name: str = "") -> User:
    user = User.objects.create_user(
        username=username, password=DEMO_PASSWORD, email=f"{username}@demo.dienhong.vn"
    )
    user.first_name = first_name or person.full_name
    user.save(update_fields=["first_name"])
    person.user = user
    person.save(update_fields=["user"])
    return user


@transaction.atomic
def load(*, deputies_per_province: int = 2, staff_per_unit: int = 2) -> DemoWorld:
    """Build the demo world in an empty database and return handles on it."""
    names = NameMaker()
    positions = {
        title: Position.objects.create(title=title, rank=rank, is_leadership=lead)
        for title, rank, lead in POSITIONS
    }

    # Bootstrap: the Office and its administrator; everything after goes through services.
    root, admin = services.bootstrap(
        root_code="VPQH",
        root_name="Văn phòng Quốc hội",
        admin_username="quantri",
        admin_password=DEMO_PASSWORD,
        established_on=HISTORY_START,
        is_demo=True,
    )
    admin_person = services.create_person(
        actor=admin,
        full_name=names()[0],
        unit=root,
        position=positions["Chuyên viên chính"],
        valid_from=HISTORY_START,
        is_demo=True,
    )
    admin_person.user = admin
    admin_person.save(update_fields=["user"])
    units: dict[str, Unit] = {"VPQH": root}
    people: dict[str, Person] = {"admin": admin_person}

    def person(unit: Unit, title: str, since: date = HISTORY_START) -> Person:
        full_name, gender = names()
        return services.create_person(
            actor=admin,
            full_name=full_name,
            gender=gender,
            unit=unit,
            position=positions[title],
            valid_from=since,
            birth_year=names.random.randint(1965, 1995),
            is_demo=True,
        )

    # Units before 2025 that ended, then the nine units of NQ 74/2025.
    for code, name, kind, ended_on, basis in ENDED_UNITS:
        unit = services.create_unit(
            actor=admin,
            code=code,
            name=name,
            kind=kind,
            parent=root,
            effective_on=HISTORY_START,
            is_demo=True,
        )
        units[code] = unit
        staff = person(unit, "Chuyên viên")
        Membership.objects.filter(person=staff).update(valid_to=ended_on)
        services.dissolve_unit(actor=admin, unit=unit, effective_on=ended_on, legal_basis=basis)
    for order, (code, name, kind, divisions) in enumerate(OFFICE_UNITS):
        since = RESTRUCTURE if code == "VPQH-CDS" else HISTORY_START
        unit = services.create_unit(
            actor=admin,
            code=code,
            name="Vụ Thông tin" if code == "VPQH-TTTV" else name,
            kind=kind,
            parent=root,
            effective_on=since,
            legal_basis=RESTRUCTURE_BASIS if since == RESTRUCTURE else "",
            sort_order=order,
            is_demo=True,
        )
        units[code] = unit
        head = (
            "Cục trưởng"
            if kind == UnitKind.BUREAU
            else "Tổng Biên tập"
            if kind == UnitKind.NEWSPAPER
            else "Vụ trưởng"
        )
        people[f"head:{code}"] = person(unit, head, since)
        people[f"deputy_head:{code}"] = person(
            unit, "Phó " + head if head != "Tổng Biên tập" else "Phó Vụ trưởng", since
        )
        for index in range(staff_per_unit):
            people[f"staff:{code}:{index}"] = person(
                unit, "Chuyên viên chính" if index == 0 else "Chuyên viên", since
            )
        for division_index, division_name in enumerate(divisions, start=1):
            division = services.create_unit(
                actor=admin,
                code=f"{code}-P{division_index}",
                name=division_name,
                kind=UnitKind.DIVISION,
                parent=unit,
                effective_on=since,
                sort_order=division_index,
                is_demo=True,
            )
            units[division.code] = division
            people[f"head:{division.code}"] = person(division, "Trưởng phòng", since)
            people[f"staff:{division.code}"] = person(division, "Chuyên viên", since)
    # A rename with history (illustrative: the pre-2025 name of this department is assumed).
    services.rename_unit(
        actor=admin,
        unit=units["VPQH-TTTV"],
        name="Vụ Thông tin và Thư viện",
        effective_on=RESTRUCTURE,
        legal_basis=RESTRUCTURE_BASIS,
    )
    leaders = [person(root, "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội")]
    leaders += [person(root, "Phó Chủ nhiệm Văn phòng Quốc hội") for _ in range(3)]
    people["secretary_general"] = leaders[0]
    people["deputy_chair"] = leaders[1]

    # Bodies of the National Assembly (NQ 178/2025/QH15).
    for order, (name, abbreviation, body_kind) in enumerate(BODIES):
        Body.objects.create(
            name=name,
            abbreviation=abbreviation,
            kind=body_kind,
            sort_order=order,
            valid_from=None if body_kind == BodyKind.STANDING_COMMITTEE else BODIES_FROM,
        )

    # Provinces, delegation offices (63 until 30/6/2025, then 34) and terms.
    reference.load_provinces()
    terms = {
        15: Term.objects.create(
            number=15, roman="XV", start=date(2021, 7, 20), end=date(2026, 4, 5)
        ),
        16: Term.objects.create(number=16, roman="XVI", start=date(2026, 4, 6), end=None),
    }
    offices_root = services.create_unit(
        actor=admin,
        code="VPDDBQH",
        name="Văn phòng Đoàn ĐBQH và HĐND các tỉnh, thành phố",
        kind=UnitKind.OTHER,
        parent=None,
        effective_on=HISTORY_START,
        is_demo=True,
    )
    units["VPDDBQH"] = offices_root
    RoleGrant.objects.create(user=admin, role="org_admin", unit=offices_root)
    clear_cache(admin)
    office_of: dict[int, Unit] = {}
    old_provinces = list(Province.objects.filter(valid_from__isnull=True).order_by("code"))
    for province in old_provinces:
        kind_label = "thành phố" if province.kind == "city" else "tỉnh"
        office = services.create_unit(
            actor=admin,
            code=f"VPDD-{province.code}",
            name=f"Văn phòng Đoàn ĐBQH và HĐND {kind_label} {province.name}",
            kind=UnitKind.DELEGATION_OFFICE,
            parent=offices_root,
            effective_on=HISTORY_START,
            sort_order=int(province.code),
            is_demo=True,
        )
        office_of[province.pk] = office
        person(office, "Chánh Văn phòng")
        person(office, "Chuyên viên")
    # The merger of 1/7/2025: offices of merged provinces join the office of the new province.
    for new in Province.objects.filter(valid_from=reference.MERGER_DATE).order_by("code"):
        predecessors = list(new.predecessors.all())
        survivor = next(p for p in predecessors if p.name == new.name)
        target = office_of[survivor.pk]
        services.merge_units(
            actor=admin,
            sources=[office_of[p.pk] for p in predecessors if p.pk != survivor.pk],
            into=target,
            effective_on=reference.MERGER_DATE,
            legal_basis="Nghị quyết 202/2025/QH15",
        )
        office_of[new.pk] = target
    for unit in office_of.values():
        units[unit.code] = unit

    # Delegations and fictitious deputies: term XV (63 then 34 delegations), term XVI (34).
    committees = list(Body.objects.filter(kind=BodyKind.COMMITTEE))
    mandates_xv: dict[int, list[Person]] = {}
    for province in old_provinces:
        delegation = Delegation.objects.create(
            term=terms[15], province=province, office=office_of[province.pk]
        )
        members = []
        for index in range(deputies_per_province):
            full_name, gender = names()
            member = Person.objects.create(full_name=full_name, gender=gender, is_demo=True)
            Deputy.objects.create(
                person=member,
                term=terms[15],
                delegation=delegation,
                full_time=index == 0,
                valid_from=terms[15].start,
                valid_to=None if province.valid_to is None else province.valid_to,
            )
            members.append(member)
        mandates_xv[province.pk] = members
    for new in Province.objects.filter(valid_from=reference.MERGER_DATE).order_by("code"):
        delegation = Delegation.objects.create(
            term=terms[15], province=new, office=office_of[new.pk]
        )
        for predecessor in new.predecessors.all():
            for member in mandates_xv[predecessor.pk]:
                Deputy.objects.create(
                    person=member,
                    term=terms[15],
                    delegation=delegation,
                    valid_from=reference.MERGER_DATE,
                )
    current = list(Province.objects.in_force(reference.MERGER_DATE).order_by("code"))
    for province in current:
        delegation, _ = Delegation.objects.get_or_create(
            term=terms[16], province=province, defaults={"office": office_of[province.pk]}
        )
        for index in range(deputies_per_province + 1):
            full_name, gender = names()
            member = Person.objects.create(full_name=full_name, gender=gender, is_demo=True)
            Deputy.objects.create(
                person=member,
                term=terms[16],
                delegation=delegation,
                full_time=index == 0,
                body=committees[(int(province.code) + index) % len(committees)],
                valid_from=terms[16].start,
            )

    # Logins for the named people, with their roles.
    hanoi_office = office_of[Province.objects.get(code="01", valid_from__isnull=True).pk]
    clerk_hanoi = Membership.objects.filter(
        unit=hanoi_office, position__title="Chuyên viên"
    ).first()
    assert clerk_hanoi is not None
    users = {"quantri": admin}
    logins = [
        ("tongthuky", people["secretary_general"], "leader", root),
        ("phochunhiem", people["deputy_chair"], "leader", root),
        ("vutruong.tonghop", people["head:VPQH-TH"], "unit_head", units["VPQH-TH"]),
        ("chuyenvien.tonghop", people["staff:VPQH-TH:0"], "staff", units["VPQH-TH"]),
        ("vanthu", people["staff:VPQH-HC-P1"], "clerk", units["VPQH-HC"]),
        ("vutruong.hanhchinh", people["head:VPQH-HC"], "unit_head", units["VPQH-HC"]),
        ("kiemtoan", people["staff:VPQH-TCCB:1"], "auditor", root),
        ("vanphong.hanoi", clerk_hanoi.person, "clerk", hanoi_office),
    ]
    for username, who, role, scope in logins:
        users[username] = _login(username, who)
        RoleGrant.objects.create(user=users[username], role=role, unit=scope, granted_by=admin)
        if role == "auditor":
            RoleGrant.objects.create(
                user=users[username], role="staff", unit=units["VPQH-TCCB"], granted_by=admin
            )
    RoleGrant.objects.create(user=admin, role="staff", unit=root, granted_by=admin)
    people["clerk_hanoi"] = clerk_hanoi.person

    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=admin, name="demo", key=DEMO_TOTP_KEY, confirmed=True)
    DirectoryVersion.bump()  # the queryset updates above send no signals
    return DemoWorld(root=root, units=units, users=users, terms=terms, people=people)


def world() -> DemoWorld:
    """Handles on an already loaded demo world (for later loaders and tests)."""
    units = {unit.code: unit for unit in Unit.objects.all()}
    users = {user.username: user for user in User.objects.all()}
    terms = {term.number: term for term in Term.objects.all()}
    return DemoWorld(root=units["VPQH"], units=units, users=users, terms=terms)


DEMO_LOGINS = [
    ("tongthuky", "Tổng Thư ký Quốc hội - Chủ nhiệm VPQH"),
    ("phochunhiem", "Phó Chủ nhiệm VPQH"),
    ("vutruong.tonghop", "Vụ trưởng Vụ Tổng hợp"),
    ("chuyenvien.tonghop", "Chuyên viên Vụ Tổng hợp"),
    ("vanthu", "Văn thư, Vụ Hành chính"),
    ("vutruong.hanhchinh", "Vụ trưởng Vụ Hành chính"),
    ("kiemtoan", "Kiểm toán viên nhật ký (auditor)"),
    ("vanphong.hanoi", "Chuyên viên Văn phòng Đoàn ĐBQH và HĐND TP Hà Nội"),
    ("quantri", "Quản trị tổ chức (2FA bắt buộc)"),
]
