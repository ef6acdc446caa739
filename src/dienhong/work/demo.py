"""Demo work: the real agenda of the Office from late 2025 as directives and tasks.

Sources: the Office's November 2025 briefing (digest in shared/design/SOURCES.md). Events with
real dates (Law-making Forum 22/11/2025, Emulation Congress 29/11/2025, the 80th anniversary of
the first general election 6/1/2026 ...) keep their dates; continuing programmes (NA Digital
Transformation Project, Resolution 74, the monthly briefing) are dated relative to today, so
the dashboard shows a living office whatever day the demo is loaded. A state is always
consistent with its dates: nothing is "done" in the future, nothing "open" was due years ago
unless it is meant to be overdue. Document numbers and people are fictitious (demo data).

Built with bulk inserts (one audit event for the load) so the test suite's shared world stays fast.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from dienhong.core import audit
from dienhong.core.calendar import add_working_days, next_working_day
from dienhong.org.models import Membership, Person, Unit
from dienhong.work.models import (
    Directive,
    DirectiveKind,
    EventKind,
    ExtensionRequest,
    ExtensionState,
    Milestone,
    Task,
    TaskEvent,
    TaskState,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class Spec:
    """A task of the demo: ``plan`` says how it went; dates decide what is possible today."""

    title: str
    unit: str
    due: date
    plan: (
        str  # on_time | late | open | soon | overdue | submitted | returned | extension | assigned
    )
    result: str
    support: tuple[str, ...] = ()
    description: str = ""
    owner: str = ""  # a login name, when the task belongs to a named demo user
    progress: int = 0
    milestones: tuple[tuple[str, date], ...] = ()


@dataclass
class DirectiveSpec:
    number: str
    title: str
    issued_on: date
    meeting: str
    issuer: str  # "sg" (Secretary-General) or "deputy"
    kind: str
    tasks: list[Spec] = field(default_factory=list)
    summary: str = ""


def _wd(start: date, days: int) -> date:
    return add_working_days(start, days)


def agenda(today: date) -> list[DirectiveSpec]:
    """The directives and their tasks, relative to ``today`` where the work is ongoing."""
    month = today.month
    year = today.year
    briefing_day = _wd(today, -8)
    previous = today.replace(day=1) - timedelta(days=1)
    return [
        DirectiveSpec(
            "568/TB-VPQH",
            "Thông báo kết luận của Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội tại "
            "cuộc họp giao ban Văn phòng Quốc hội tháng 11 năm 2025",
            date(2025, 11, 10),
            "Họp giao ban Văn phòng Quốc hội tháng 11/2025",
            "sg",
            DirectiveKind.CONCLUSION,
            summary="Thực hiện cơ chế “rõ việc, rõ người, rõ tiến độ, rõ trách nhiệm, rõ kết quả”; tập trung "  # noqa: E501
            "phục vụ Kỳ họp thứ 10, Phiên họp thứ 51 (giai đoạn 3) và Phiên họp thứ 52 của Ủy ban Thường vụ "  # noqa: E501
            "Quốc hội, Diễn đàn lập pháp và Đại hội Thi đua yêu nước.",
            tasks=[
                Spec(
                    "Tổ chức Diễn đàn lập pháp ngày 22/11/2025",
                    "VPQH-TH",
                    date(2025, 11, 21),
                    "on_time",
                    "Diễn đàn được tổ chức; báo cáo kết quả và kiến nghị gửi Tổng Thư ký",
                    ("VPQH-HC", "VPQH-CQT", "VPQH-TTTV"),
                    milestones=(
                        ("Chương trình, danh sách khách mời", date(2025, 11, 14)),
                        ("Tài liệu Diễn đàn", date(2025, 11, 19)),
                    ),
                ),
                Spec(
                    "Phục vụ Đại hội Thi đua yêu nước của Ủy ban Thường vụ Quốc hội (29/11/2025)",
                    "VPQH-TCCB",
                    date(2025, 11, 28),
                    "on_time",
                    "Đại hội được tổ chức trang trọng; báo cáo tổng kết",
                    ("VPQH-CQT", "VPQH-HC"),
                ),
                Spec(
                    "Xây dựng kịch bản điều hành Phiên họp thứ 51 (giai đoạn 3) của Ủy ban Thường vụ Quốc hội",  # noqa: E501
                    "VPQH-TH",
                    date(2025, 11, 14),
                    "late",
                    "Kịch bản điều hành trình Chủ tịch Quốc hội",
                    owner="chuyenvien.tonghop",
                ),
                Spec(
                    "Chuẩn bị tài liệu Phiên họp thứ 52 của Ủy ban Thường vụ Quốc hội",
                    "VPQH-TH",
                    date(2025, 12, 5),
                    "on_time",
                    "Bộ tài liệu phiên họp gửi các thành viên UBTVQH",
                    ("VPQH-HC",),
                ),
                Spec(
                    "Bảo đảm hội trường, thiết bị, hậu cần Phiên họp thứ 52",
                    "VPQH-CQT",
                    date(2025, 12, 8),
                    "on_time",
                    "Biên bản kiểm tra hội trường, thiết bị",
                    ("VPQH-CDS",),
                ),
                Spec(
                    "Tổng hợp ý kiến đại biểu tại Kỳ họp thứ 10, Quốc hội khóa XV",
                    "VPQH-TH",
                    date(2025, 12, 12),
                    "on_time",
                    "Báo cáo tổng hợp ý kiến đại biểu",
                    owner="chuyenvien.tonghop",
                ),
                Spec(
                    "Thông tin, tuyên truyền về Kỳ họp thứ 10 và hoạt động của lãnh đạo Quốc hội",
                    "VPQH-BDBND",
                    date(2025, 12, 12),
                    "on_time",
                    "Chuyên trang Kỳ họp thứ 10; báo cáo kết quả",
                    ("VPQH-TTTV",),
                ),
                Spec(
                    "Phục vụ lễ bế mạc Kỳ họp thứ 10",
                    "VPQH-HC",
                    date(2025, 12, 11),
                    "late",
                    "Báo cáo công tác phục vụ",
                    ("VPQH-CQT",),
                ),
            ],
        ),
        DirectiveSpec(
            "215/KH-VPQH",
            "Kế hoạch tổ chức các hoạt động kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên bầu "
            "Quốc hội Việt Nam (06/01/1946 - 06/01/2026)",
            date(2025, 9, 15),
            "",
            "sg",
            DirectiveKind.PLAN,
            tasks=[
                Spec(
                    "Khai trương Bảo tàng Quốc hội Việt Nam",
                    "VPQH-CQT",
                    date(2026, 1, 5),
                    "on_time",
                    "Bảo tàng mở cửa đón khách; hồ sơ hiện vật, thuyết minh",
                    ("VPQH-TTTV", "VPQH-HC"),
                ),
                Spec(
                    "Xuất bản cuốn “Lịch sử Quốc hội Việt Nam, Tập V”",
                    "VPQH-TTTV",
                    date(2025, 12, 19),
                    "late",
                    "Sách in, phát hành trước Lễ kỷ niệm",
                ),
                Spec(
                    "Xuất bản sách ảnh song ngữ “80 năm Quốc hội Việt Nam”",
                    "VPQH-TTTV",
                    date(2025, 12, 26),
                    "on_time",
                    "Sách ảnh song ngữ Việt - Anh",
                    ("VPQH-QHQT",),
                ),
                Spec(
                    "Xuất bản cuốn “Quốc hội Việt Nam - 80 năm xây dựng, đổi mới và phát triển”",
                    "VPQH-TTTV",
                    date(2025, 12, 26),
                    "on_time",
                    "Sách in",
                ),
                Spec(
                    "Xuất bản cuốn “50 năm quan hệ giữa Quốc hội Việt Nam và Quốc hội Lào”",
                    "VPQH-QHQT",
                    date(2025, 12, 30),
                    "on_time",
                    "Sách in, bản tiếng Lào",
                    ("VPQH-TTTV",),
                ),
                Spec(
                    "Tổ chức Lễ kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên",
                    "VPQH-HC",
                    date(2026, 1, 6),
                    "on_time",
                    "Lễ kỷ niệm được tổ chức trang trọng",
                    ("VPQH-CQT", "VPQH-TH", "VPQH-BDBND"),
                ),
            ],
        ),
        DirectiveSpec(
            "97/KH-VPQH",
            "Kế hoạch tổ chức Giải Báo chí toàn quốc về Quốc hội và Hội đồng nhân dân lần thứ IV",
            date(2025, 6, 20),
            "",
            "deputy",
            DirectiveKind.PLAN,
            tasks=[
                Spec(
                    "Ban hành thể lệ Giải Báo chí toàn quốc về Quốc hội và HĐND lần thứ IV",
                    "VPQH-BDBND",
                    date(2025, 7, 15),
                    "on_time",
                    "Thể lệ Giải được ban hành",
                ),
                Spec(
                    "Tổ chức chấm sơ khảo, chung khảo Giải Báo chí lần thứ IV",
                    "VPQH-BDBND",
                    date(2025, 11, 28),
                    "late",
                    "Biên bản chấm giải; danh sách tác phẩm đoạt giải",
                ),
                Spec(
                    "Tổ chức Lễ trao Giải Báo chí toàn quốc về Quốc hội và HĐND lần thứ IV",
                    "VPQH-BDBND",
                    date(2026, 1, 16),
                    "on_time",
                    "Lễ trao giải",
                    ("VPQH-CQT",),
                ),
            ],
        ),
        DirectiveSpec(
            "301/TB-VPQH",
            "Thông báo về xây dựng Trang thông tin điện tử bầu cử đại biểu Quốc hội khóa XVI và "
            "đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031",
            date(2025, 11, 3),
            "",
            "deputy",
            DirectiveKind.NOTICE,
            tasks=[
                Spec(
                    "Vận hành Trang thông tin điện tử về bầu cử ĐBQH khóa XVI và đại biểu HĐND các cấp",  # noqa: E501
                    "VPQH-CDS",
                    date(2025, 12, 31),
                    "on_time",
                    "Trang thông tin hoạt động ổn định",
                    ("VPQH-BDBND",),
                ),
                Spec(
                    "Cập nhật kết quả bầu cử ngày 15/3/2026 lên Trang thông tin",
                    "VPQH-CDS",
                    date(2026, 3, 27),
                    "late",
                    "Danh sách người trúng cử được công bố",
                    ("VPQH-TH",),
                ),
            ],
        ),
        DirectiveSpec(
            "45/KH-VPQH",
            "Kế hoạch triển khai Nghị quyết số 74/2025/UBTVQH15 về chức năng, nhiệm vụ, quyền hạn "
            "và cơ cấu tổ chức của Văn phòng Quốc hội",
            date(2025, 3, 14),
            "",
            "sg",
            DirectiveKind.PLAN,
            tasks=[
                Spec(
                    "Sửa đổi Quy chế làm việc của Văn phòng Quốc hội",
                    "VPQH-TCCB",
                    date(2025, 5, 30),
                    "late",
                    "Quy chế làm việc được ban hành",
                    ("VPQH-TH",),
                ),
                Spec(
                    "Sắp xếp các phòng và tương đương thuộc các vụ, cục",
                    "VPQH-TCCB",
                    date(2025, 4, 30),
                    "on_time",
                    "Quyết định thành lập các phòng",
                ),
                Spec(
                    "Rà soát, hoàn thiện đề án vị trí việc làm của Văn phòng Quốc hội",
                    "VPQH-TCCB",
                    _wd(today, 14),
                    "open",
                    "Đề án vị trí việc làm trình Tổng Thư ký",
                    progress=55,
                ),
                Spec(
                    "Sơ kết thực hiện Nghị quyết số 74/2025/UBTVQH15",
                    "VPQH-TCCB",
                    _wd(today, -4),
                    "overdue",
                    "Báo cáo sơ kết",
                    ("VPQH-TH",),
                    progress=70,
                ),
            ],
        ),
        DirectiveSpec(
            "180/QĐ-VPQH",
            "Quyết định ban hành Kế hoạch thực hiện Đề án Chuyển đổi số của Quốc hội",
            date(2025, 8, 4),
            "",
            "deputy",
            DirectiveKind.PLAN,
            tasks=[
                Spec(
                    "Đưa vào sử dụng trợ lý ảo AI phục vụ đại biểu Quốc hội",
                    "VPQH-CDS",
                    _wd(today, 25),
                    "open",
                    "Trợ lý ảo vận hành chính thức; báo cáo đánh giá",
                    ("VPQH-TTTV",),
                    progress=60,
                    milestones=(
                        ("Thử nghiệm với các Ủy ban", _wd(today, -10)),
                        ("Đánh giá an toàn thông tin", _wd(today, 12)),
                    ),
                ),
                Spec(
                    "Triển khai hệ thống quản lý văn bản và điều hành",
                    "VPQH-CDS",
                    _wd(today, 6),
                    "submitted",
                    "Hệ thống vận hành tại các vụ, đơn vị",
                    ("VPQH-HC",),
                ),
                Spec(
                    "Xây dựng kho dữ liệu dùng chung của Quốc hội",
                    "VPQH-CDS",
                    _wd(today, -6),
                    "extension",
                    "Kho dữ liệu và danh mục dữ liệu dùng chung",
                    ("VPQH-TTTV", "VPQH-KHTC"),
                    progress=65,
                ),
                Spec(
                    "Số hóa tài liệu lưu trữ các khóa Quốc hội",
                    "VPQH-HC",
                    _wd(today, 2),
                    "soon",
                    "Cơ sở dữ liệu tài liệu lưu trữ đã số hóa",
                    ("VPQH-TTTV",),
                    progress=80,
                ),
                Spec(
                    "Nâng cấp hệ thống phục vụ hoạt động của đại biểu Quốc hội",
                    "VPQH-CDS",
                    _wd(today, 10),
                    "returned",
                    "Ứng dụng phiên bản mới cho đại biểu",
                    progress=90,
                ),
                Spec(
                    "Bảo đảm an toàn thông tin các hệ thống dùng chung",
                    "VPQH-CDS",
                    _wd(today, -12),
                    "overdue",
                    "Báo cáo đánh giá an toàn thông tin cấp độ",
                    progress=40,
                ),
            ],
        ),
        DirectiveSpec(
            f"{600 + month}/TB-VPQH",
            "Thông báo kết luận của Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng "
            f"Quốc hội tại cuộc họp giao ban tháng {month}/{year}",
            briefing_day,
            f"Họp giao ban Văn phòng Quốc hội tháng {month}/{year}",
            "sg",
            DirectiveKind.CONCLUSION,
            tasks=[
                Spec(
                    "Tổng hợp tình hình thực hiện các kết luận của lãnh đạo Văn phòng",
                    "VPQH-TH",
                    _wd(today, 1),
                    "soon",
                    "Báo cáo tổng hợp trình Tổng Thư ký",
                    owner="chuyenvien.tonghop",
                    progress=75,
                ),
                Spec(
                    "Chuẩn bị nội dung phiên họp tiếp theo của Ủy ban Thường vụ Quốc hội",
                    "VPQH-TH",
                    _wd(today, 9),
                    "open",
                    "Dự kiến chương trình, danh mục tài liệu",
                    ("VPQH-HC",),
                    owner="chuyenvien.tonghop",
                    progress=30,
                ),
                Spec(
                    "Rà soát dự toán ngân sách năm " + str(year + 1) + " của Văn phòng Quốc hội",
                    "VPQH-KHTC",
                    _wd(today, 3),
                    "soon",
                    "Dự toán trình Tổng Thư ký",
                    progress=50,
                ),
                Spec(
                    "Kiểm tra công tác phòng cháy, chữa cháy tại trụ sở",
                    "VPQH-CQT",
                    _wd(today, -2),
                    "overdue",
                    "Biên bản kiểm tra",
                    progress=60,
                ),
                Spec(
                    "Hoàn thiện quy trình tiếp nhận, xử lý văn bản đến",
                    "VPQH-HC",
                    _wd(today, 7),
                    "assigned",
                    "Quy trình được ban hành",
                    ("VPQH-CDS",),
                ),
                Spec(
                    "Chuẩn bị đoàn công tác nước ngoài của lãnh đạo Quốc hội",
                    "VPQH-QHQT",
                    _wd(today, 12),
                    "open",
                    "Chương trình, tài liệu đoàn",
                    progress=20,
                ),
                Spec(
                    "Báo cáo kết quả thông tin, tuyên truyền hoạt động của Quốc hội quý IV",
                    "VPQH-BDBND",
                    _wd(today, 5),
                    "submitted",
                    "Báo cáo quý",
                ),
                Spec(
                    "Đề xuất danh mục tài liệu số hóa năm tới",
                    "VPQH-TTTV",
                    _wd(today, 4),
                    "extension",
                    "Danh mục tài liệu",
                    progress=30,
                ),
                Spec(
                    "Tổng hợp kiến nghị của các vụ về Quy chế làm việc",
                    "VPQH-TH",
                    _wd(today, -3),
                    "returned",
                    "Bản tổng hợp kiến nghị",
                    owner="chuyenvien.tonghop",
                    progress=90,
                ),
            ],
        ),
        DirectiveSpec(
            "12/QĐ-VPQH",
            "Quy định chế độ báo cáo định kỳ của các vụ, đơn vị thuộc Văn phòng Quốc hội",
            date(2025, 1, 8),
            "",
            "sg",
            DirectiveKind.INSTRUCTION,
            tasks=_monthly_reports(today, previous),
        ),
    ]


REPORTING_UNITS = [
    "VPQH-TH",
    "VPQH-TCCB",
    "VPQH-QHQT",
    "VPQH-HC",
    "VPQH-CDS",
    "VPQH-KHTC",
    "VPQH-TTTV",
    "VPQH-CQT",
    "VPQH-BDBND",
]


def _monthly_reports(today: date, previous: date) -> list[Spec]:
    """Each unit's monthly report (due the 25th, or the next working day), last 11 months."""
    rng = random.Random(74)
    specs = []
    for back in range(11, -1, -1):
        month = today.month - back
        year = today.year
        while month <= 0:
            month += 12
            year -= 1
        due = next_working_day(date(year, month, 25))
        for code in REPORTING_UNITS:
            if due < today:
                roll = rng.random()
                plan = (
                    "late" if roll < 0.17 else "overdue" if roll < 0.19 and back <= 1 else "on_time"
                )
            else:
                plan = "open" if rng.random() < 0.7 else "soon"
            specs.append(
                Spec(
                    f"Báo cáo kết quả công tác tháng {month:02d}/{year}",
                    code,
                    due,
                    plan,
                    "Báo cáo tháng gửi Vụ Tổng hợp",
                    progress=0 if plan == "open" else 40,
                )
            )
    return specs


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, rng_minute(day, hour)), tzinfo=TZ)


