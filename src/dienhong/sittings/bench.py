"""``dienhong bench sittings``: a 25-day session with 50 sittings and 400 agenda items.

Builds the demo world and the session in a throw-away database of the configured engine,
publishes version 1, generates every chair's script, changes the programme through the
services (moves, retimes, removals, additions), publishes version 2, and measures:

- ``diff``: loading two versions and computing their difference (target ≤ 200 ms);
- ``scripts_all_s``: generating all 50 scripts and writing each as DOCX (target ≤ 20 s);
  the PDF of every script is reported on its own (``scripts_pdf_all_s``);
- ``programme_page`` (public), ``draft_page`` (the editor) and ``compare_page`` p95
  (target ≤ 150 ms);
- ``readiness_rows``: the readiness board's refresh (34 connection points) p95.
"""

from __future__ import annotations

import time as clock
from datetime import date, time
from typing import Any

from django.db import connection
from django.test import Client

from dienhong.core.benchmark import measure, throwaway_database

START = date(2027, 5, 3)
TARGETS = {"diff_ms": 200, "scripts_all_s": 20, "pages_p95_ms": 150}
KINDS = [
    "report",
    "verification",
    "discussion",
    "report",
    "verification",
    "qa",
    "discussion",
    "vote",
]
POSITIONS = [
    "Bộ trưởng Bộ Tư pháp",
    "Chủ nhiệm Ủy ban Pháp luật và Tư pháp",
    "",
    "Bộ trưởng Bộ Tài chính",
    "Chủ nhiệm Ủy ban Kinh tế và Tài chính",
    "Phó Thủ tướng Chính phủ",
    "",
    "Chủ tịch Quốc hội",
]


def build_programme(
    actor: Any,
    unit: Any,
    term: Any,
    *,
    days: int = 25,
    items_per_sitting: int = 8,
    number: int = 90,
) -> Any:
    """The synthetic session: ``days`` working days, two sittings a day, bulk inserted."""
    from dienhong.core import audit
    from dienhong.core.calendar import add_working_days, next_working_day
    from dienhong.sittings import services
    from dienhong.sittings.models import AgendaItem, Hall, Sitting

    first = next_working_day(START)
    last = add_working_days(first, days - 1)
    session = services.create_session(
        actor=actor,
        kind="session",
        organiser_unit=unit,
        term=term,
        number=number,
        start=first,
        end=last,
        place="Nhà Quốc hội",
    )
    hall, _created = Hall.objects.get_or_create(
        name="Hội trường (benchmark)", defaults={"building": "Nhà Quốc hội"}
    )
    sittings = []
    day = first
    for _ in range(days):
        for part, begin, end in (
            ("morning", time(8), time(11, 30)),
            ("afternoon", time(14), time(17)),
        ):
            sittings.append(
                Sitting(
                    session=session,
                    date=day,
                    part=part,
                    start_time=begin,
                    end_time=end,
                    hall=hall,
                    chair_title="Chủ tịch Quốc hội",
                )
            )
        day = add_working_days(day, 1)
    Sitting.objects.bulk_create(sittings)
    items = []
    for index, sitting in enumerate(sittings):
        duration = 25 if sitting.part == "morning" else 22
        for position in range(items_per_sitting):
            n = index * items_per_sitting + position + 1
            items.append(
                AgendaItem(
                    sitting=sitting,
                    position=position + 1,
                    kind=KINDS[position % len(KINDS)],
                    title=f"Nội dung số {n}: dự án Luật sửa đổi, bổ sung một số điều (mục {n})",
                    presenter_position=POSITIONS[position % len(POSITIONS)],
                    duration=duration,
                )
            )
    AgendaItem.objects.bulk_create(items, batch_size=1000)
    audit.record(actor, "session.programme_loaded", session, changes={"items": len(items)})
    return session


def change_programme(actor: Any, session: Any) -> dict[str, int]:
    """Realistic changes between versions, through the services."""
    from dienhong.sittings import services

    sittings = list(session.sittings.order_by("date", "start_time"))
    counts = {"moved": 0, "retimed": 0, "removed": 0, "added": 0}
    for index in range(0, len(sittings) - 1, 5):
        item = sittings[index].items.order_by("position").first()
        if item is not None:
            services.move_item(actor=actor, item=item, sitting=sittings[index + 1], position=0)
            counts["moved"] += 1
    for index in range(1, len(sittings), 5):
        item = sittings[index].items.order_by("position").last()
        if item is not None:
            services.update_item(actor=actor, item=item, data={"duration": item.duration + 5})
            counts["retimed"] += 1
    for index in range(2, len(sittings), 5):
        item = sittings[index].items.order_by("position")[1]
        services.delete_item(actor=actor, item=item)
        counts["removed"] += 1
    for index in range(3, len(sittings), 5):
        services.add_item(
            actor=actor,
            sitting=sittings[index],
            kind="report",
            duration=15,
            title="Báo cáo bổ sung",
            presenter_position="Tổng Thư ký Quốc hội",
        )
        counts["added"] += 1
    return counts


