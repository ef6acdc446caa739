"""Task lifecycle services: the five "rõ", bad input, concurrency, timeline and audit."""

from __future__ import annotations

from datetime import date

import pytest

from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.core.models import AuditEvent
from dienhong.work import services
from dienhong.work.models import EventKind, ExtensionState, Task, TaskEvent, TaskState

pytestmark = pytest.mark.django_db


def test_a_complete_task_is_assigned_and_the_owner_notified(make_task, frozen, staff_member):
    frozen(date(2026, 2, 10))
    task = make_task()
    assert task.state == TaskState.ASSIGNED
    assert task.assigned_on == date(2026, 2, 10)
    assert task.original_due == task.due == date(2026, 3, 20)
    assert task.responsible_leader is not None  # defaults to the head of the lead unit
    assert staff_member.work_notifications.filter(kind="assigned").exists()
    kinds = list(task.events.values_list("kind", flat=True))
    assert kinds == [EventKind.CREATED, EventKind.ASSIGNED]
    assert AuditEvent.objects.filter(action="task.assigned", object_id=str(task.pk)).exists()


@pytest.mark.parametrize(
    ("missing", "field"),
    [
        ({"directive": None}, "directive"),
        ({"owner": None}, "owner"),
        ({"lead_unit": None, "owner": None}, "lead_unit"),
        ({"due": None}, "due"),
        ({"expected_result": ""}, "expected_result"),
        ({"acceptor": None}, "acceptor"),
    ],
)
def test_a_task_missing_one_rõ_cannot_be_assigned(make_task, frozen, missing, field):
    frozen(date(2026, 2, 10))
    before = Task.objects.count()
    with pytest.raises(ValidationFailed) as error:
        make_task(**missing)
    assert error.value.field == field
    assert Task.objects.count() == before  # nothing half-saved


def test_a_draft_may_lack_rõ_and_is_assigned_once_complete(
    make_task, frozen, staff_person, secretary_general
):
    frozen(date(2026, 2, 10))
    draft = make_task(assign=False, owner=None, due=None)
    assert draft.state == TaskState.DRAFT
    assert {f for f, _m in services.missing_five(draft)} == {"owner", "due"}
    services.update_draft(
        actor=secretary_general, task=draft, data={"owner": staff_person, "due": date(2026, 3, 2)}
    )
    services.assign_task(actor=secretary_general, task=draft)
    assert draft.state == TaskState.ASSIGNED


def test_deadline_before_assignment_is_refused(make_task, frozen):
    frozen(date(2026, 3, 10))
    with pytest.raises(ValidationFailed) as error:
        make_task(due=date(2026, 3, 2))
    assert error.value.field == "due"
    assert "không được trước ngày giao" in str(error.value.message)


def test_owner_outside_the_lead_unit_is_refused(make_task, frozen, clerk):
    frozen(date(2026, 2, 10))
    with pytest.raises(ValidationFailed) as error:
        make_task(owner=clerk.person)  # a clerk of Vụ Hành chính, not of Vụ Tổng hợp
    assert error.value.field == "owner"


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day(make_task, frozen):
    frozen(date(2026, 2, 10))
    task = make_task(due=date(2026, 2, 17))  # mùng 1 Tết
    assert task.due == date(2026, 2, 23)


def test_a_deadline_in_working_days_skips_tết(make_task, frozen):
    frozen(date(2026, 2, 10))
    task = make_task(due=None, due_working_days=10, due_from=date(2026, 2, 10))
    assert task.due == date(2026, 3, 3)


def test_the_full_cycle(make_task, frozen, staff_member, department_head):
    frozen(date(2026, 2, 10))
    task = make_task()
    services.accept_task(actor=staff_member, task=task)
    services.add_progress(actor=staff_member, task=task, percent=40, comment="Đã xây dựng đề cương")
    services.submit_result(actor=staff_member, task=task, comment="Báo cáo đã hoàn thành")
    frozen(date(2026, 3, 25))
    services.approve_result(actor=department_head, task=task)
    task.refresh_from_db()
    assert task.state == TaskState.DONE
    assert task.completed_on == date(2026, 2, 10)  # the day the result was handed in
    assert task.progress == 100


def test_return_needs_a_reason_and_reopens_the_task(
    make_task, frozen, staff_member, department_head
):
    frozen(date(2026, 2, 10))
    task = make_task()
    services.submit_result(actor=staff_member, task=task, comment="Xong")
    with pytest.raises(ValidationFailed):
        services.return_result(actor=department_head, task=task, reason=" ")
    services.return_result(actor=department_head, task=task, reason="Bổ sung số liệu")
    assert task.state == TaskState.RETURNED and task.submitted_on is None
    services.submit_result(actor=staff_member, task=task, comment="Đã bổ sung")
    assert task.state == TaskState.SUBMITTED


