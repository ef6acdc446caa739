"""Fixtures of the work tests: a directive, people of the General Department, a task factory."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from dienhong.core import calendar
from dienhong.work import services

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT = object()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def frozen():
    """Freeze time on a day; returns a function so a test may move it."""
    travellers = []

    def freeze(day: date, hour: int = 9):
        traveller = time_machine.travel(
            datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False
        )
        traveller.start()
        travellers.append(traveller)

    yield freeze
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def th(world):
    return world.units["VPQH-TH"]


@pytest.fixture
def hc(world):
    return world.units["VPQH-HC"]


@pytest.fixture
def staff_person(staff_member):
    return staff_member.person


@pytest.fixture
def head_person(department_head):
    return department_head.person


@pytest.fixture
def sg_person(secretary_general):
    return secretary_general.person


@pytest.fixture
def directive(secretary_general, world, sg_person):
    return services.register_directive(
        actor=secretary_general,
        title="Kết luận giao ban tháng 11/2025",
        issued_on=date(2025, 11, 10),
        unit=world.root,
        number="568/TB-VPQH",
        issuer=sg_person,
        issuer_label="Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
    )


@pytest.fixture
def make_task(secretary_general, directive, th, staff_person, head_person):
    """Create (and by default assign) a task of the General Department."""

    def make(*, actor=None, assign=True, due=DEFAULT, **overrides):
        if due is DEFAULT:
            due = max(date(2026, 3, 20), timezone.localdate() + timedelta(days=30))
        data = {
            "directive": directive,
            "title": "Chuẩn bị báo cáo tổng hợp",
            "description": "Tổng hợp ý kiến",
            "lead_unit": th,
            "owner": staff_person,
            "due": due,
            "expected_result": "Báo cáo trình Tổng Thư ký",
            "acceptor": head_person,
        }
        data.update(overrides)
        return services.create_task(actor=actor or secretary_general, assign=assign, **data)

    return make
