"""Online sittings: connection points in force on the date, check-in, the readiness board."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from dienhong.core.errors import PermissionDenied, ValidationFailed
from dienhong.sittings import selectors, services
from dienhong.sittings.models import ConnectionPoint, SittingFormat

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _online(leader, world, day):
    session = services.create_session(
        actor=leader,
        kind="event",
        event_type="conference",
        organiser_unit=world.units["VPQH-TH"],
        title=f"Hội nghị trực tuyến {day}",
        start=day,
        end=day,
    )
    return services.add_sitting(
        actor=leader,
        session=session,
        date=day,
        part="morning",
        start_time=time(8, 30),
        end_time=time(11),
        format=SittingFormat.ONLINE,
        place="Điểm cầu trung tâm",
    )


def test_the_34_delegation_offices_are_the_connection_points_now(leader, world):
    sitting = _online(leader, world, date(2027, 3, 10))
    points = services.prepare_connection_points(actor=leader, sitting=sitting)
    assert len(points) == 34
    hanoi = next(p for p in points if p.province.code == "01")
    assert hanoi.unit == world.units["VPDD-01"]
    assert hanoi.name == "Điểm cầu Hà Nội"
    assert all(p.contact_name for p in points)
    assert hanoi.expected_participants >= 1
    # preparing again adds nothing
    assert len(services.prepare_connection_points(actor=leader, sitting=sitting)) == 34


def test_before_the_2025_merger_there_were_63(leader, world):
    sitting = _online(leader, world, date(2024, 3, 6))
    points = services.prepare_connection_points(actor=leader, sitting=sitting)
    assert len(points) == 63


def test_only_online_sittings_have_connection_points(event, leader):
    with pytest.raises(ValidationFailed):
        services.prepare_connection_points(actor=leader, sitting=event.sittings.first())


@pytest.fixture
def board_sitting(leader, world):
    sitting = _online(leader, world, date(2027, 3, 10))
    services.prepare_connection_points(actor=leader, sitting=sitting)
    return sitting


def test_a_delegation_office_checks_in_for_its_own_point_only(board_sitting, world):
    clerk = world.users["vanphong.hanoi"]
    hanoi = board_sitting.connection_points.get(unit=world.units["VPDD-01"])
    other = board_sitting.connection_points.exclude(pk=hanoi.pk).first()
    services.check_in(
        actor=clerk,
        point=hanoi,
        sound_ok=True,
        picture_ok=True,
        participants_present=hanoi.expected_participants,
    )
    hanoi.refresh_from_db()
    assert hanoi.is_ready and hanoi.checked_in_by == clerk
    with pytest.raises(PermissionDenied):
        services.check_in(
            actor=clerk, point=other, sound_ok=True, picture_ok=True, participants_present=1
        )
    with pytest.raises(PermissionDenied):
        services.check_in(
            actor=world.users["chuyenvien.tonghop"],
            point=other,
            sound_ok=True,
            picture_ok=True,
            participants_present=1,
        )
    with pytest.raises(ValidationFailed):
        services.check_in(
            actor=clerk, point=hanoi, sound_ok=True, picture_ok=True, participants_present=-1
        )
    assert list(selectors.points_for_user(clerk, board_sitting)) == [hanoi]
    assert selectors.points_for_user(world.users["tongthuky"], board_sitting).count() == 34


def _check_in_some(leader, sitting):
    points = list(sitting.connection_points.order_by("position"))
    ready, broken = points[0], points[1]
    services.check_in(
        actor=leader,
        point=ready,
        sound_ok=True,
        picture_ok=True,
        participants_present=ready.expected_participants,
    )
    services.check_in(
        actor=leader,
        point=broken,
        sound_ok=True,
        picture_ok=False,
        participants_present=broken.expected_participants,
        note="Mất hình",
    )
    return ready, broken, points[2]


def test_the_board_flags_points_not_ready_at_t_minus_30(board_sitting, leader):
    ready, broken, silent = _check_in_some(leader, board_sitting)
    with time_machine.travel(datetime(2027, 3, 10, 7, 45, tzinfo=TZ), tick=False):
        board = selectors.readiness(board_sitting)
        states = {row.point.pk: row.state for row in board.points}
        assert not board.past_deadline
        assert states[ready.pk] == "ready"
        assert states[broken.pk] == "not_ready"
        assert states[silent.pk] == "waiting"
        assert board.flagged == 0
    with time_machine.travel(datetime(2027, 3, 10, 8, 5, tzinfo=TZ), tick=False):
        board = selectors.readiness(board_sitting)
        states = {row.point.pk: row.state for row in board.points}
        assert board.past_deadline
        assert board.deadline == datetime(2027, 3, 10, 8, 0, tzinfo=TZ)
        assert states[ready.pk] == "ready"
        assert states[broken.pk] == states[silent.pk] == "late"
        assert board.ready == 1 and board.flagged == 33


def test_the_board_page_polls_and_the_rows_update(board_sitting, leader, client_for, world):
    client = client_for(world.users["vanphong.hanoi"])
    page = client.get(reverse("sittings:readiness", args=[board_sitting.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    rows_url = reverse("sittings:readiness_rows", args=[board_sitting.pk])
    assert f'hx-get="{rows_url}"' in html and 'hx-trigger="every 5s"' in html
    hanoi = board_sitting.connection_points.get(unit=world.units["VPDD-01"])
    assert reverse("sittings:check_in", args=[hanoi.pk]) in html
    with time_machine.travel(datetime(2027, 3, 10, 8, 10, tzinfo=TZ), tick=False):
        client = client_for(world.users["vanphong.hanoi"])  # a session of that day
        before = client.get(rows_url).content.decode()
        assert before.count("pt-late") == 34
        response = client.post(
            reverse("sittings:check_in", args=[hanoi.pk]),
            {
                "sound_ok": "on",
                "picture_ok": "on",
                "participants_present": hanoi.expected_participants,
            },
        )
        assert response.status_code == 302
        after = client.get(rows_url).content.decode()
    assert after.count("pt-late") == 33 and after.count("pt-ready") == 1


def test_check_in_page_is_refused_to_other_offices(board_sitting, client_for, world):
    other = board_sitting.connection_points.exclude(unit=world.units["VPDD-01"]).first()
    response = client_for(world.users["vanphong.hanoi"]).get(
        reverse("sittings:check_in", args=[other.pk])
    )
    assert response.status_code == 403


def test_readiness_and_check_in_in_the_api(board_sitting, client_for, world):
    client = client_for(world.users["vanphong.hanoi"])
    response = client.get(f"/api/v1/sittings/{board_sitting.pk}/readiness")
    assert response.status_code == 200
    data = response.json()
    assert len(data["points"]) == 34 and data["ready"] == 0
    hanoi = ConnectionPoint.objects.get(sitting=board_sitting, unit=world.units["VPDD-01"])
    response = client.post(
        f"/api/v1/connection-points/{hanoi.pk}/check-in",
        {"sound_ok": True, "picture_ok": True, "participants_present": 9},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "ready"
    other = ConnectionPoint.objects.filter(sitting=board_sitting).exclude(pk=hanoi.pk).first()
    response = client.post(
        f"/api/v1/connection-points/{other.pk}/check-in",
        {"sound_ok": True, "picture_ok": True, "participants_present": 9},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get("/api/v1/sittings/999999/readiness").status_code == 404