def test_an_update_on_a_closed_task_is_refused(make_task, frozen, staff_member, department_head):
    frozen(date(2026, 2, 10))
    task = make_task()
    services.submit_result(actor=staff_member, task=task, comment="Xong")
    services.approve_result(actor=department_head, task=task)
    events = TaskEvent.objects.filter(task=task).count()
    with pytest.raises(ValidationFailed) as error:
        services.add_progress(actor=staff_member, task=task, percent=100, comment="Thêm")
    assert error.value.code == "task_closed"
    assert TaskEvent.objects.filter(task=task).count() == events


def test_two_people_approving_at_once_one_wins(
    make_task, frozen, staff_member, department_head, secretary_general
):
    frozen(date(2026, 2, 10))
    task = make_task()
    services.submit_result(actor=staff_member, task=task, comment="Xong")
    first = Task.objects.get(pk=task.pk)
    second = Task.objects.get(pk=task.pk)  # both pages loaded the same version
    services.approve_result(actor=department_head, task=first, version=first.version)
    with pytest.raises(Conflict) as error:
        services.return_result(
            actor=secretary_general, task=second, version=second.version, reason="Chưa đạt"
        )
    assert "người khác cập nhật" in str(error.value.message)
    task.refresh_from_db()
    assert task.state == TaskState.DONE
    assert not TaskEvent.objects.filter(task=task, kind=EventKind.RETURNED).exists()


def test_a_stale_version_is_a_conflict(make_task, frozen, staff_member):
    frozen(date(2026, 2, 10))
    task = make_task()
    with pytest.raises(Conflict):
        services.add_progress(
            actor=staff_member, task=task, percent=10, comment="x", version=task.version - 1
        )


def test_extension_keeps_original_and_new_deadline(
    make_task, frozen, staff_member, department_head
):
    frozen(date(2026, 2, 10))
    task = make_task(due=date(2026, 3, 2))
    request = services.request_extension(
        actor=staff_member, task=task, proposed_due=date(2026, 3, 16), reason="Chờ ý kiến các vụ"
    )
    with pytest.raises(ValidationFailed):  # one pending request at a time
        services.request_extension(
            actor=staff_member, task=task, proposed_due=date(2026, 3, 20), reason="x"
        )
    services.decide_extension(actor=department_head, request=request, approve=True)
    task.refresh_from_db()
    assert (task.original_due, task.due) == (date(2026, 3, 2), date(2026, 3, 16))
    request.refresh_from_db()
    assert request.state == ExtensionState.APPROVED and request.current_due == date(2026, 3, 2)
    with pytest.raises(Conflict):
        services.decide_extension(actor=department_head, request=request, approve=False, note="x")


def test_refusing_an_extension_needs_a_reason_and_keeps_the_deadline(
    make_task, frozen, staff_member, department_head
):
    frozen(date(2026, 2, 10))
    task = make_task(due=date(2026, 3, 2))
    request = services.request_extension(
        actor=staff_member, task=task, proposed_due=date(2026, 3, 16), reason="Chờ ý kiến"
    )
    with pytest.raises(ValidationFailed):
        services.decide_extension(actor=department_head, request=request, approve=False, note="")
    services.decide_extension(
        actor=department_head, request=request, approve=False, note="Không đủ căn cứ"
    )
    task.refresh_from_db()
    assert task.due == date(2026, 3, 2)
    assert task.events.filter(kind=EventKind.EXTENSION_REFUSED).exists()


def test_extension_must_move_the_deadline_later(make_task, frozen, staff_member):
    frozen(date(2026, 2, 10))
    task = make_task(due=date(2026, 3, 2))
    with pytest.raises(ValidationFailed):
        services.request_extension(
            actor=staff_member, task=task, proposed_due=date(2026, 3, 1), reason="x"
        )


def test_cancel_needs_a_reason(make_task, frozen, secretary_general):
    frozen(date(2026, 2, 10))
    task = make_task()
    with pytest.raises(ValidationFailed):
        services.cancel_task(actor=secretary_general, task=task, reason="")
    services.cancel_task(actor=secretary_general, task=task, reason="Không còn phù hợp")
    assert task.state == TaskState.CANCELLED and task.cancel_reason == "Không còn phù hợp"


