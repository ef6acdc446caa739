"""Demo sittings: the 10th session of the 15th NA (opened 20/10/2025), the 51st (3rd phase) and
52nd Standing Committee meetings, the Law-making Forum (22/11/2025) and the Emulation Congress
(29/11/2025) with their preparation checklists, and an online conference with the 34 provincial
delegation offices on the next working day, in mixed readiness.

Real dates where they are known (na-office.md); programme contents are illustrative (laws the
10th session dealt with, presenters by position); people are the demo world's fictitious ones.
Everything goes through the services (permissions, audit, tasks in the work module).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation

from dienhong.accounts.models import RoleGrant, User
from dienhong.accounts.permissions import clear_cache
from dienhong.core import audit
from dienhong.core.calendar import add_working_days, next_working_day
from dienhong.org.models import Deputy
from dienhong.sittings import services
from dienhong.sittings.models import (
    AgendaItem,
    ChecklistTemplate,
    ConnectionPoint,
    Hall,
    ItemKind,
    Part,
    Participant,
    ProgrammeSeen,
    ProgrammeVersion,
    Script,
    ScriptVersion,
    SessionKind,
    Sitting,
    SittingFormat,
    SpeechKind,
)
from dienhong.work.models import EventKind, Task, TaskEvent, TaskState

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = (time(8, 0), time(11, 30))
AFTERNOON = (time(14, 0), time(17, 0))
R, V, D, Q, VOTE, C = (
    ItemKind.REPORT,
    ItemKind.VERIFICATION,
    ItemKind.DISCUSSION,
    ItemKind.QA,
    ItemKind.VOTE,
    ItemKind.CEREMONY,
)

CHAIR = "Chủ tịch Quốc hội"
VICE = "Phó Chủ tịch Quốc hội"

# (law, presenting minister, verifying committee chair)
LAWS = [
    (
        "dự án Luật Trí tuệ nhân tạo",
        "Bộ trưởng Bộ Khoa học và Công nghệ",
        "Chủ nhiệm Ủy ban Khoa học, Công nghệ và Môi trường",
    ),
    (
        "dự án Luật Chuyển đổi số",
        "Bộ trưởng Bộ Khoa học và Công nghệ",
        "Chủ nhiệm Ủy ban Khoa học, Công nghệ và Môi trường",
    ),
    (
        "dự án Luật Thương mại điện tử",
        "Bộ trưởng Bộ Công Thương",
        "Chủ nhiệm Ủy ban Kinh tế và Tài chính",
    ),
    (
        "dự án Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại,"
        " Luật Tố cáo",
        "Tổng Thanh tra Chính phủ",
        "Chủ nhiệm Ủy ban Pháp luật và Tư pháp",
    ),
    (
        "dự án Luật Thuế thu nhập cá nhân (sửa đổi)",
        "Bộ trưởng Bộ Tài chính",
        "Chủ nhiệm Ủy ban Kinh tế và Tài chính",
    ),
    (
        "dự án Luật Báo chí (sửa đổi)",
        "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch",
        "Chủ nhiệm Ủy ban Văn hóa và Xã hội",
    ),
    (
        "dự án Luật An ninh mạng",
        "Bộ trưởng Bộ Công an",
        "Chủ nhiệm Ủy ban Quốc phòng, An ninh và Đối ngoại",
    ),
    ("dự án Luật Dân số", "Bộ trưởng Bộ Y tế", "Chủ nhiệm Ủy ban Văn hóa và Xã hội"),
]


def _law_items(index: int, docs: dict[str, Any]) -> list[tuple[Any, ...]]:
    law, minister, committee = LAWS[index]
    return [
        (R, f"Tờ trình về {law}", minister, "", 20, [docs.get(law, "")]),
        (V, f"Báo cáo thẩm tra {law}", committee, "chair", 20, []),
    ]


def _programme(docs: dict[str, Any]) -> list[tuple[date, str, str, str, list[tuple[Any, ...]]]]:
    """(date, part, format, chair, [(kind, title, position, name, minutes, [document numbers])])"""
    ktxh = "tình hình kinh tế - xã hội năm 2025 và kế hoạch phát triển kinh tế - xã hội năm 2026"
    return [
        (
            date(2025, 10, 20),
            Part.MORNING,
            SittingFormat.HALL,
            CHAIR,
            [
                (C, "Lễ chào cờ; khai mạc Kỳ họp", CHAIR, "", 30, []),
                (
                    R,
                    f"Báo cáo của Chính phủ về {ktxh}",
                    "Thủ tướng Chính phủ",
                    "",
                    45,
                    [docs["ktxh"]],
                ),
                (
                    V,
                    f"Báo cáo thẩm tra về {ktxh}",
                    "Chủ nhiệm Ủy ban Kinh tế và Tài chính",
                    "chair",
                    30,
                    [],
                ),
                (
                    R,
                    "Báo cáo tổng hợp ý kiến, kiến nghị của cử tri và Nhân dân",
                    "Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
                    "",
                    25,
                    [],
                ),
                (
                    VOTE,
                    "Biểu quyết thông qua Nghị quyết về Chương trình Kỳ họp thứ 10",
                    CHAIR,
                    "",
                    10,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 20),
            Part.AFTERNOON,
            SittingFormat.HALL,
            VICE,
            [
                *_law_items(0, docs),
                *_law_items(1, docs),
                *_law_items(2, docs),
            ],
        ),
        (
            date(2025, 10, 21),
            Part.MORNING,
            SittingFormat.GROUP,
            "",
            [
                (D, f"Thảo luận ở Tổ về {ktxh}", "", "", 180, []),
            ],
        ),
        (
            date(2025, 10, 21),
            Part.AFTERNOON,
            SittingFormat.HALL,
            VICE,
            [
                *_law_items(3, docs),
                *_law_items(4, docs),
            ],
        ),
        (
            date(2025, 10, 22),
            Part.MORNING,
            SittingFormat.HALL,
            CHAIR,
            [
                (D, f"Thảo luận ở hội trường về {ktxh}", "Bộ trưởng Bộ Tài chính", "", 180, []),
            ],
        ),
        (
            date(2025, 10, 22),
            Part.AFTERNOON,
            SittingFormat.HALL,
            VICE,
            [
                (
                    D,
                    f"Tiếp tục thảo luận ở hội trường về {ktxh}",
                    "Thủ tướng Chính phủ",
                    "",
                    150,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 23),
            Part.MORNING,
            SittingFormat.HALL,
            VICE,
            [
                *_law_items(5, docs),
                *_law_items(6, docs),
            ],
        ),
        (
            date(2025, 10, 23),
            Part.AFTERNOON,
            SittingFormat.GROUP,
            "",
            [
                (
                    D,
                    "Thảo luận ở Tổ về các dự án Luật Trí tuệ nhân tạo, Luật Chuyển đổi số",
                    "",
                    "",
                    180,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 24),
            Part.MORNING,
            SittingFormat.HALL,
            VICE,
            [
                (
                    D,
                    "Thảo luận ở hội trường về dự án Luật Trí tuệ nhân tạo",
                    "Bộ trưởng Bộ Khoa học và Công nghệ",
                    "",
                    180,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 24),
            Part.AFTERNOON,
            SittingFormat.HALL,
            VICE,
            [
                *_law_items(7, docs),
                (
                    D,
                    "Thảo luận ở hội trường về dự án Luật Thương mại điện tử",
                    "Bộ trưởng Bộ Công Thương",
                    "",
                    120,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 27),
            Part.MORNING,
            SittingFormat.GROUP,
            "",
            [
                (
                    D,
                    "Thảo luận ở Tổ về các dự án Luật Thuế thu nhập cá nhân (sửa đổi), Luật Báo chí"
                    " (sửa đổi)",
                    "",
                    "",
                    180,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 27),
            Part.AFTERNOON,
            SittingFormat.HALL,
            VICE,
            [
                (
                    D,
                    "Thảo luận ở hội trường về dự án Luật sửa đổi, bổ sung một số điều của"
                    " Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo",
                    "Tổng Thanh tra Chính phủ",
                    "",
                    150,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 28),
            Part.MORNING,
            SittingFormat.HALL,
            CHAIR,
            [
                (
                    R,
                    "Báo cáo kết quả giám sát chuyên đề của Quốc hội năm 2025",
                    "Phó Chủ tịch Quốc hội",
                    "",
                    30,
                    [],
                ),
                (
                    Q,
                    "Chất vấn và trả lời chất vấn về việc thực hiện các nghị quyết của Quốc hội về"
                    " giám sát chuyên đề, chất vấn",
                    "Phó Thủ tướng Chính phủ",
                    "",
                    150,
                    [],
                ),
            ],
        ),
        (
            date(2025, 10, 28),
            Part.AFTERNOON,
            SittingFormat.HALL,
            VICE,
            [
                (
                    D,
                    "Thảo luận ở hội trường về dự án Luật An ninh mạng",
                    "Bộ trưởng Bộ Công an",
                    "",
                    150,
                    [],
                ),
            ],
        ),
    ]


def _halls(world: Any) -> dict[str, Hall]:
    unit = world.units.get("VPQH-CQT-P2")
    rows = [
        ("Hội trường Diên Hồng", "Nhà Quốc hội", 550),
        ("Phòng họp số 1", "Nhà Quốc hội", 120),
        ("Hội trường tầng 1", "Nhà Quốc hội", 300),
        ("Phòng họp trực tuyến", "Nhà Quốc hội", 60),
    ]
    return {
        name: Hall.objects.get_or_create(
            name=name, defaults={"building": building, "capacity": seats, "unit": unit}
        )[0]
        for name, building, seats in rows
    }


def _documents(world: Any, actor: Any) -> dict[str, Any]:
    """A few of the session's documents, registered so agenda items can link them."""
    from dienhong.documents import services as document_services

    unit = world.units["VPQH-HC"]
    numbers = {
        "ktxh": (
            "620/BC-CP",
            "Báo cáo tình hình kinh tế - xã hội năm 2025 và kế hoạch phát"
            " triển kinh tế - xã hội năm 2026",
        ),
        LAWS[0][0]: ("712/TTr-CP", "Tờ trình dự án Luật Trí tuệ nhân tạo"),
        LAWS[1][0]: ("713/TTr-CP", "Tờ trình dự án Luật Chuyển đổi số"),
        LAWS[2][0]: ("714/TTr-CP", "Tờ trình dự án Luật Thương mại điện tử"),
        LAWS[3][0]: (
            "701/TTr-CP",
            "Tờ trình dự án Luật sửa đổi, bổ sung một số điều của Luật"
            " Tiếp công dân, Luật Khiếu nại, Luật Tố cáo",
        ),
        LAWS[4][0]: ("705/TTr-CP", "Tờ trình dự án Luật Thuế thu nhập cá nhân (sửa đổi)"),
    }
    documents: dict[str, Any] = {}
    for key, (number, subject) in numbers.items():
        documents[key] = document_services.create_document(
            actor=actor,
            owner_unit=unit,
            doc_type=_doc_type(number),
            subject=subject,
            number=number,
            date=date(2025, 10, 10),
            issuer="Chính phủ",
        )
    return documents


