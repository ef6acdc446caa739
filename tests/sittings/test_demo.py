"""The demo world's sittings: what a newcomer sees after ``make run``."""

from __future__ import annotations

from datetime import date

from dienhong.sittings import programme, selectors
from dienhong.sittings.models import Checklist, ConnectionPoint, Script, Session


def test_the_10th_session_has_two_versions_with_real_differences(world):
    session = Session.objects.get(kind="session", number=10, term__number=15)
    assert session.start == date(2025, 10, 20)
    versions = list(session.versions.order_by("number"))
    assert len(versions) >= 2
    counts = programme.diff(versions[0].snapshot, versions[1].snapshot).counts
    assert all(counts[kind] >= 1 for kind in ("added", "removed", "moved", "retimed", "changed"))
    assert versions[1].reason
    assert selectors.draft_differs(session)  # a change not yet published


def test_meetings_51_and_52_are_published(world):
    for number in (51, 52):
        meeting = Session.objects.get(kind="meeting", number=number, term__number=15)
        assert meeting.published_number >= 1
        assert meeting.body is not None
    meeting_51 = Session.objects.get(kind="meeting", number=51)
    conclusion = meeting_51.conclusions.get()
    assert conclusion.points.count() == 3


def test_two_sittings_have_scripts_one_is_out_of_date(world):
    scripts = Script.objects.filter(sitting__session__number=10, sitting__session__kind="session")
    assert scripts.count() == 2
    assert sorted(s.stale for s in scripts) == [False, True]
    assert any(v.origin == "edited" for s in scripts for v in s.versions.all())


def test_checklists_for_the_forum_and_the_congress(world):
    forum = Checklist.objects.get(session__start=date(2025, 11, 22))
    congress = Checklist.objects.get(session__start=date(2025, 11, 29))
    assert forum.items.count() >= 8 and congress.items.count() >= 8
    assert all(item.task_id for item in forum.items.all())


def test_an_online_sitting_with_the_34_offices_in_mixed_readiness(world):
    points = ConnectionPoint.objects.filter(sitting__session__is_demo=True)
    sitting = points.first().sitting
    points = list(points.filter(sitting=sitting))
    assert len(points) == 34
    ready = sum(1 for p in points if p.is_ready)
    silent = sum(1 for p in points if p.checked_in_at is None)
    assert 0 < ready < 34 and silent > 0