def test_reassign_within_the_subtree_only(make_task, frozen, department_head, world, clerk):
    from dienhong.org.models import Membership

    frozen(date(2026, 2, 10))
    task = make_task()
    colleague = (
        Membership.objects.filter(unit=world.units["VPQH-TH"], valid_to__isnull=True)
        .exclude(person=task.owner)
        .exclude(position__is_leadership=True)
        .first()
        .person
    )
    with pytest.raises(ValidationFailed):
        services.reassign_task(actor=department_head, task=task, owner=clerk.person)
    services.reassign_task(
        actor=department_head, task=task, owner=colleague, comment="Điều chỉnh phân công"
    )
    assert task.owner == colleague
    event = task.events.get(kind=EventKind.REASSIGNED)
    assert event.data["to"] == str(colleague)


def test_milestones_are_kept_and_reached(make_task, frozen, staff_member):
    frozen(date(2026, 2, 10))
    task = make_task(milestones=[("Đề cương", date(2026, 2, 27))])
    milestone = task.milestones.get()
    services.complete_milestone(actor=staff_member, milestone=milestone)
    assert milestone.done_on == date(2026, 2, 10)
    with pytest.raises(ValidationFailed):
        services.complete_milestone(actor=staff_member, milestone=milestone)


def test_progress_needs_a_comment_or_a_file_and_a_valid_percentage(make_task, frozen, staff_member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    frozen(date(2026, 2, 10))
    task = make_task()
    with pytest.raises(ValidationFailed):
        services.add_progress(actor=staff_member, task=task, percent=120, comment="x")
    with pytest.raises(ValidationFailed):
        services.add_progress(actor=staff_member, task=task, percent=20, comment="")
    event = services.add_progress(
        actor=staff_member,
        task=task,
        percent=20,
        files=[
            SimpleUploadedFile(
                "de-cuong.docx", b"PK\x03\x04 demo", content_type="application/octet-stream"
            )
        ],
    )
    attachment = event.attachments.get()
    assert attachment.name == "de-cuong.docx" and attachment.size == 9
    assert task.state == TaskState.IN_PROGRESS


def test_directive_needs_a_subject_and_a_past_date(secretary_general, world, frozen):
    frozen(date(2026, 2, 10))
    with pytest.raises(ValidationFailed):
        services.register_directive(
            actor=secretary_general, title=" ", issued_on=date(2026, 2, 1), unit=world.root
        )
    with pytest.raises(ValidationFailed):
        services.register_directive(
            actor=secretary_general, title="X", issued_on=date(2026, 3, 1), unit=world.root
        )


def test_staff_cannot_register_a_directive(staff_member, world):
    with pytest.raises(PermissionDenied):
        services.register_directive(
            actor=staff_member, title="X", issued_on=date(2025, 1, 1), unit=world.root
        )


def test_saved_views_and_feed_token(staff_member):
    view = services.save_view(
        actor=staff_member, page="mine", name="Quá hạn", query="timeliness=overdue"
    )
    assert (
        services.save_view(actor=staff_member, page="mine", name="Quá hạn", query="state=done").pk
        == view.pk
    )
    with pytest.raises(ValidationFailed):
        services.save_view(actor=staff_member, page="mine", name=" ", query="")
    services.delete_view(actor=staff_member, view_id=view.pk)
    token = services.feed_token(actor=staff_member)
    assert services.feed_token(actor=staff_member).token == token.token
    assert services.feed_token(actor=staff_member, rotate=True).token != token.token


def test_reschedule_moves_the_deadline_and_the_original_when_never_extended(
    make_task, frozen, secretary_general, staff_member
):
    frozen(date(2026, 2, 10))
    task = make_task(due=date(2026, 3, 2))
    with pytest.raises(PermissionDenied):
        services.reschedule_task(
            actor=staff_member, task=task, new_due=date(2026, 3, 9), reason="x"
        )
    with pytest.raises(ValidationFailed):
        services.reschedule_task(
            actor=secretary_general, task=task, new_due=date(2026, 3, 9), reason=" "
        )
    assert services.reschedule_task(
        actor=secretary_general,
        task=task,
        new_due=date(2026, 3, 9),
        reason="Phiên họp lùi một tuần",
    )
    assert (task.original_due, task.due) == (date(2026, 3, 9), date(2026, 3, 9))
    assert not services.reschedule_task(
        actor=secretary_general, task=task, new_due=date(2026, 3, 9), reason="x"
    )
    services.reschedule_task(
        actor=secretary_general, task=task, new_due=date(2026, 1, 1), reason="Sớm"
    )
    assert task.due == date(2026, 2, 10)  # never before the assignment date
    assert staff_member.work_notifications.filter(kind="rescheduled").count() == 2