def _doc_type(number: str) -> str:
    from dienhong.documents.models import DocType

    return str(DocType.TO_TRINH if "/TTr-" in number else DocType.BAO_CAO)


def _set_published_at(version: ProgrammeVersion, when: datetime) -> None:
    ProgrammeVersion.objects.filter(pk=version.pk).update(published_at=when)


@transaction.atomic
def load(world: Any) -> None:
    """Load the demo sittings into a database holding the demo world (and work demo)."""
    actor = world.users["tongthuky"]
    halls = _halls(world)
    term = world.terms[15]
    deputies = list(
        Deputy.objects.filter(term=term, valid_to__isnull=True)
        .select_related("person")
        .order_by("id")[:20]
    )
    names = [deputy.person for deputy in deputies]
    rng = random.Random(2025)
    docs = _documents(world, world.users["vanthu"])

    # What the services write in words (notes, task descriptions) is in the Office's language.
    with translation.override("vi"):
        session = _session_10(actor, world, term, halls, docs, names)
        _meetings(actor, world, term, halls, names)
        _events(actor, world, halls)
        _online(actor, world, halls, rng)
        _participants(actor, world, session, rng)
    clear_cache(actor)


def _bulk_programme(
    actor: Any, session: Any, plan: list[Any], halls: dict[str, Hall], names: list[Any]
) -> None:
    """The first weeks of the session in a few inserts (one audit event): the demo world must
    load fast; every later change below goes through the services."""
    chairs = iter(names[1:])
    sittings = []
    for day, part, fmt, chair, _items in plan:
        start, end = MORNING if part == Part.MORNING else AFTERNOON
        sittings.append(
            Sitting(
                session=session,
                date=day,
                part=part,
                start_time=start,
                end_time=end,
                format=fmt,
                hall=halls["Hội trường Diên Hồng"] if fmt == SittingFormat.HALL else None,
                place="Phòng họp các Tổ, Nhà Quốc hội" if fmt == SittingFormat.GROUP else "",
                chair_title=chair,
                live_broadcast=fmt == SittingFormat.HALL and chair == CHAIR,
                title="Khai mạc Kỳ họp" if day == session.start and part == Part.MORNING else "",
            )
        )
    Sitting.objects.bulk_create(sittings)
    items, links = [], []
    for sitting, (_day, _part, _fmt, _chair, rows) in zip(sittings, plan, strict=True):
        for position, (kind, title, presenter_position, name, minutes, numbers) in enumerate(
            rows, start=1
        ):
            item = AgendaItem(
                sitting=sitting,
                position=position,
                kind=kind,
                title=title,
                duration=minutes,
                presenter=next(chairs, None) if name == "chair" else None,
                presenter_position=presenter_position,
            )
            items.append(item)
            links += [(item, document) for document in numbers if document]
    AgendaItem.objects.bulk_create(items)
    AgendaItem.documents.through.objects.bulk_create(
        AgendaItem.documents.through(agendaitem_id=item.pk, document_id=document.pk)
        for item, document in links
    )
    audit.record(
        actor,
        "session.programme_loaded",
        session,
        changes={
            "sittings": len(sittings),
            "items": len(items),
            "demo": True,
        },
    )


