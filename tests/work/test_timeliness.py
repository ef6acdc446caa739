"""Timeliness is computed from state, deadline and completion date (frozen time)."""

from __future__ import annotations

from datetime import date

import pytest

from dienhong.work import selectors, services
from dienhong.work.models import Task, Timeliness

pytestmark = pytest.mark.django_db


def bucket(task):
    row = selectors.with_timeliness(Task.objects.filter(pk=task.pk)).get()
    return row.timeliness, row.due_soon


def test_open_within_deadline_then_overdue(make_task, frozen):
    frozen(date(2026, 3, 2))
    task = make_task(due=date(2026, 3, 20))
    assert bucket(task) == (Timeliness.IN_TIME, False)
    frozen(date(2026, 3, 20))
    assert bucket(task) == (Timeliness.IN_TIME, True)  # the deadline day itself is still in time
    frozen(date(2026, 3, 23))
    assert bucket(task) == (Timeliness.OVERDUE, False)


def test_due_soon_counts_working_days(make_task, frozen):
    frozen(date(2026, 2, 10))
    task = make_task(due=date(2026, 2, 23))  # after Tết: Feb 11, 12, 13, then 23 = 4th working day
    assert bucket(task) == (Timeliness.IN_TIME, False)
    frozen(date(2026, 2, 11))
    assert bucket(task) == (Timeliness.IN_TIME, True)  # 12, 13, 23: three working days


def test_due_soon_is_configurable(make_task, frozen, settings):
    frozen(date(2026, 3, 2))
    task = make_task(due=date(2026, 3, 9))
    assert bucket(task)[1] is False
    settings.DIENHONG_DUE_SOON_WORKING_DAYS = 5
    assert bucket(task)[1] is True


def test_completed_on_time_and_late(make_task, frozen, staff_member, department_head):
    frozen(date(2026, 3, 2))
    early = make_task(due=date(2026, 3, 6))
    late = make_task(due=date(2026, 3, 6))
    services.submit_result(actor=staff_member, task=early, comment="ok")
    frozen(date(2026, 3, 10))
    services.submit_result(actor=staff_member, task=late, comment="ok")
    services.approve_result(actor=department_head, task=early)
    services.approve_result(actor=department_head, task=late)
    assert bucket(early)[0] == Timeliness.ON_TIME
    assert bucket(late)[0] == Timeliness.LATE


def test_a_result_submitted_in_time_is_not_overdue_while_waiting(make_task, frozen, staff_member):
    frozen(date(2026, 3, 2))
    task = make_task(due=date(2026, 3, 6))
    services.submit_result(actor=staff_member, task=task, comment="ok")
    frozen(date(2026, 3, 16))
    assert bucket(task)[0] == Timeliness.IN_TIME


def test_an_extension_brings_a_task_back_within_deadline(
    make_task, frozen, staff_member, department_head
):
    frozen(date(2026, 3, 2))
    task = make_task(due=date(2026, 3, 6))
    request = services.request_extension(
        actor=staff_member, task=task, proposed_due=date(2026, 3, 31), reason="x"
    )
    frozen(date(2026, 3, 10))
    assert bucket(task)[0] == Timeliness.OVERDUE
    services.decide_extension(actor=department_head, request=request, approve=True)
    assert bucket(task)[0] == Timeliness.IN_TIME


def test_drafts_and_cancelled_tasks_are_not_counted(make_task, frozen, secretary_general):
    frozen(date(2026, 3, 2))
    draft = make_task(assign=False)
    cancelled = make_task()
    services.cancel_task(actor=secretary_general, task=cancelled, reason="x")
    assert bucket(draft)[0] == Timeliness.NONE
    assert bucket(cancelled)[0] == Timeliness.NONE


def test_dashboard_counts_roll_up_the_subtree(make_task, frozen, secretary_general, world):
    frozen(date(2026, 3, 2))
    division = world.units["VPQH-HC-P1"]
    from dienhong.org.models import Membership

    person = Membership.objects.filter(unit=division, valid_to__isnull=True).first().person
    make_task(lead_unit=division, owner=person, due=date(2026, 3, 3))
    frozen(date(2026, 3, 5))
    board = selectors.dashboard(secretary_general, unit=world.units["VPQH-HC"])
    row = next(r for r in board.rows if r.unit == division)
    assert row.counts.overdue >= 1
    office = selectors.dashboard(secretary_general, unit=world.root)
    hc_row = next(r for r in office.rows if r.unit == world.units["VPQH-HC"])
    assert hc_row.counts.overdue >= row.counts.overdue
    assert office.counts.total >= hc_row.counts.total
    assert len(office.trend) == 12 and office.trend[-1]["month"] == date(2026, 3, 1)