def online_sitting(actor: Any, unit: Any, day: date) -> Any:
    from dienhong.sittings import services

    event = services.create_session(
        actor=actor,
        kind="event",
        event_type="conference",
        organiser_unit=unit,
        title="Hội nghị trực tuyến (benchmark)",
        start=day,
        end=day,
    )
    sitting = services.add_sitting(
        actor=actor,
        session=event,
        date=day,
        part="evening",
        start_time=time(19),
        end_time=time(21),
        format="online",
        place="Điểm cầu trung tâm",
    )
    points = services.prepare_connection_points(actor=actor, sitting=sitting)
    for point in points[::2]:
        services.check_in(
            actor=actor,
            point=point,
            sound_ok=True,
            picture_ok=True,
            participants_present=point.expected_participants,
        )
    return sitting


def measurements(
    actor: Any, session: Any, *, repeat: int = 100, pdf: bool = True
) -> dict[str, Any]:
    """Everything measured on an already built session (used by ``run`` and by the tests)."""
    from django.urls import reverse

    from dienhong.sittings import output, programme, services
    from dienhong.sittings.models import ProgrammeVersion, Script

    results: dict[str, Any] = {}
    services.publish_programme(actor=actor, session=session, reason="Version 1", based_on=0)
    started = clock.perf_counter()
    generated = services.generate_all_scripts(actor=actor, session=session)
    generated_s = clock.perf_counter() - started
    scripts = list(Script.objects.filter(sitting__session=session).select_related("sitting"))
    started = clock.perf_counter()
    for script in scripts:
        output.script_docx(script, script.versions.get(number=script.current_number))
    docx_s = clock.perf_counter() - started
    results["scripts"] = len(generated)
    results["scripts_generate_s"] = round(generated_s, 2)
    results["scripts_docx_s"] = round(docx_s, 2)
    results["scripts_all_s"] = round(generated_s + docx_s, 2)
    if pdf:
        started = clock.perf_counter()
        for script in scripts:
            output.script_pdf(script, script.versions.get(number=script.current_number))
        results["scripts_pdf_all_s"] = round(clock.perf_counter() - started, 2)

    results["changes"] = change_programme(actor, session)
    session.refresh_from_db()
    services.publish_programme(actor=actor, session=session, reason="Version 2", based_on=1)
    results["stale_scripts"] = Script.objects.filter(sitting__session=session, stale=True).count()

    def diff_once(_i: int) -> None:
        a, b = ProgrammeVersion.objects.filter(session=session, number__in=[1, 2]).order_by(
            "number"
        )
        programme.diff(a.snapshot, b.snapshot)

    results["diff"] = measure(diff_once, repeat=max(5, repeat // 4))
    a, b = ProgrammeVersion.objects.filter(session=session).order_by("number")[:2]
    counts = programme.diff(a.snapshot, b.snapshot).counts
    results["diff_counts"] = counts

    client = Client()
    client.force_login(actor)

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    public = reverse("sittings:public", args=[session.slug])
    draft = reverse("sittings:session", args=[session.pk])
    compare = reverse("sittings:compare", args=[session.pk]) + "?a=1&b=2"
    results["programme_page"] = measure(lambda i: get(public), repeat=repeat)
    results["draft_page"] = measure(lambda i: get(draft), repeat=repeat)
    results["compare_page"] = measure(lambda i: get(compare), repeat=max(5, repeat // 4))
    sitting = online_sitting(actor, session.organiser_unit, session.end)
    rows = reverse("sittings:readiness_rows", args=[sitting.pk])
    results["readiness_rows"] = measure(lambda i: get(rows), repeat=repeat)
    return results


def run(*, repeat: int = 100) -> dict[str, Any]:
    from django.core.management import call_command

    from dienhong.accounts.models import User
    from dienhong.org.models import Term, Unit

    with throwaway_database(label="sittings"):
        started = clock.perf_counter()
        call_command("demo", verbosity=0)
        world_s = clock.perf_counter() - started
        actor = User.objects.get(username="tongthuky")
        started = clock.perf_counter()
        session = build_programme(
            actor, Unit.objects.get(code="VPQH-TH"), Term.objects.get(number=16)
        )
        build_s = clock.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        results = measurements(actor, session, repeat=repeat)
        sittings = session.sittings.count()
        return {
            "benchmark": "sittings",
            "backend": connection.vendor,
            "session_days": 25,
            "sittings": sittings,
            "items_v1": 400,
            "demo_world_s": round(world_s, 1),
            "build_s": round(build_s, 2),
            **results,
            "targets": TARGETS,
        }