def _session_10(
    actor: Any,
    world: Any,
    term: Any,
    halls: dict[str, Hall],
    docs: dict[str, Any],
    names: list[Any],
) -> Any:
    session = services.create_session(
        actor=actor,
        kind=SessionKind.SESSION,
        organiser_unit=world.units["VPQH-TH"],
        term=term,
        number=10,
        start=date(2025, 10, 20),
        end=date(2025, 12, 11),
        place="Nhà Quốc hội, Hà Nội",
        description="Kỳ họp cuối của Quốc hội khóa XV. Chương trình minh họa (dữ liệu demo).",
        is_demo=True,
    )
    services.update_session(actor=actor, session=session, data={"signer_name": names[0].full_name})
    _bulk_programme(actor, session, _programme(docs), halls, names)
    first = session.sittings.order_by("date", "start_time")
    opening, afternoon = first[0], first[1]
    v1 = services.publish_programme(
        actor=actor,
        session=session,
        based_on=0,
        reason="Chương trình Kỳ họp theo Nghị quyết của Ủy ban Thường vụ Quốc hội",
    )
    _set_published_at(v1, datetime(2025, 10, 15, 16, 0, tzinfo=TZ))

    # Scripts for the two sittings of the first day; the chair's office polishes the opening.
    services.generate_script(actor=actor, sitting=opening)
    services.generate_script(actor=actor, sitting=afternoon)
    script = Script.objects.get(sitting=opening)
    version = script.versions.get(number=script.current_number)
    services.edit_script(
        actor=actor,
        script=script,
        based_on=script.current_number,
        texts={
            "opening": version.sections[0]["text"].replace(
                "Xin tuyên bố khai mạc phiên họp.",
                "Trước khi vào phiên họp, xin mời các vị đại biểu đứng dậy làm lễ chào cờ.\n"
                "Xin tuyên bố khai mạc Kỳ họp thứ 10, Quốc hội khóa XV.",
            )
        },
        note="Chỉnh sửa theo ý kiến của Chủ tọa",
    )
    ScriptVersion.objects.filter(script__sitting__session=session).update(
        created_at=datetime(2025, 10, 17, 10, 0, tzinfo=TZ)
    )

    # Version 2: the programme changes during the session.
    sittings = list(session.sittings.order_by("date", "start_time"))
    afternoon_items = list(afternoon.items.order_by("position"))
    # e-commerce law moved to the afternoon of 21/10 (an item moved between sittings)
    services.move_item(actor=actor, item=afternoon_items[4], sitting=sittings[3])
    services.move_item(actor=actor, item=afternoon_items[5], sitting=sittings[3])
    # the opening report gets more time (items after it are retimed)
    report = opening.items.order_by("position")[1]
    services.update_item(actor=actor, item=report, data={"duration": 55})
    services.update_item(
        actor=actor, item=opening.items.order_by("position")[3], data={"duration": 15}
    )
    # a report is added, another removed
    services.add_item(
        actor=actor,
        sitting=sittings[6],
        kind=ItemKind.REPORT,
        title="Báo cáo của Ủy ban Thường vụ Quốc hội về công tác dân nguyện năm 2025",
        duration=20,
        presenter_position="Chủ nhiệm Ủy ban Dân nguyện và Giám sát",
        presenter=names[-1],
    )
    last_day = sittings[-1]
    services.add_item(
        actor=actor,
        sitting=last_day,
        kind=ItemKind.VOTE,
        title="Biểu quyết thông qua Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân,"
        " Luật Khiếu nại, Luật Tố cáo",
        duration=10,
        presenter_position=CHAIR,
    )
    # the special-supervision report is withdrawn; the Q&A gets its time
    monitoring = sittings[12].items.order_by("position")
    services.delete_item(actor=actor, item=monitoring[0])
    qa = sittings[12].items.order_by("position")[0]
    services.update_item(actor=actor, item=qa, data={"duration": 180})
    # a Deputy Prime Minister answers in the debate instead of the Minister
    debate = sittings[4].items.order_by("position")[0]
    services.update_item(
        actor=actor, item=debate, data={"presenter_position": "Phó Thủ tướng Chính phủ"}
    )
    v2 = services.publish_programme(
        actor=actor,
        session=session,
        based_on=1,
        reason="Điều chỉnh theo đề nghị của Chính phủ: chuyển dự án Luật Thương mại điện tử sang"
        " chiều 21/10, bổ sung báo cáo công tác dân nguyện, lùi báo cáo giám sát chuyên đề",
    )
    # The afternoon's script is regenerated (it shows what changed); the opening's stays stale.
    services.generate_script(actor=actor, sitting=afternoon)
    _set_published_at(v2, datetime(2025, 10, 20, 17, 30, tzinfo=TZ))
    # A draft change not yet published.
    services.update_sitting(actor=actor, sitting=sittings[-1], data={"end_time": time(17, 30)})

    # Minutes and the vote of the opening sitting.
    items = list(opening.items.order_by("position"))
    clock = [
        (time(8, 0), time(8, 30)),
        (time(8, 30), time(9, 25)),
        (time(9, 25), time(9, 55)),
        (time(9, 55), time(10, 10)),
        (time(10, 10), time(10, 20)),
    ]
    for item, (begin, finish) in zip(items, clock, strict=False):
        services.add_minutes_entry(
            actor=actor,
            sitting=opening,
            agenda_item=item,
            kind=SpeechKind.CHAIR if item.kind in (C, VOTE) else SpeechKind.PRESENTATION,
            speaker_name=item.presenter_label or item.presenter_position,
            speaker_position=item.presenter_position if item.presenter_label else "",
            started_at=begin,
            ended_at=finish,
            summary="Trình bày theo tài liệu đã gửi đại biểu." if item.kind in (R, V) else "",
        )
    total = services.deputies_in_office(session, opening.date)
    services.record_vote(
        actor=actor,
        sitting=opening,
        agenda_item=items[-1],
        subject="Nghị quyết về Chương trình Kỳ họp thứ 10, Quốc hội khóa XV",
        yes=total - 6,
        no=0,
        abstain=2,
        held_at=time(10, 18),
    )
    # A deputy of Hà Nội who last saw version 1 (sees "what changed since" on login).
    _deputy_login(world, session)
    return session


