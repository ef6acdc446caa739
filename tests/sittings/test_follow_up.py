"""Participants and attendance; minutes by agenda item; votes; conclusions turned into
directives and tasks in the work module."""

from __future__ import annotations

from datetime import date, time

import pytest

from dienhong.core.errors import PermissionDenied, ValidationFailed
from dienhong.sittings import selectors, services
from dienhong.sittings.models import Attendance, Participant, SpeechKind
from dienhong.work.models import TaskState
from dienhong.work.selectors import tasks_visible_to


def test_deputies_in_office_are_added_once_and_grouped(leader, world, hall):
    from .conftest import build_session

    session = build_session(leader, world, hall, kind="session", title="", days=1)
    added = services.add_deputies(actor=leader, session=session)
    assert added == services.deputies_in_office(session, session.start) > 0
    assert services.add_deputies(actor=leader, session=session) == 0
    deputy = Participant.objects.filter(session=session, kind="deputy").first()
    assert deputy.group_label.startswith("Tổ ") and deputy.organisation.startswith("Đoàn ĐBQH")


def test_guests_badges_are_unique(event, leader):
    guest = services.add_participant(
        actor=leader, session=event, kind="guest", full_name="Khách Một", badge_number="K1"
    )
    with pytest.raises(ValidationFailed) as caught:
        services.add_participant(
            actor=leader, session=event, kind="press", full_name="Khách Hai", badge_number="K1"
        )
    assert caught.value.field == "badge_number"
    with pytest.raises(ValidationFailed):
        services.add_participant(actor=leader, session=event, kind="deputy", full_name="X")
    with pytest.raises(ValidationFailed):
        services.add_participant(actor=leader, session=event, kind="guest", full_name=" ")
    other = services.add_participant(
        actor=leader, session=event, kind="agency", full_name="Khách Ba"
    )
    with pytest.raises(ValidationFailed):
        services.assign_seating(
            actor=leader, participant=other, group_label="Tổ 1", seat="A2", badge_number="K1"
        )
    services.assign_seating(
        actor=leader, participant=guest, group_label="Khu khách mời", seat="A-01", badge_number="K1"
    )
    guest.refresh_from_db()
    assert guest.seat == "A-01"


def test_attendance_entered_then_imported_from_csv(event, leader):
    sitting = event.sittings.first()
    first = services.add_participant(
        actor=leader, session=event, kind="guest", full_name="Một", badge_number="B1"
    )
    second = services.add_participant(
        actor=leader, session=event, kind="guest", full_name="Hai", badge_number="B2"
    )
    services.record_attendance(
        actor=leader, sitting=sitting, statuses={first.pk: "present", second.pk: "absent"}
    )
    csv_text = "\ufeffSố thẻ,Tình trạng\nB1,vắng có phép\nB2,Có mặt\n"
    assert services.import_attendance(actor=leader, sitting=sitting, text=csv_text) == 2
    statuses = dict(
        Attendance.objects.filter(sitting=sitting).values_list("participant_id", "status")
    )
    assert statuses == {first.pk: "excused", second.pk: "present"}
    assert selectors.attendance_counts(sitting) == {"excused": 1, "present": 1}
    assert Attendance.objects.get(participant=first, sitting=sitting).imported


def test_a_bad_attendance_file_names_its_rows_and_imports_nothing(event, leader):
    sitting = event.sittings.first()
    services.add_participant(
        actor=leader, session=event, kind="guest", full_name="Một", badge_number="B1"
    )
    with pytest.raises(ValidationFailed) as caught:
        services.import_attendance(
            actor=leader, sitting=sitting, text="badge,status\nB1,present\nB9,present\nB1,maybe\n"
        )
    message = str(caught.value.message)
    assert "dòng 3" in message and "B9" in message and "dòng 4" in message
    assert not Attendance.objects.filter(sitting=sitting).exists()
    with pytest.raises(ValidationFailed):
        services.import_attendance(actor=leader, sitting=sitting, text="name,when\nx,y\n")
    with pytest.raises(ValidationFailed):
        services.import_attendance(actor=leader, sitting=sitting, text="badge,status\n")
    with pytest.raises(ValidationFailed):
        services.record_attendance(actor=leader, sitting=sitting, statuses={999999: "present"})


