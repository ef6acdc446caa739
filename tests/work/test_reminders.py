"""The daily digest: one per person, idempotent, escalation along the chain, not on days off."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from dienhong.work import reminders
from dienhong.work.models import (
    Escalation,
    EventKind,
    Notification,
    ReminderDigest,
    Task,
    TaskState,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_demo():
    """Keep the demo world's open tasks (of every module) out of these counts."""
    Task.objects.exclude(state=TaskState.DONE).update(state=TaskState.CANCELLED)


def test_one_digest_per_person_with_due_soon_and_overdue(
    make_task, frozen, staff_member, quiet_demo
):
    frozen(date(2026, 3, 2))
    make_task(due=date(2026, 3, 4), title="Sắp đến hạn")
    make_task(due=date(2026, 3, 3), title="Cũng sắp đến hạn")
    make_task(due=date(2026, 3, 30), title="Còn xa")
    frozen(date(2026, 3, 3))
    result = reminders.run()
    assert result["digests"] >= 1
    notes = Notification.objects.filter(recipient=staff_member, kind="digest")
    assert notes.count() == 1
    assert "Sắp đến hạn" in notes.get().body and "Cũng sắp đến hạn" in notes.get().body
    assert "Còn xa" not in notes.get().body
    assert [m.to for m in mail.outbox if m.to == [staff_member.email]] == [[staff_member.email]]


def test_running_twice_sends_nothing_twice(make_task, frozen, staff_member, quiet_demo):
    frozen(date(2026, 3, 2))
    make_task(due=date(2026, 3, 3))
    frozen(date(2026, 3, 3))
    reminders.run()
    sent = len(mail.outbox)
    second = reminders.run()
    assert second["digests"] == 0 and second["escalations"] == 0
    assert len(mail.outbox) == sent
    assert ReminderDigest.objects.filter(recipient=staff_member).count() == 1


def test_overdue_tasks_escalate_to_head_then_issuer(
    make_task, frozen, department_head, secretary_general, quiet_demo, settings
):
    settings.DIENHONG_ESCALATE_TO_HEAD_AFTER = 1
    settings.DIENHONG_ESCALATE_TO_ISSUER_AFTER = 3
    frozen(date(2026, 3, 2))
    task = make_task(due=date(2026, 3, 3))
    frozen(date(2026, 3, 4))  # 1 working day late
    reminders.run()
    assert list(Escalation.objects.filter(task=task).values_list("level", flat=True)) == [1]
    assert (
        "Chuẩn bị báo cáo"
        in Notification.objects.get(recipient=department_head, kind="digest").body
    )
    assert not Notification.objects.filter(recipient=secretary_general, kind="digest").exists()
    frozen(date(2026, 3, 6))  # 3 working days late
    reminders.run()
    assert sorted(Escalation.objects.filter(task=task).values_list("level", flat=True)) == [1, 2]
    assert Notification.objects.filter(recipient=secretary_general, kind="digest").exists()
    assert task.events.filter(kind=EventKind.ESCALATED).count() == 2


def test_nothing_on_a_day_off_unless_forced(make_task, frozen, quiet_demo):
    frozen(date(2026, 3, 2))
    make_task(due=date(2026, 3, 3))
    frozen(date(2026, 3, 7))  # Saturday
    assert reminders.run()["skipped"]
    assert reminders.run(force=True)["digests"] >= 1


def test_the_command_prints_json(make_task, frozen, quiet_demo):
    frozen(date(2026, 3, 2))
    make_task(due=date(2026, 3, 3))
    out = StringIO()
    call_command("work_reminders", "--date", "2026-03-03", "--no-email", stdout=out)
    result = json.loads(out.getvalue())
    assert result["digests"] >= 1 and result["emails"] == 0


def test_the_job_runs_the_same_thing(make_task, frozen, quiet_demo):
    from dienhong.work.jobs import run_reminders

    frozen(date(2026, 3, 2))
    make_task(due=date(2026, 3, 3))
    result = run_reminders.enqueue(on="2026-03-03")
    assert result.return_value["digests"] >= 1