def _deputy_login(world: Any, session: Any) -> None:
    from dienhong.org.demo import DEMO_PASSWORD

    office = world.units.get("VPDD-01")
    deputy = (
        Deputy.objects.filter(
            term=session.term,
            delegation__province__code="01",
            valid_to__isnull=True,
            person__user__isnull=True,
        )
        .select_related("person")
        .order_by("id")
        .first()
    )
    if office is None or deputy is None or User.objects.filter(username="daibieu.hanoi").exists():
        return
    user = User.objects.create_user(
        username="daibieu.hanoi",
        password=DEMO_PASSWORD,
        email="daibieu.hanoi@demo.dienhong.vn",
        first_name=deputy.person.full_name,
    )
    deputy.person.user = user
    deputy.person.save(update_fields=["user"])
    RoleGrant.objects.create(user=user, role="staff", unit=office)
    ProgrammeSeen.objects.create(
        user=user, session=session, number=1, seen_at=datetime(2025, 10, 16, 9, 0, tzinfo=TZ)
    )


def _meetings(actor: Any, world: Any, term: Any, halls: dict[str, Hall], names: list[Any]) -> None:
    room = halls["Phòng họp số 1"]
    unit = world.units["VPQH-TH"]
    meeting_51 = services.create_session(
        actor=actor,
        kind=SessionKind.MEETING,
        organiser_unit=unit,
        term=term,
        number=51,
        start=date(2025, 11, 17),
        end=date(2025, 11, 18),
        place="Nhà Quốc hội, Hà Nội",
        description="Giai đoạn 3 của Phiên họp thứ 51 (ngày họp minh họa, dữ liệu demo).",
        is_demo=True,
    )
    plan_51 = [
        (
            date(2025, 11, 17),
            Part.MORNING,
            [
                (
                    R,
                    "Cho ý kiến về việc chuẩn bị các nội dung trình Quốc hội tại đợt 2"
                    " Kỳ họp thứ 10",
                    "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
                    60,
                ),
                (
                    D,
                    "Thảo luận, cho ý kiến về việc tiếp thu, chỉnh lý dự án Luật Trí tuệ nhân tạo",
                    "Chủ nhiệm Ủy ban Khoa học, Công nghệ và Môi trường",
                    90,
                ),
            ],
        ),
        (
            date(2025, 11, 17),
            Part.AFTERNOON,
            [
                (
                    R,
                    "Cho ý kiến về Báo cáo kết quả giám sát việc giải quyết kiến nghị của cử tri",
                    "Chủ nhiệm Ủy ban Dân nguyện và Giám sát",
                    60,
                ),
                (
                    VOTE,
                    "Xem xét, quyết định thông qua Nghị quyết về thành lập đơn vị hành chính"
                    " cấp xã",
                    "Bộ trưởng Bộ Nội vụ",
                    60,
                ),
            ],
        ),
        (
            date(2025, 11, 18),
            Part.MORNING,
            [
                (
                    R,
                    "Cho ý kiến về dự kiến Chương trình giám sát năm 2026 của Quốc hội",
                    "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
                    90,
                ),
                (C, "Bế mạc Phiên họp", "Chủ tịch Quốc hội", 15),
            ],
        ),
    ]
    first = None
    for day, part, items in plan_51:
        start, end = MORNING if part == Part.MORNING else AFTERNOON
        sitting = services.add_sitting(
            actor=actor,
            session=meeting_51,
            date=day,
            part=part,
            start_time=start,
            end_time=end,
            hall=room,
            chair_title=CHAIR,
        )
        first = first or sitting
        for kind, title, position, minutes in items:
            services.add_item(
                actor=actor,
                sitting=sitting,
                kind=kind,
                title=title,
                duration=minutes,
                presenter_position=position,
            )
    version = services.publish_programme(
        actor=actor,
        session=meeting_51,
        based_on=0,
        reason="Chương trình Phiên họp thứ 51 (giai đoạn 3)",
    )
    _set_published_at(version, datetime(2025, 11, 12, 15, 0, tzinfo=TZ))
    assert first is not None
    services.register_conclusion(
        actor=actor,
        session=meeting_51,
        sitting=first,
        number="1102/TB-TTKQH",
        title="Kết luận của Ủy ban Thường vụ Quốc hội về việc chuẩn bị đợt 2 Kỳ họp thứ 10",
        issued_on=date(2025, 11, 18),
        text="Ủy ban Thường vụ Quốc hội cơ bản tán thành việc chuẩn bị các nội dung trình"
        " Quốc hội tại đợt 2 Kỳ họp thứ 10.",
        points=[
            services.PointInput(
                "Hoàn thiện dự kiến chương trình đợt 2 Kỳ họp thứ 10, trình Chủ tịch Quốc hội",
                world.units["VPQH-TH"],
                date(2025, 11, 21),
                expected_result="Dự kiến chương trình được Chủ tịch Quốc hội cho ý kiến",
            ),
            services.PointInput(
                "Bảo đảm điều kiện kỹ thuật hội trường, hệ thống biểu quyết cho đợt 2",
                world.units["VPQH-CQT"],
                date(2025, 11, 28),
                expected_result="Biên bản kiểm tra kỹ thuật",
            ),
            services.PointInput(
                "Cập nhật đầy đủ tài liệu đợt 2 lên Hệ thống thông tin phục vụ đại biểu",
                world.units["VPQH-CDS"],
                date(2025, 11, 26),
                expected_result="Tài liệu điện tử đầy đủ",
            ),
        ],
    )
    conclusion = meeting_51.conclusions.get()
    _complete_tasks(actor, conclusion.directive, keep_open=1)

    meeting_52 = services.create_session(
        actor=actor,
        kind=SessionKind.MEETING,
        organiser_unit=unit,
        term=term,
        number=52,
        start=date(2025, 12, 15),
        end=date(2025, 12, 16),
        place="Nhà Quốc hội, Hà Nội",
        description="Phiên họp thường kỳ tháng 12 (ngày họp minh họa, dữ liệu demo).",
        is_demo=True,
    )
    plan_52 = [
        (
            date(2025, 12, 15),
            Part.MORNING,
            [
                (
                    R,
                    "Tổng kết công tác năm 2025 của Ủy ban Thường vụ Quốc hội",
                    "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
                    60,
                ),
                (
                    D,
                    "Cho ý kiến về công tác chuẩn bị bầu cử đại biểu Quốc hội khóa XVI và đại biểu"
                    " Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031",
                    "Chủ nhiệm Ủy ban Công tác đại biểu",
                    120,
                ),
            ],
        ),
        (
            date(2025, 12, 15),
            Part.AFTERNOON,
            [
                (
                    R,
                    "Cho ý kiến về Kế hoạch tổ chức Lễ kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên",
                    "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
                    60,
                ),
                (
                    R,
                    "Cho ý kiến về việc khánh thành Bảo tàng Quốc hội Việt Nam",
                    "Phó Chủ nhiệm Văn phòng Quốc hội",
                    45,
                ),
            ],
        ),
    ]
    for day, part, items in plan_52:
        start, end = MORNING if part == Part.MORNING else AFTERNOON
        sitting = services.add_sitting(
            actor=actor,
            session=meeting_52,
            date=day,
            part=part,
            start_time=start,
            end_time=end,
            hall=room,
            chair_title=CHAIR,
        )
        for kind, title, position, minutes in items:
            services.add_item(
                actor=actor,
                sitting=sitting,
                kind=kind,
                title=title,
                duration=minutes,
                presenter_position=position,
            )
    version = services.publish_programme(
        actor=actor, session=meeting_52, based_on=0, reason="Chương trình Phiên họp thứ 52"
    )
    _set_published_at(version, datetime(2025, 12, 10, 15, 0, tzinfo=TZ))
    later = meeting_52.sittings.order_by("date", "start_time").last()
    assert later is not None
    services.add_item(
        actor=actor,
        sitting=later,
        kind=R,
        duration=40,
        title="Cho ý kiến về Báo cáo công tác thông tin, tuyên truyền năm 2025",
        presenter_position="Vụ trưởng Vụ Thông tin và Thư viện",
    )
    version = services.publish_programme(
        actor=actor,
        session=meeting_52,
        based_on=1,
        reason="Bổ sung nội dung theo chỉ đạo của Chủ tịch Quốc hội",
    )
    _set_published_at(version, datetime(2025, 12, 12, 11, 0, tzinfo=TZ))