def test_minutes_are_structured_by_agenda_item(event, leader):
    sitting = event.sittings.order_by("date", "start_time").first()
    items = list(sitting.items.order_by("position"))
    services.add_minutes_entry(
        actor=leader,
        sitting=sitting,
        agenda_item=items[1],
        kind=SpeechKind.SPEECH,
        speaker_name="Đại biểu A",
        started_at=time(8, 40),
        ended_at=time(8, 47),
    )
    services.add_minutes_entry(
        actor=leader,
        sitting=sitting,
        agenda_item=items[0],
        kind=SpeechKind.PRESENTATION,
        speaker_name="Bộ trưởng",
        started_at=time(8, 0),
        ended_at=time(8, 30),
    )
    loose = services.add_minutes_entry(
        actor=leader, sitting=sitting, kind=SpeechKind.CHAIR, speaker_name="Chủ tọa"
    )
    grouped = selectors.minutes_of(sitting)
    assert [item.pk if item else None for item, _ in grouped] == [i.pk for i in items] + [None]
    assert [e.speaker_name for e in grouped[1][1]] == ["Đại biểu A"]
    with pytest.raises(ValidationFailed):
        services.add_minutes_entry(
            actor=leader,
            sitting=sitting,
            kind=SpeechKind.SPEECH,
            speaker_name="X",
            started_at=time(9),
            ended_at=time(8),
        )
    with pytest.raises(ValidationFailed):
        services.add_minutes_entry(actor=leader, sitting=sitting, kind="song", speaker_name="X")
    with pytest.raises(ValidationFailed):
        services.add_minutes_entry(
            actor=leader, sitting=sitting, kind=SpeechKind.SPEECH, speaker_name=""
        )
    other_item = event.sittings.order_by("date", "start_time").last().items.first()
    with pytest.raises(ValidationFailed):
        services.add_minutes_entry(
            actor=leader,
            sitting=sitting,
            agenda_item=other_item,
            kind=SpeechKind.SPEECH,
            speaker_name="X",
        )
    services.delete_minutes_entry(actor=leader, entry=loose)
    assert len(selectors.minutes_of(sitting)) == len(items)


def test_vote_results_as_percentages_of_all_deputies(event, leader):
    sitting = event.sittings.first()
    vote = services.record_vote(
        actor=leader,
        sitting=sitting,
        subject="Luật A",
        yes=420,
        no=12,
        abstain=8,
        total_deputies=480,
        held_at=time(10, 5),
    )
    assert vote.not_voting == 40
    assert vote.yes_pct == 87.5 and vote.no_pct == 2.5 and vote.abstain_pct == 1.67
    assert vote.not_voting_pct == 8.33 and vote.passed
    constitution = services.record_vote(
        actor=leader,
        sitting=sitting,
        subject="Hiến pháp",
        yes=319,
        no=0,
        abstain=0,
        total_deputies=480,
        threshold="two_thirds",
    )
    assert not constitution.passed
    failing = services.record_vote(
        actor=leader, sitting=sitting, subject="B", yes=240, no=0, abstain=0, total_deputies=480
    )
    assert not failing.passed  # exactly half is not more than half
    with pytest.raises(ValidationFailed) as caught:
        services.record_vote(
            actor=leader,
            sitting=sitting,
            subject="C",
            yes=400,
            no=50,
            abstain=40,
            total_deputies=480,
        )
    assert caught.value.field == "yes"
    with pytest.raises(ValidationFailed):
        services.record_vote(actor=leader, sitting=sitting, subject="", yes=1, no=0, abstain=0)
    with pytest.raises(ValidationFailed):
        services.record_vote(
            actor=leader, sitting=sitting, subject="D", yes=-1, no=0, abstain=0, total_deputies=10
        )
    with pytest.raises(ValidationFailed):
        services.record_vote(
            actor=leader,
            sitting=sitting,
            subject="D",
            yes=1,
            no=0,
            abstain=0,
            total_deputies=10,
            threshold="unanimity",
        )
    with pytest.raises(ValidationFailed):
        services.record_vote(
            actor=leader, sitting=sitting, subject="D", yes=1, no=0, abstain=0, total_deputies=0
        )


