"""Helpers for the sittings tests: a fresh session with a small programme, built through the
services by the Secretary-General (leader over the Office), in a hall of its own so nothing
clashes with the demo world's sittings."""

from __future__ import annotations

import os
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from dienhong.sittings import services
from dienhong.sittings.models import Hall, ItemKind, Part, Session, SessionKind

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

MONDAY = date(2027, 3, 8)  # a plain working week (no holiday from 8 to 12 March 2027)


@pytest.fixture
def leader(world: Any) -> Any:
    return world.users["tongthuky"]


@pytest.fixture
def hall(db: Any) -> Hall:
    return Hall.objects.create(name="Phòng thử nghiệm", building="Nhà Quốc hội", capacity=40)


def build_session(
    actor: Any,
    world: Any,
    hall: Hall,
    *,
    start: date = MONDAY,
    days: int = 2,
    kind: str = SessionKind.EVENT,
    title: str = "Hội nghị thử nghiệm",
) -> Session:
    """An event with two sittings a day and three items per sitting."""
    session = services.create_session(
        actor=actor,
        kind=kind,
        event_type="conference" if kind == SessionKind.EVENT else "",
        organiser_unit=world.units["VPQH-TH"],
        start=start,
        end=date.fromordinal(start.toordinal() + days - 1),
        title=title,
        term=world.terms[16] if kind != SessionKind.EVENT else None,
        number=99 if kind != SessionKind.EVENT else None,
    )
    for offset in range(days):
        day = date.fromordinal(start.toordinal() + offset)
        for part, begin, end in (
            (Part.MORNING, time(8), time(11, 30)),
            (Part.AFTERNOON, time(14), time(17)),
        ):
            sitting = services.add_sitting(
                actor=actor,
                session=session,
                date=day,
                part=part,
                start_time=begin,
                end_time=end,
                hall=hall,
                chair_title="Chủ tịch Quốc hội",
            )
            for index, kind_ in enumerate(
                (ItemKind.REPORT, ItemKind.VERIFICATION, ItemKind.DISCUSSION)
            ):
                services.add_item(
                    actor=actor,
                    sitting=sitting,
                    kind=kind_,
                    duration=30 + 10 * index,
                    title=f"Nội dung {offset + 1}-{part}-{index + 1}",
                    presenter_position="Bộ trưởng Bộ Tư pháp" if index == 0 else "",
                )
    return session


@pytest.fixture
def event(leader: Any, world: Any, hall: Hall) -> Session:
    return build_session(leader, world, hall)


@pytest.fixture
def screenshots() -> Path:
    path = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