def _complete_tasks(actor: Any, directive: Any, *, keep_open: int = 0) -> None:
    """The demo tasks worked to their result: submitted the working day before each deadline
    and approved (written in bulk, like the work module's own demo)."""
    tasks = list(directive.tasks.select_related("owner").order_by("due", "id"))
    done = []
    events = []
    for task in tasks[: len(tasks) - keep_open]:
        assert task.due is not None and task.assigned_on is not None
        submitted = max(add_working_days(task.due, -1), task.assigned_on)
        if submitted > timezone.localdate():
            continue  # nothing is done in the future
        task.state, task.progress = TaskState.DONE, 100
        task.submitted_on = task.completed_on = submitted
        task.version += 1
        done.append(task)
        owner = task.owner.full_name if task.owner else ""
        events += [
            TaskEvent(
                task=task,
                kind=EventKind.SUBMITTED,
                percent=100,
                actor_label=owner,
                at=datetime.combine(submitted, time(9, 0), TZ),
                comment="Đã hoàn thành.",
            ),
            TaskEvent(
                task=task,
                kind=EventKind.APPROVED,
                actor=actor,
                actor_label=actor.get_full_name() or actor.username,
                at=datetime.combine(submitted, time(16, 0), TZ),
            ),
        ]
    Task.objects.bulk_update(done, ["state", "progress", "submitted_on", "completed_on", "version"])
    TaskEvent.objects.bulk_create(events)


