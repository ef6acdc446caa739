"""Sessions, sittings and agenda items: the rules and their translated messages."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import translation

from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.sittings import services
from dienhong.sittings.models import AgendaItem, ItemKind, Part, Session, SessionKind, Sitting

from .conftest import MONDAY


def test_a_session_is_numbered_within_its_term_with_its_official_title(leader, world):
    session = services.create_session(
        actor=leader,
        kind=SessionKind.SESSION,
        organiser_unit=world.units["VPQH-TH"],
        term=world.terms[16],
        number=3,
        start=date(2027, 5, 10),
        end=date(2027, 6, 18),
    )
    assert session.title == "Kỳ họp thứ 3, Quốc hội khóa XVI"
    assert session.slug == "ky-hop-thu-3-quoc-hoi-khoa-xvi"
    assert session.document_symbol == "CTr-UBTVQH16"
    with pytest.raises(ValidationFailed) as caught:
        services.create_session(
            actor=leader,
            kind=SessionKind.SESSION,
            organiser_unit=world.units["VPQH-TH"],
            term=world.terms[16],
            number=3,
            start=date(2027, 10, 20),
            end=date(2027, 11, 30),
        )
    assert caught.value.field == "number"
    assert "đã có trong hệ thống" in str(caught.value.message)


def test_a_meeting_belongs_to_the_standing_committee(leader, world):
    meeting = services.create_session(
        actor=leader,
        kind=SessionKind.MEETING,
        organiser_unit=world.units["VPQH-TH"],
        term=world.terms[16],
        number=7,
        start=date(2027, 3, 15),
        end=date(2027, 3, 16),
    )
    assert meeting.title == "Phiên họp thứ 7 của Ủy ban Thường vụ Quốc hội"
    assert meeting.body is not None and meeting.body.abbreviation == "UBTVQH"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "event", "event_type": ""}, "event_type"),
        ({"kind": "session", "term": None}, "term"),
        ({"kind": "session", "number": None}, "number"),
        ({"kind": "event", "event_type": "forum", "title": ""}, "title"),
        ({"kind": "event", "event_type": "forum", "end": date(2027, 3, 1)}, "end"),
        ({"kind": "nonsense"}, "kind"),
    ],
)
def test_session_input_errors_name_the_field(leader, world, data, field):
    values = {
        "kind": "session",
        "organiser_unit": world.units["VPQH-TH"],
        "term": world.terms[16],
        "number": 4,
        "start": date(2027, 3, 8),
        "end": date(2027, 3, 9),
        "title": "X",
        **data,
    }
    with pytest.raises(ValidationFailed) as caught:
        services.create_session(actor=leader, **values)
    assert caught.value.field == field


def test_an_event_on_a_holiday_is_refused_unless_confirmed(leader, world):
    values = {
        "kind": "event",
        "event_type": "anniversary",
        "organiser_unit": world.units["VPQH-TH"],
        "start": date(2026, 9, 2),
        "end": date(2026, 9, 2),
        "title": "Lễ kỷ niệm",
    }
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.create_session(actor=leader, **values)
    assert caught.value.code == "day_off"
    assert "is a day off" in str(caught.value.message)
    assert "Quốc khánh" in str(caught.value.message)
    with translation.override("vi"), pytest.raises(ValidationFailed) as caught:
        services.create_session(actor=leader, **values)
    assert "ngày nghỉ" in str(caught.value.message)
    session = services.create_session(actor=leader, confirm_day_off=True, **values)
    assert session.start == date(2026, 9, 2)


def test_a_weekend_is_refused_with_its_own_message(leader, world):
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.create_session(
            actor=leader,
            kind="event",
            event_type="forum",
            organiser_unit=world.units["VPQH-TH"],
            start=date(2027, 3, 13),
            end=date(2027, 3, 13),
            title="Diễn đàn",
        )
    assert "falls on a weekend" in str(caught.value.message)


def test_only_organisers_create_and_edit(event, world):
    with pytest.raises(PermissionDenied):
        services.create_session(
            actor=world.users["chuyenvien.tonghop"],
            kind="event",
            event_type="forum",
            organiser_unit=world.units["VPQH-TH"],
            start=MONDAY,
            end=MONDAY,
            title="X",
        )
    with pytest.raises(PermissionDenied):
        services.update_session(
            actor=world.users["vutruong.hanhchinh"], session=event, data={"title": "Khác"}
        )
    services.update_session(
        actor=world.users["vutruong.tonghop"],
        session=event,
        data={"title": "Hội nghị đổi tên", "signer_name": "Nguyễn Văn A"},
    )
    event.refresh_from_db()
    assert event.title == "Hội nghị đổi tên"


def test_update_session_keeps_its_sittings_inside_its_dates(event, leader):
    with pytest.raises(ValidationFailed) as caught:
        services.update_session(actor=leader, session=event, data={"end": MONDAY})
    assert caught.value.field == "end"
    with pytest.raises(ValidationFailed):
        services.update_session(actor=leader, session=event, data={"title": ""})


# --- sittings --------------------------------------------------------------------------------


def test_overlapping_sittings_in_one_hall_are_refused(event, leader, hall, world):
    other = services.create_session(
        actor=leader,
        kind="event",
        event_type="conference",
        organiser_unit=world.units["VPQH-TH"],
        start=MONDAY,
        end=MONDAY,
        title="Hội nghị khác",
    )
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.add_sitting(
            actor=leader,
            session=other,
            date=MONDAY,
            part=Part.MORNING,
            start_time=time(10),
            end_time=time(12),
            hall=hall,
        )
    assert caught.value.field == "hall" and caught.value.code == "hall_busy"
    assert "already booked" in str(caught.value.message)
    assert "Hội nghị thử nghiệm" in str(caught.value.message)
    # right after the morning sitting is fine
    services.add_sitting(
        actor=leader,
        session=other,
        date=MONDAY,
        part=Part.MORNING,
        start_time=time(11, 30),
        end_time=time(12, 30),
        hall=hall,
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"end_time": time(7)}, "end_time"),
        ({"date": date(2027, 3, 20)}, "date"),
        ({"part": "night"}, "part"),
        ({"format": "video"}, "format"),
        ({"hall": None, "place": ""}, "hall"),
    ],
)
def test_sitting_input_errors(event, leader, data, field):
    values = {
        "date": MONDAY,
        "part": Part.EVENING,
        "start_time": time(19),
        "end_time": time(21),
        "place": "Phòng khác",
        **data,
    }
    with pytest.raises(ValidationFailed) as caught:
        services.add_sitting(actor=leader, session=event, **values)
    assert caught.value.field == field


def test_shortening_a_sitting_below_an_item_is_refused(event, leader):
    sitting = event.sittings.first()
    with pytest.raises(ValidationFailed) as caught:
        services.update_sitting(actor=leader, sitting=sitting, data={"end_time": time(8, 40)})
    assert caught.value.code == "item_too_long"


def test_deleting_a_sitting(event, leader):
    sitting = event.sittings.last()
    services.delete_sitting(actor=leader, sitting=sitting)
    assert not Sitting.objects.filter(pk=sitting.pk).exists()
    first = event.sittings.first()
    services.record_vote(
        actor=leader, sitting=first, subject="X", yes=1, no=0, abstain=0, total_deputies=10
    )
    with pytest.raises(ValidationFailed):
        services.delete_sitting(actor=leader, sitting=first)


# --- agenda items ------------------------------------------------------------------------------


def test_an_item_longer_than_its_sitting_is_refused(event, leader):
    sitting = event.sittings.first()
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.add_item(
            actor=leader,
            sitting=sitting,
            kind=ItemKind.DISCUSSION,
            title="Thảo luận dài",
            duration=240,
        )
    assert caught.value.field == "duration" and caught.value.code == "item_too_long"
    assert "longer than its sitting (08:00–11:30, 210 minutes)" in str(caught.value.message)


def test_a_presenter_without_a_position_is_refused(event, leader, world):
    sitting = event.sittings.first()
    person = world.users["vutruong.tonghop"].person
    with pytest.raises(ValidationFailed) as caught:
        services.add_item(
            actor=leader,
            sitting=sitting,
            kind=ItemKind.REPORT,
            title="Báo cáo",
            duration=20,
            presenter=person,
        )
    assert caught.value.field == "presenter_position"
    assert person.full_name in str(caught.value.message)
    with pytest.raises(ValidationFailed):
        services.add_item(
            actor=leader,
            sitting=sitting,
            kind=ItemKind.REPORT,
            title="Báo cáo",
            duration=20,
            presenter_name="Nguyễn Văn B",
        )
    item = services.add_item(
        actor=leader,
        sitting=sitting,
        kind=ItemKind.REPORT,
        title="Báo cáo",
        duration=20,
        presenter=person,
        presenter_position="Vụ trưởng Vụ Tổng hợp",
    )
    assert item.presenter_label == person.full_name


@pytest.mark.parametrize(
    ("data", "field"),
    [({"kind": "x"}, "kind"), ({"title": " "}, "title"), ({"duration": 0}, "duration")],
)
def test_item_input_errors(event, leader, data, field):
    values = {"kind": ItemKind.REPORT, "title": "X", "duration": 10, **data}
    with pytest.raises(ValidationFailed) as caught:
        services.add_item(actor=leader, sitting=event.sittings.first(), **values)
    assert caught.value.field == field


def test_items_can_be_inserted_moved_and_removed(event, leader):
    morning, afternoon = list(event.sittings.order_by("date", "start_time"))[:2]
    inserted = services.add_item(
        actor=leader,
        sitting=morning,
        kind=ItemKind.CEREMONY,
        title="Chào cờ",
        duration=5,
        position=0,
    )
    assert next(i.title for i in morning.items.order_by("position")) == "Chào cờ"
    services.move_item(actor=leader, item=inserted, position=2)
    assert (
        list(morning.items.order_by("position").values_list("title", flat=True)).index("Chào cờ")
        == 2
    )
    services.move_item(actor=leader, item=inserted, sitting=afternoon)
    assert afternoon.items.order_by("position").last().title == "Chào cờ"
    assert list(morning.items.values_list("position", flat=True).order_by("position")) == [1, 2, 3]
    services.delete_item(actor=leader, item=inserted)
    assert not AgendaItem.objects.filter(pk=inserted.pk).exists()


def test_an_item_cannot_move_to_another_session(event, leader, world, hall):
    from .conftest import build_session

    other = build_session(leader, world, hall, start=date(2027, 3, 15), days=1, title="Khác")
    item = event.sittings.first().items.first()
    with pytest.raises(ValidationFailed) as caught:
        services.move_item(actor=leader, item=item, sitting=other.sittings.first())
    assert caught.value.field == "sitting"


def test_two_editors_editing_one_item_the_second_gets_a_conflict(event, leader):
    item = event.sittings.first().items.first()
    seen = item.revision
    services.update_item(
        actor=leader, item=item, data={"title": "Bản của người thứ nhất"}, revision=seen
    )
    stale = AgendaItem.objects.get(pk=item.pk)
    stale.revision = seen
    with pytest.raises(Conflict):
        services.update_item(actor=leader, item=stale, data={"title": "Bản thứ hai"}, revision=seen)
    item.refresh_from_db()
    assert item.title == "Bản của người thứ nhất"
    assert services.update_item(actor=leader, item=item, data={"title": item.title}) is item


def test_documents_are_linked_only_when_visible(event, leader, world):
    from dienhong.documents import services as documents

    document = documents.create_document(
        actor=world.users["vanthu"],
        owner_unit=world.units["VPQH-HC"],
        subject="Tờ trình",
        number="999/TTr-CP",
        access="restricted",
    )
    item = event.sittings.first().items.first()
    services.update_item(actor=leader, item=item, data={"documents": [document]})
    assert list(item.documents.all()) == [document]
    outsider = world.users["vanphong.hanoi"]
    with pytest.raises(PermissionDenied):
        services._check_documents(outsider, [document])


def test_session_lookups(event, leader, world):
    from dienhong.sittings import selectors

    assert selectors.session_detail(leader, event.pk) == event
    assert event in selectors.session_list(leader, q="thu nghiem")
    assert selectors.session_list(leader, kind="meeting").filter(pk=event.pk).count() == 0
    assert selectors.sessions_visible_to(None).count() == 0
    assert event in selectors.internal_sessions(world.users["chuyenvien.tonghop"])
    assert event not in selectors.internal_sessions(world.users["vanthu"])
    assert isinstance(event, Session) and event.type_label
