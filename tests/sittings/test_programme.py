"""The draft programme, publishing numbered versions, and the difference of two versions."""

from __future__ import annotations

from datetime import time

import pytest

from dienhong.core.errors import Conflict, PermissionDenied, ValidationFailed
from dienhong.sittings import programme, selectors, services
from dienhong.sittings.models import ItemKind, ProgrammeVersion

# --- the diff on plain snapshots -------------------------------------------------------------


def _snapshot(*sittings):
    return {"session": {"title": "T"}, "sittings": list(sittings)}


def _sitting(key, day="2027-03-08", part="morning", start="08:00", end="11:30", items=()):
    return {
        "key": key,
        "id": int(key[1:]),
        "date": day,
        "part": part,
        "start": start,
        "end": end,
        "format": "hall",
        "where": "Hội trường",
        "title": "",
        "chair": "",
        "chair_name": "",
        "live": False,
        "note": "",
        "items": list(items),
    }


def _item(key, title, start, end, **extra):
    return {
        "key": key,
        "id": int(key[1:]),
        "kind": "report",
        "title": title,
        "presenter": "",
        "position": "",
        "start": start,
        "end": end,
        "duration": 30,
        "documents": [],
        "note": "",
        **extra,
    }


A = _snapshot(
    _sitting(
        "s1",
        items=[
            _item("i1", "Một", "08:00", "08:30"),
            _item("i2", "Hai", "08:30", "09:00"),
            _item("i3", "Ba", "09:00", "09:30"),
        ],
    ),
    _sitting(
        "s2",
        part="afternoon",
        start="14:00",
        end="17:00",
        items=[_item("i4", "Bốn", "14:00", "14:30")],
    ),
)


def test_identical_programmes_have_no_difference():
    assert programme.diff(A, A).empty
    assert programme.snapshot_digest(A) == programme.snapshot_digest(A)


def test_an_item_moved_to_another_sitting_is_moved_and_retimed():
    b = _snapshot(
        _sitting(
            "s1", items=[_item("i1", "Một", "08:00", "08:30"), _item("i3", "Ba", "08:30", "09:00")]
        ),
        _sitting(
            "s2",
            part="afternoon",
            start="14:00",
            end="17:00",
            items=[_item("i4", "Bốn", "14:00", "14:30"), _item("i2", "Hai", "14:30", "15:00")],
        ),
    )
    result = programme.diff(A, b)
    moved = {c.key: c for c in result.changes}
    assert moved["i2"].kind == programme.MOVED
    assert programme.RETIMED in moved["i2"].also
    assert moved["i2"].before.sitting["key"] == "s1"
    assert moved["i2"].after.sitting["key"] == "s2"
    # "Ba" only shifted earlier in its sitting: retimed, not moved
    assert moved["i3"].kind == programme.RETIMED
    assert result.counts["moved"] == 1


def test_a_reordered_item_within_a_sitting_is_moved():
    b = _snapshot(
        _sitting(
            "s1",
            items=[
                _item("i2", "Hai", "08:00", "08:30"),
                _item("i3", "Ba", "08:30", "09:00"),
                _item("i1", "Một", "09:00", "09:30"),
            ],
        ),
        A["sittings"][1],
    )
    result = programme.diff(A, b)
    kinds = {c.key: c.kind for c in result.changes}
    assert kinds["i1"] == programme.MOVED
    assert kinds["i2"] == programme.RETIMED  # kept its order relative to i3
    assert kinds["i3"] == programme.RETIMED


def test_removed_added_and_changed_items():
    b = _snapshot(
        _sitting(
            "s1",
            items=[
                _item("i1", "Một (sửa)", "08:00", "08:30", position="Bộ trưởng"),
                _item("i2", "Hai", "08:30", "09:00"),
                _item("i3", "Ba", "09:00", "09:30"),
            ],
        ),
        _sitting(
            "s2",
            part="afternoon",
            start="14:00",
            end="17:00",
            items=[_item("i9", "Chín", "14:00", "14:30")],
        ),
    )
    result = programme.diff(A, b)
    by_key = {c.key: c for c in result.changes}
    assert by_key["i4"].kind == programme.REMOVED and by_key["i4"].after is None
    assert by_key["i9"].kind == programme.ADDED and by_key["i9"].before is None
    assert by_key["i1"].kind == programme.CHANGED
    assert set(by_key["i1"].fields) == {"title", "position"}
    assert result.counts == {"added": 1, "removed": 1, "moved": 0, "retimed": 0, "changed": 1}


def test_a_sitting_moved_to_another_day_moves_its_items():
    b = _snapshot(
        A["sittings"][0],
        {**A["sittings"][1], "date": "2027-03-09"},
    )
    result = programme.diff(A, b)
    by_key = {c.key: c for c in result.changes}
    assert by_key["s2"].subject == "sitting" and by_key["s2"].kind == programme.MOVED
    assert by_key["i4"].kind == programme.MOVED