def _events(actor: Any, world: Any, halls: dict[str, Hall]) -> None:
    unit = world.units["VPQH-TH"]
    forum = services.create_session(
        actor=actor,
        kind=SessionKind.EVENT,
        event_type="forum",
        organiser_unit=unit,
        title="Diễn đàn lập pháp năm 2025",
        start=date(2025, 11, 22),
        end=date(2025, 11, 22),
        place="Nhà Quốc hội, Hà Nội",
        confirm_day_off=True,
        is_demo=True,
        description="Diễn đàn về công tác xây dựng pháp luật (dữ liệu demo).",
    )
    sitting = services.add_sitting(
        actor=actor,
        session=forum,
        date=forum.start,
        part=Part.MORNING,
        start_time=time(8, 30),
        end_time=time(11, 30),
        hall=halls["Hội trường tầng 1"],
        chair_title=CHAIR,
        live_broadcast=True,
        confirm_day_off=True,
    )
    for kind, title, position, minutes in [
        (C, "Văn nghệ chào mừng; tuyên bố lý do, giới thiệu đại biểu", "", 15),
        (R, "Phát biểu khai mạc Diễn đàn", CHAIR, 15),
        (
            R,
            "Báo cáo đề dẫn: Đổi mới tư duy xây dựng pháp luật",
            "Chủ nhiệm Ủy ban Pháp luật và Tư pháp",
            20,
        ),
        (D, "Thảo luận: Nâng cao chất lượng công tác lập pháp trong kỷ nguyên mới", "", 100),
        (C, "Phát biểu bế mạc Diễn đàn", VICE, 15),
    ]:
        services.add_item(
            actor=actor,
            sitting=sitting,
            kind=kind,
            title=title,
            duration=minutes,
            presenter_position=position,
        )
    services.publish_programme(
        actor=actor, session=forum, based_on=0, reason="Chương trình Diễn đàn"
    )
    congress = services.create_session(
        actor=actor,
        kind=SessionKind.EVENT,
        event_type="congress",
        organiser_unit=unit,
        title="Đại hội Thi đua yêu nước của Ủy ban Thường vụ Quốc hội",
        start=date(2025, 11, 29),
        end=date(2025, 11, 29),
        place="Nhà Quốc hội, Hà Nội",
        confirm_day_off=True,
        is_demo=True,
        description="Dữ liệu demo.",
    )
    congress_sitting = services.add_sitting(
        actor=actor,
        session=congress,
        date=congress.start,
        part=Part.MORNING,
        start_time=time(8, 0),
        end_time=time(11, 30),
        hall=halls["Hội trường Diên Hồng"],
        chair_title=CHAIR,
        live_broadcast=True,
        confirm_day_off=True,
    )
    for kind, title, position, minutes in [
        (C, "Chào cờ; tuyên bố lý do, giới thiệu đại biểu", "", 15),
        (
            R,
            "Báo cáo tổng kết phong trào thi đua yêu nước giai đoạn 2020 - 2025",
            "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
            30,
        ),
        (D, "Tham luận của các điển hình tiên tiến", "", 60),
        (C, "Trao tặng danh hiệu thi đua, hình thức khen thưởng", CHAIR, 30),
        (R, "Phát biểu chỉ đạo của Chủ tịch Quốc hội", CHAIR, 25),
    ]:
        services.add_item(
            actor=actor,
            sitting=congress_sitting,
            kind=kind,
            title=title,
            duration=minutes,
            presenter_position=position,
        )
    services.publish_programme(
        actor=actor, session=congress, based_on=0, reason="Chương trình Đại hội"
    )
    templates = {t.code: t for t in ChecklistTemplate.objects.all()}
    for event, code, assigned in (
        (forum, "forum", date(2025, 10, 20)),
        (congress, "congress", date(2025, 10, 20)),
    ):
        if code not in templates:
            continue
        checklist = services.apply_checklist(
            actor=actor, session=event, template=templates[code], assigned_on=assigned
        )
        _complete_tasks(actor, checklist.directive, keep_open=0)