def test_a_vote_counts_all_deputies_in_office_by_default(leader, world, hall):
    from .conftest import build_session

    session = build_session(leader, world, hall, kind="session", title="", days=1)
    vote = services.record_vote(
        actor=leader, sitting=session.sittings.first(), subject="X", yes=1, no=0, abstain=0
    )
    assert vote.total_deputies == services.deputies_in_office(session, session.start) > 0


def test_conclusions_become_a_directive_and_assigned_tasks(event, leader, world):
    sitting = event.sittings.first()
    conclusion = services.register_conclusion(
        actor=leader,
        session=event,
        sitting=sitting,
        number="12/TB-VPQH",
        title="Kết luận của Tổng Thư ký tại Hội nghị",
        issued_on=date(2026, 11, 2),
        text="Các đơn vị triển khai ngay.",
        points=[
            services.PointInput(
                "Hoàn thiện báo cáo tổng hợp",
                world.units["VPQH-TH"],
                date(2026, 11, 20),
                expected_result="Báo cáo",
            ),
            services.PointInput(
                "Kiểm tra hệ thống âm thanh", world.units["VPQH-CQT"], date(2026, 11, 25)
            ),
        ],
    )
    directive = conclusion.directive
    assert directive.kind == "conclusion" and directive.number == "12/TB-VPQH"
    assert directive.meeting.startswith("Hội nghị thử nghiệm")
    tasks = [point.task for point in conclusion.points.order_by("position")]
    assert [t.state for t in tasks] == [TaskState.ASSIGNED, TaskState.ASSIGNED]
    assert tasks[0].lead_unit == world.units["VPQH-TH"] and tasks[0].owner is not None
    assert tasks[1].expected_result == "Kiểm tra hệ thống âm thanh"
    assert all(t.directive == directive and t.acceptor == leader.person for t in tasks)
    # followed in the work module by the lead unit
    head = world.users["vutruong.tonghop"]
    assert tasks_visible_to(head).filter(pk=tasks[0].pk).exists()
    listed = selectors.conclusions_of(event)
    assert listed[0].points.all()[0].task.timeliness


def test_conclusion_errors_name_the_instruction(event, leader, world):
    with pytest.raises(ValidationFailed):
        services.register_conclusion(
            actor=leader, session=event, title="X", issued_on=date(2026, 11, 2), points=[]
        )
    with pytest.raises(ValidationFailed) as caught:
        services.register_conclusion(
            actor=leader,
            session=event,
            title="X",
            issued_on=date(2026, 11, 2),
            points=[services.PointInput("Việc", world.units["VPQH-TH"], date(2026, 10, 1))],
        )
    assert caught.value.field.startswith("points.1.")
    assert "Nội dung chỉ đạo 1" in str(caught.value.message)
    with pytest.raises(ValidationFailed):
        services.register_conclusion(
            actor=leader,
            session=event,
            title="X",
            issued_on=date(2026, 11, 2),
            points=[services.PointInput(" ", world.units["VPQH-TH"], date(2026, 12, 1))],
        )
    with pytest.raises(PermissionDenied):
        services.register_conclusion(
            actor=world.users["chuyenvien.tonghop"],
            session=event,
            title="X",
            issued_on=date(2026, 11, 2),
            points=[services.PointInput("Việc", world.units["VPQH-TH"], date(2026, 12, 1))],
        )