def test_side_by_side_tags_each_side():
    b = _snapshot(A["sittings"][0], _sitting("s3", day="2027-03-09"))
    rows = programme.side_by_side(A, b, programme.diff(A, b))
    first_day = rows[0]
    afternoon_left = first_day.left[1]
    assert afternoon_left["status"] == "removed"
    assert afternoon_left["items"][0]["status"] == "removed"
    assert rows[1].right[0]["status"] == "added"
    assert rows[1].left == []


# --- publishing ---------------------------------------------------------------------------------


def test_publishing_makes_numbered_immutable_versions(event, leader):
    v1 = services.publish_programme(actor=leader, session=event, reason="Chương trình", based_on=0)
    assert v1.number == 1 and v1.published_by == leader
    assert len(v1.snapshot["sittings"]) == 4
    first = v1.snapshot["sittings"][0]["items"]
    assert [(i["start"], i["end"]) for i in first] == [
        ("08:00", "08:30"),
        ("08:30", "09:10"),
        ("09:10", "10:00"),
    ]
    with pytest.raises(ValueError, match="cannot be changed"):
        v1.reason = "khác"
        v1.save()


def test_publishing_with_no_change_is_refused(event, leader):
    services.publish_programme(actor=leader, session=event, reason="Chương trình", based_on=0)
    with pytest.raises(ValidationFailed) as caught:
        services.publish_programme(actor=leader, session=event, reason="Lại", based_on=1)
    assert caught.value.code == "no_change"
    assert "không có thay đổi so với phiên bản 1" in str(caught.value.message)
    assert ProgrammeVersion.objects.filter(session=event).count() == 1


def test_two_editors_publishing_at_once_the_second_gets_a_conflict(event, leader, world):
    services.publish_programme(actor=leader, session=event, reason="Chương trình", based_on=0)
    sitting = event.sittings.first()
    item = sitting.items.first()
    # both editors saw version 1; the first publishes a change
    services.update_item(actor=leader, item=item, data={"duration": 45})
    v2 = services.publish_programme(
        actor=leader, session=event, reason="Tăng thời gian", based_on=1
    )
    # the second, who also saw version 1, changes something else and publishes
    other = world.users["phochunhiem"]
    services.update_item(actor=other, item=sitting.items.last(), data={"duration": 55})
    with pytest.raises(Conflict) as caught:
        services.publish_programme(actor=other, session=event, reason="Của tôi", based_on=1)
    assert "Phiên bản 2 đã được" in str(caught.value.message)
    # nothing lost: version 2 intact, the second editor's change still in the draft
    v2.refresh_from_db()
    assert v2.reason == "Tăng thời gian"
    assert sitting.items.last().duration == 55
    v3 = services.publish_programme(actor=other, session=event, reason="Của tôi", based_on=2)
    assert v3.number == 3


def test_publishing_needs_a_reason_and_the_publish_permission(event, leader, world):
    with pytest.raises(ValidationFailed) as caught:
        services.publish_programme(actor=leader, session=event, reason="  ", based_on=0)
    assert caught.value.field == "reason"
    with pytest.raises(PermissionDenied):
        services.publish_programme(
            actor=world.users["vutruong.tonghop"], session=event, reason="x", based_on=0
        )


def test_what_changed_since_the_version_a_person_last_saw(event, leader, world):
    deputy = world.users["chuyenvien.tonghop"]
    services.publish_programme(actor=leader, session=event, reason="v1", based_on=0)
    services.mark_seen(user=deputy, session=event, number=1)
    event.refresh_from_db()
    assert selectors.changes_since_seen(deputy, event) is None
    sitting = event.sittings.first()
    services.add_item(
        actor=leader, sitting=sitting, kind=ItemKind.VOTE, title="Biểu quyết", duration=10
    )
    services.publish_programme(actor=leader, session=event, reason="v2", based_on=1)
    event.refresh_from_db()
    since = selectors.changes_since_seen(deputy, event)
    assert since is not None and since.seen == 1 and since.latest.number == 2
    assert since.diff.counts["added"] == 1
    services.mark_seen(user=deputy, session=event, number=2)
    assert selectors.changes_since_seen(deputy, event) is None


def test_draft_differs_and_overflow_warning(event, leader):
    assert selectors.draft_differs(event)
    services.publish_programme(actor=leader, session=event, reason="v1", based_on=0)
    assert not selectors.draft_differs(event)
    sitting = event.sittings.first()
    services.add_item(
        actor=leader, sitting=sitting, kind=ItemKind.DISCUSSION, title="Thêm", duration=150
    )
    sittings = selectors.draft_programme(event)
    overflow = selectors.overflows(sittings)
    assert [o.sitting.pk for o in overflow] == [sitting.pk]
    assert overflow[0].over == 30 + 40 + 50 + 150 - 210
    assert selectors.draft_differs(event, sittings)
    services.update_sitting(actor=leader, sitting=sitting, data={"end_time": time(12, 0)})