def _online(actor: Any, world: Any, halls: dict[str, Hall], rng: random.Random) -> None:
    """An online conference with the 34 delegation offices on the next working day."""
    day = next_working_day(timezone.localdate() + timedelta(days=1))
    event = services.create_session(
        actor=actor,
        kind=SessionKind.EVENT,
        event_type="conference",
        organiser_unit=world.units["VPQH-TH"],
        title="Hội nghị trực tuyến với Văn phòng Đoàn ĐBQH và HĐND các tỉnh, thành phố",
        start=day,
        end=day,
        place="Nhà Quốc hội và 34 điểm cầu",
        is_demo=True,
        description="Triển khai công tác phục vụ kỳ họp tới (dữ liệu demo).",
    )
    sitting = services.add_sitting(
        actor=actor,
        session=event,
        date=day,
        part=Part.MORNING,
        start_time=time(8, 30),
        end_time=time(11, 0),
        format=SittingFormat.ONLINE,
        hall=halls["Phòng họp trực tuyến"],
        chair_title="Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội",
    )
    for kind, title, position, minutes in [
        (C, "Tuyên bố lý do; điểm danh các điểm cầu", "", 15),
        (R, "Báo cáo công tác chuẩn bị phục vụ kỳ họp", "Vụ trưởng Vụ Tổng hợp", 30),
        (D, "Ý kiến của các điểm cầu", "", 75),
        (R, "Kết luận Hội nghị", "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội", 20),
    ]:
        services.add_item(
            actor=actor,
            sitting=sitting,
            kind=kind,
            title=title,
            duration=minutes,
            presenter_position=position,
        )
    points = services.prepare_connection_points(actor=actor, sitting=sitting)
    services.publish_programme(
        actor=actor, session=event, based_on=0, reason="Chương trình Hội nghị"
    )
    now = timezone.now()
    checked = []
    for index, point in enumerate(points):
        if index % 5 == 4:
            continue  # not checked in yet
        point.sound_ok = index % 7 != 3
        point.picture_ok = index % 6 != 2
        point.participants_present = point.expected_participants - (1 if index % 9 == 8 else 0)
        point.note = "" if point.sound_ok and point.picture_ok else "Đang xử lý đường truyền"
        point.checked_in_at = now - timedelta(minutes=rng.randint(5, 90))
        point.checked_in_by = actor
        checked.append(point)
    ConnectionPoint.objects.bulk_update(
        checked,
        [
            "sound_ok",
            "picture_ok",
            "participants_present",
            "note",
            "checked_in_at",
            "checked_in_by",
        ],
    )
    audit.record(
        actor,
        "connection_points.checked_in",
        sitting,
        changes={
            "points": len(checked),
            "demo": True,
        },
    )
    templates = {t.code: t for t in ChecklistTemplate.objects.all()}
    if "online" in templates:
        checklist = services.apply_checklist(
            actor=actor,
            session=event,
            template=templates["online"],
            sitting=sitting,
            assigned_on=add_working_days(day, -12),
        )
        _complete_tasks(actor, checklist.directive, keep_open=2)


