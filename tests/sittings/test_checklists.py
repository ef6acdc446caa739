"""Preparation checklists: tasks in the work module back-scheduled over holidays; moving the
event moves the open tasks and tells their owners."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import translation

from dienhong.core.calendar import add_working_days
from dienhong.core.errors import PermissionDenied, ValidationFailed
from dienhong.sittings import selectors, services
from dienhong.sittings.models import ChecklistTemplate, ChecklistTemplateItem, Session
from dienhong.work.models import Notification, Task, TaskEvent, TaskState

TET_EVENT = date(2026, 2, 27)  # Friday after Tết Bính Ngọ (days off 16–20/2/2026)


@pytest.fixture
def forum(leader, world) -> Session:
    return services.create_session(
        actor=leader,
        kind="event",
        event_type="forum",
        organiser_unit=world.units["VPQH-TH"],
        title="Diễn đàn sau Tết",
        start=TET_EVENT,
        end=TET_EVENT,
    )


@pytest.fixture
def template() -> ChecklistTemplate:
    template = ChecklistTemplate.objects.create(code="test", kind="forum", name="Chuẩn bị thử")
    for position, (offset, unit, title) in enumerate(
        [
            (5, "VPQH-HC", "Phát hành giấy mời"),
            (10, "VPQH-CQT", "Chuẩn bị hội trường"),
            (0, "VPQH-CDS", "Trực kỹ thuật"),
        ]
    ):
        ChecklistTemplateItem.objects.create(
            template=template,
            position=position,
            title=title,
            unit_code=unit,
            offset_days=offset,
            expected_result="Xong",
        )
    return template


def test_shipped_templates_cover_every_kind_of_event(db):
    codes = set(ChecklistTemplate.objects.values_list("kind", flat=True))
    assert codes >= {
        "plenary",
        "meeting",
        "online",
        "forum",
        "congress",
        "anniversary",
        "museum_opening",
    }


def test_tasks_are_back_scheduled_over_the_tet_holidays(forum, template, leader, world):
    checklist = services.apply_checklist(
        actor=leader, session=forum, template=template, assigned_on=date(2026, 1, 5)
    )
    items = {item.title: item for item in checklist.items.select_related("task")}
    # 5 working days before Friday 27/2: 26, 25, 24, 23, then Tết 16–20/2 and the weekend are
    # skipped: Friday 13/2.
    assert items["Phát hành giấy mời"].due == date(2026, 2, 13)
    assert items["Chuẩn bị hội trường"].due == date(2026, 2, 6)
    assert items["Trực kỹ thuật"].due == TET_EVENT
    task = items["Phát hành giấy mời"].task
    assert task.state == TaskState.ASSIGNED and task.due == date(2026, 2, 13)
    assert task.lead_unit == world.units["VPQH-HC"]
    assert task.owner is not None and task.responsible_leader is not None
    assert task.acceptor == leader.person and task.directive == checklist.directive
    assert checklist.directive.kind == "plan"


def test_moving_the_event_moves_open_tasks_and_tells_their_owners(forum, template, leader):
    checklist = services.apply_checklist(
        actor=leader, session=forum, template=template, assigned_on=date(2026, 1, 5)
    )
    done = checklist.items.get(title="Chuẩn bị hội trường").task
    Task.objects.filter(pk=done.pk).update(state=TaskState.DONE, completed_on=date(2026, 2, 5))
    invitations = checklist.items.get(title="Phát hành giấy mời").task
    owner_user = invitations.owner.user
    before = Notification.objects.filter(recipient=owner_user).count() if owner_user else 0
    result = services.move_session(actor=leader, session=forum, start=date(2026, 3, 6))
    assert result.days == 7
    forum.refresh_from_db()
    assert forum.start == forum.end == date(2026, 3, 6)
    invitations.refresh_from_db()
    assert invitations.due == add_working_days(date(2026, 3, 6), -5) == date(2026, 2, 27)
    assert invitations.original_due == invitations.due
    assert TaskEvent.objects.filter(task=invitations, kind="edited").exists()
    if owner_user is not None:
        note = Notification.objects.filter(recipient=owner_user).order_by("-id").first()
        assert Notification.objects.filter(recipient=owner_user).count() == before + 1
        assert "Diễn đàn sau Tết" in note.body
    done.refresh_from_db()
    assert done.due == date(2026, 2, 6)  # finished work keeps its deadline
    assert {t.pk for t in result.tasks_moved} == {
        invitations.pk,
        checklist.items.get(title="Trực kỹ thuật").task_id,
    }
    checklist.refresh_from_db()
    assert checklist.anchor_date == date(2026, 3, 6)


def test_moving_an_event_to_a_holiday_is_refused_and_nothing_moves(forum, template, leader):
    checklist = services.apply_checklist(
        actor=leader, session=forum, template=template, assigned_on=date(2026, 1, 5)
    )
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.move_session(actor=leader, session=forum, start=date(2026, 4, 30))
    assert caught.value.code == "day_off" and caught.value.field == "start"
    assert "30 April 2026 is a day off" in str(caught.value.message)
    forum.refresh_from_db()
    assert forum.start == TET_EVENT
    assert checklist.items.get(title="Phát hành giấy mời").task.due == date(2026, 2, 13)
    with pytest.raises(ValidationFailed):
        services.move_session(actor=leader, session=forum, start=TET_EVENT)


def test_moving_a_sitting_moves_its_checklist(event, template, leader):
    sitting = event.sittings.order_by("date", "start_time").last()
    checklist = services.apply_checklist(
        actor=leader,
        session=event,
        template=template,
        sitting=sitting,
        assigned_on=date(2027, 1, 4),
    )
    assert checklist.anchor_date == sitting.date
    services.update_sitting(
        actor=leader,
        sitting=sitting,
        data={
            "date": date(2027, 3, 8),
            "part": "evening",
            "start_time": time(18),
            "end_time": time(21),
        },
    )
    checklist.refresh_from_db()
    assert checklist.anchor_date == date(2027, 3, 8)
    item = checklist.items.get(title="Trực kỹ thuật")
    assert item.task.due == date(2027, 3, 8)


def test_checklist_errors(forum, template, leader, world):
    with pytest.raises(ValidationFailed) as caught:
        services.apply_checklist(
            actor=leader, session=forum, template=template, assigned_on=date(2026, 3, 1)
        )
    assert caught.value.field == "anchor_date"
    ChecklistTemplateItem.objects.create(
        template=template, title="X", unit_code="NOPE", offset_days=1, expected_result="X"
    )
    with pytest.raises(ValidationFailed) as caught:
        services.apply_checklist(
            actor=leader, session=forum, template=template, assigned_on=date(2026, 1, 5)
        )
    assert "NOPE" in str(caught.value.message)
    empty = ChecklistTemplate.objects.create(code="empty", kind="forum", name="Trống")
    with pytest.raises(ValidationFailed):
        services.apply_checklist(
            actor=leader, session=forum, template=empty, assigned_on=date(2026, 1, 5)
        )


def test_a_unit_head_cannot_assign_to_other_units(forum, template, world):
    with pytest.raises(PermissionDenied) as caught:
        services.apply_checklist(
            actor=world.users["vutruong.tonghop"],
            session=forum,
            template=template,
            assigned_on=date(2026, 1, 5),
        )
    assert "ask a leader" in str(caught.value.message) or caught.value.message


def test_late_generation_starts_tasks_today(event, template, leader):
    checklist = services.apply_checklist(
        actor=leader, session=event, template=template, assigned_on=date(2027, 3, 4)
    )
    hall = checklist.items.get(title="Chuẩn bị hội trường")
    assert hall.due == date(2027, 3, 4) and hall.note


def test_checklists_are_listed_with_their_tasks(forum, template, leader):
    services.apply_checklist(
        actor=leader, session=forum, template=template, assigned_on=date(2026, 1, 5)
    )
    checklists = selectors.checklists_of(forum)
    assert len(checklists) == 1
    items = list(checklists[0].items.all())
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert all(hasattr(i.task, "timeliness") for i in items)