def rng_minute(day: date, hour: int) -> int:
    return (day.toordinal() * 7 + hour * 13) % 60


class Loader:
    def __init__(self, world: Any, today: date) -> None:
        self.today = today
        self.rng = random.Random(2025)
        self.units: dict[str, Unit] = {code: unit for code, unit in world.units.items()}
        self.users = world.users
        self.staff: dict[str, list[Person]] = {}
        self.heads: dict[str, Person | None] = {}
        self.turn: dict[str, int] = {}
        memberships = Membership.objects.filter(valid_to__isnull=True).select_related(
            "person", "position", "unit"
        )
        by_unit: dict[int, list[Membership]] = {}
        for membership in memberships:
            by_unit.setdefault(membership.unit_id, []).append(membership)
        for code in REPORTING_UNITS:
            unit = self.units[code]
            rows = [
                m for uid, ms in by_unit.items() for m in ms if m.unit.path.startswith(unit.path)
            ]
            leaders = sorted(
                (m for m in rows if m.unit_id == unit.pk and m.position.is_leadership),
                key=lambda m: m.position.rank,
            )
            self.heads[code] = leaders[0].person if leaders else None
            self.staff[code] = [
                m.person
                for m in sorted(rows, key=lambda m: m.person_id)
                if not m.position.is_leadership
            ] or [m.person for m in rows]
        self.sg = self._person("tongthuky")
        self.deputy = self._person("phochunhiem")

    def _person(self, username: str) -> Person | None:
        user = self.users.get(username)
        return getattr(user, "person", None) if user is not None else None

    def owner(self, spec: Spec) -> Person:
        if spec.owner:
            person = self._person(spec.owner)
            if person is not None:
                return person
        people = self.staff[spec.unit]
        index = self.turn.get(spec.unit, 0)
        self.turn[spec.unit] = index + 1
        return people[index % len(people)]

    def load(self) -> None:
        events: list[TaskEvent] = []
        supports: list[Any] = []
        milestones: list[Milestone] = []
        extensions: list[ExtensionRequest] = []
        pending_tasks: list[tuple[Task, Spec, Directive]] = []
        for spec in agenda(self.today):
            issuer = self.sg if spec.issuer == "sg" else self.deputy
            directive = Directive.objects.create(
                kind=spec.kind,
                number=spec.number,
                title=spec.title,
                summary=spec.summary,
                issued_on=min(spec.issued_on, self.today),
                issuer=issuer,
                issuer_label="Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội"
                if spec.issuer == "sg"
                else "Phó Chủ nhiệm Văn phòng Quốc hội",
                meeting=spec.meeting,
                unit=self.units["VPQH"],
                created_by=self.users.get("vanthu"),
                is_demo=True,
            )
            for task_spec in spec.tasks:
                pending_tasks.append((self._task(task_spec, directive), task_spec, directive))
        Task.objects.bulk_create([task for task, _spec, _directive in pending_tasks])
        through = Task.support_units.through
        for task, task_spec, directive in pending_tasks:
            for code in task_spec.support:
                supports.append(through(task_id=task.pk, unit_id=self.units[code].pk))
            for title, due in task_spec.milestones:
                milestones.append(
                    Milestone(
                        task=task,
                        title=title,
                        due=due,
                        done_on=due if due < self.today or task.state == TaskState.DONE else None,
                    )
                )
            events += self._events(task, task_spec, directive, extensions)
        through.objects.bulk_create(supports)
        Milestone.objects.bulk_create(milestones)
        TaskEvent.objects.bulk_create(events)
        ExtensionRequest.objects.bulk_create(extensions)
        audit.record(None, "work.demo_loaded", None, changes={"tasks": len(pending_tasks)})

    def _task(self, spec: Spec, directive: Directive) -> Task:
        today = self.today
        owner = self.owner(spec)
        head = self.heads[spec.unit]
        acceptor = (
            head
            if spec.plan in {"submitted"} and spec.owner
            else (
                directive.issuer
                if spec.unit in {"VPQH-TH", "VPQH-CDS"}
                and directive.kind != DirectiveKind.INSTRUCTION
                else head
            )
        )
        if spec.owner == "chuyenvien.tonghop":
            acceptor = head
        due = spec.due
        assigned = min(
            max(directive.issued_on, due - timedelta(days=self.rng.randint(20, 45))), today
        )
        if assigned > due:
            assigned = due
        plan = spec.plan
        if plan in {"on_time", "late"} and due >= today:
            plan = "open"  # cannot be finished in the future: still being worked on
        task = Task(
            directive=directive,
            title=spec.title,
            description=spec.description or spec.title,
            is_demo=True,
            lead_unit=self.units[spec.unit],
            owner=owner,
            responsible_leader=head,
            acceptor=acceptor,
            expected_result=spec.result,
            assigned_on=assigned,
            due=due,
            original_due=due,
            assigned_by=self.users.get("vanthu"),
            created_by=self.users.get("vanthu"),
            state=TaskState.IN_PROGRESS,
            progress=spec.progress,
        )
        if plan == "on_time":
            finished = max(assigned, due - timedelta(days=self.rng.randint(0, 4)))
            task.state, task.progress, task.submitted_on, task.completed_on = (
                TaskState.DONE,
                100,
                finished,
                finished,
            )
        elif plan == "late":
            finished = min(today - timedelta(days=1), due + timedelta(days=self.rng.randint(2, 12)))
            finished = max(finished, due + timedelta(days=1))
            task.state, task.progress, task.submitted_on, task.completed_on = (
                TaskState.DONE,
                100,
                finished,
                finished,
            )
        elif plan == "submitted":
            task.state, task.progress, task.submitted_on = TaskState.SUBMITTED, 100, min(today, due)
        elif plan == "returned":
            task.state = TaskState.RETURNED
        elif plan == "assigned":
            task.state = TaskState.ASSIGNED
        elif plan == "extension":
            task.original_due = due
        task._plan = plan  # type: ignore[attr-defined]
        return task

    def _events(
        self, task: Task, spec: Spec, directive: Directive, extensions: list[ExtensionRequest]
    ) -> list[TaskEvent]:
        assert task.assigned_on is not None and task.due is not None
        plan = task._plan  # type: ignore[attr-defined]
        clerk = self.users.get("vanthu")
        owner_user = getattr(task.owner, "user", None)
        head_user = getattr(task.responsible_leader, "user", None)
        acceptor_user = getattr(task.acceptor, "user", None)
        owner_label = str(task.owner)
        start = task.assigned_on
        last = min(self.today, task.completed_on or task.submitted_on or self.today)
        out = [
            TaskEvent(
                task=task,
                kind=EventKind.CREATED,
                at=_at(start, 8),
                actor=clerk,
                actor_label="Văn thư",
            ),
            TaskEvent(
                task=task,
                kind=EventKind.ASSIGNED,
                at=_at(start, 9),
                actor=clerk,
                actor_label="Văn thư",
                data={"due": str(task.original_due), "owner": owner_label},
            ),
        ]
        if task.state == TaskState.ASSIGNED:
            return out
        accepted = min(start + timedelta(days=1), last)
        out.append(
            TaskEvent(
                task=task,
                kind=EventKind.ACCEPTED,
                at=_at(accepted, 10),
                actor=head_user,
                actor_label=str(task.responsible_leader or owner_label),
            )
        )
        span = max((last - accepted).days, 1)
        steps = (
            [25, 50, 75]
            if task.state in (TaskState.DONE, TaskState.SUBMITTED)
            else [p for p in (20, 40, task.progress) if 0 < p <= task.progress]
        )
        for index, percent in enumerate(steps, start=1):
            day = accepted + timedelta(days=span * index // (len(steps) + 1))
            out.append(
                TaskEvent(
                    task=task,
                    kind=EventKind.PROGRESS,
                    at=_at(day, 15),
                    actor=owner_user,
                    actor_label=owner_label,
                    percent=percent,
                    comment=self.rng.choice(PROGRESS_NOTES),
                )
            )
        if task.state in (TaskState.DONE, TaskState.SUBMITTED, TaskState.RETURNED):
            submitted = task.submitted_on or min(self.today, task.due) - timedelta(days=2)
            out.append(
                TaskEvent(
                    task=task,
                    kind=EventKind.SUBMITTED,
                    at=_at(submitted, 16),
                    actor=owner_user,
                    actor_label=owner_label,
                    percent=100,
                    comment=f"Hoàn thành: {spec.result}.",
                )
            )
        if task.state == TaskState.RETURNED:
            returned = min(self.today, (task.submitted_on or self.today) + timedelta(days=1))
            out.append(
                TaskEvent(
                    task=task,
                    kind=EventKind.RETURNED,
                    at=_at(returned, 11),
                    actor=acceptor_user,
                    actor_label=str(task.acceptor),
                    comment="Đề nghị bổ sung số liệu và ý kiến của các đơn vị phối hợp.",
                )
            )
        if task.state == TaskState.DONE:
            approved = task.completed_on or self.today
            out.append(
                TaskEvent(
                    task=task,
                    kind=EventKind.APPROVED,
                    at=_at(approved, 17),
                    actor=acceptor_user,
                    actor_label=str(task.acceptor),
                    data={"completed_on": str(task.completed_on)},
                )
            )
        if plan == "extension":
            asked = max(start, task.due - timedelta(days=3))
            proposed = _wd(task.due, 15)
            extensions.append(
                ExtensionRequest(
                    task=task,
                    requested_by=owner_user,
                    requested_at=_at(asked, 14),
                    current_due=task.due,
                    proposed_due=proposed,
                    state=ExtensionState.PENDING,
                    reason="Chờ ý kiến của các đơn vị phối hợp; khối lượng dữ liệu lớn hơn dự kiến.",  # noqa: E501
                )
            )
            out.append(
                TaskEvent(
                    task=task,
                    kind=EventKind.EXTENSION_REQUESTED,
                    at=_at(asked, 14),
                    actor=owner_user,
                    actor_label=owner_label,
                    comment="Chờ ý kiến của các đơn vị phối hợp.",
                    data={"current_due": str(task.due), "proposed_due": str(proposed)},
                )
            )
        return out


PROGRESS_NOTES = [
    "Đã xây dựng đề cương, gửi xin ý kiến các đơn vị phối hợp.",
    "Đã tổng hợp ý kiến; đang hoàn thiện dự thảo.",
    "Đã làm việc với các đơn vị liên quan; tiến độ bảo đảm.",
    "Hoàn thành dự thảo lần 2, trình lãnh đạo Vụ cho ý kiến.",
    "Đã rà soát số liệu, chuẩn bị hồ sơ trình.",
]


@transaction.atomic
def load(world: Any) -> None:
    """Load the demo directives and tasks into the demo world (``dienhong demo``)."""
    Loader(world, timezone.localdate()).load()