def _participants(actor: Any, world: Any, session: Any, rng: random.Random) -> None:
    services.add_deputies(actor=actor, session=session)
    guests = [
        ("Nguyễn Văn Thành", "Phóng viên", "Báo Đại biểu Nhân dân", "press"),
        ("Trần Thị Lan", "Phóng viên", "Đài Truyền hình Việt Nam", "press"),
        ("Lê Minh Đức", "Vụ trưởng", "Văn phòng Chính phủ", "agency"),
        ("Phạm Thu Hà", "Chuyên viên cao cấp", "Bộ Tư pháp", "agency"),
        ("Hoàng Văn Nam", "Đại sứ", "Đoàn Ngoại giao", "guest"),
    ]
    for index, (name, position, organisation, kind) in enumerate(guests, start=1):
        services.add_participant(
            actor=actor,
            session=session,
            kind=kind,
            full_name=name,
            position_title=position,
            organisation=organisation,
            badge_number=f"K{index:03d}",
            group_label="Khu vực khách mời" if kind != "press" else "Khu vực báo chí",
        )
    participants = list(session.participants.filter(kind="deputy").order_by("id"))
    for index, participant in enumerate(participants, start=1):
        participant.badge_number = f"D{index:03d}"
        participant.seat = f"{(index - 1) // 20 + 1}-{(index - 1) % 20 + 1:02d}"
    Participant.objects.bulk_update(participants, ["badge_number", "seat"])
    opening = session.sittings.order_by("date", "start_time").first()
    statuses = {
        p.pk: ("excused" if rng.random() < 0.04 else "present") for p in session.participants.all()
    }
    assert opening is not None
    services.record_attendance(actor=actor, sitting=opening, statuses=statuses)
