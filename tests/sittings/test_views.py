"""Pages: the permission matrix (role × action), query counts of the list pages, the editor's
flows, and the public pages that need no login."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dienhong.sittings import services
from dienhong.sittings.models import (
    AgendaItem,
    ChecklistTemplate,
    Conclusion,
    MinutesEntry,
    Participant,
    ProgrammeVersion,
    Script,
    Session,
    Sitting,
    Vote,
)

ROLES = [
    "tongthuky",
    "vutruong.tonghop",
    "chuyenvien.tonghop",
    "vutruong.hanhchinh",
    "vanthu",
    "vanphong.hanoi",
    "kiemtoan",
]

# (action, users allowed); every other role is refused
MATRIX = [
    ("view_list", set(ROLES)),
    ("view_programme", set(ROLES)),
    ("view_scripts", {"tongthuky", "vutruong.tonghop", "chuyenvien.tonghop"}),
    ("view_participants", {"tongthuky", "vutruong.tonghop", "chuyenvien.tonghop"}),
    ("add_item", {"tongthuky", "vutruong.tonghop"}),
    ("generate_script", {"tongthuky", "vutruong.tonghop"}),
    ("publish", {"tongthuky"}),
    ("check_in_hanoi", {"tongthuky", "vutruong.tonghop", "vanphong.hanoi"}),
]


def _act(action: str, client: Client, event: Session, world) -> int:
    sitting = event.sittings.order_by("date", "start_time").first()
    if action == "view_list":
        return client.get(reverse("sittings:list")).status_code
    if action == "view_programme":
        return client.get(reverse("sittings:session", args=[event.pk])).status_code
    if action == "view_scripts":
        return client.get(reverse("sittings:scripts", args=[event.pk])).status_code
    if action == "view_participants":
        return client.get(reverse("sittings:participants", args=[event.pk])).status_code
    if action == "add_item":
        return client.post(
            reverse("sittings:item_new", args=[sitting.pk]),
            {
                "kind": "report",
                "title": "Mục mới",
                "duration": 10,
            },
        ).status_code
    if action == "generate_script":
        return client.post(reverse("sittings:script_generate", args=[sitting.pk])).status_code
    if action == "publish":
        return client.post(
            reverse("sittings:publish", args=[event.pk]), {"reason": "Công bố", "based_on": 0}
        ).status_code
    if action == "check_in_hanoi":
        day = date(2027, 3, 9)
        online = services.add_sitting(
            actor=world.users["tongthuky"],
            session=event,
            date=day,
            part="evening",
            start_time=time(19),
            end_time=time(21),
            format="online",
            place="Trực tuyến",
        )
        services.prepare_connection_points(actor=world.users["tongthuky"], sitting=online)
        point = online.connection_points.get(unit=world.units["VPDD-01"])
        return client.post(
            reverse("sittings:check_in", args=[point.pk]),
            {
                "sound_ok": "on",
                "picture_ok": "on",
                "participants_present": 3,
            },
        ).status_code
    raise AssertionError(action)


@pytest.mark.parametrize("username", ROLES)
@pytest.mark.parametrize(("action", "allowed"), MATRIX, ids=[a for a, _ in MATRIX])
def test_permission_matrix(action, allowed, username, event, world, client_for):
    status = _act(action, client_for(world.users[username]), event, world)
    if username in allowed:
        assert status in (200, 302), (action, username, status)
    else:
        assert status == 403, (action, username, status)
    if action == "publish":
        published = ProgrammeVersion.objects.filter(session=event).exists()
        assert published == (username in allowed)


def test_anonymous_visitors_are_sent_to_log_in(event):
    client = Client()
    response = client.get(reverse("sittings:session", args=[event.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_list_pages_do_not_grow_their_query_count(event, leader, world, hall, client_for):
    from .conftest import build_session

    client = client_for(leader)
    programme_url = reverse("sittings:session", args=[event.pk])
    list_url = reverse("sittings:list")
    services.generate_script(actor=leader, sitting=event.sittings.first())
    client.get(programme_url), client.get(list_url)  # warm the per-process caches
    small = (_count(client, programme_url), _count(client, list_url))
    for day in (date(2027, 3, 10), date(2027, 3, 11)):
        services.update_session(actor=leader, session=event, data={"end": date(2027, 3, 11)})
        for part, begin, end in (
            ("morning", time(8), time(11, 30)),
            ("afternoon", time(14), time(17)),
        ):
            sitting = services.add_sitting(
                actor=leader,
                session=event,
                date=day,
                part=part,
                start_time=begin,
                end_time=end,
                hall=hall,
            )
            for index in range(4):
                services.add_item(
                    actor=leader, sitting=sitting, kind="report", duration=10, title=f"Thêm {index}"
                )
    build_session(leader, world, hall, start=date(2027, 3, 15), days=1, title="Một hội nghị nữa")
    large = (_count(client, programme_url), _count(client, list_url))
    assert large == small
    assert small[0] <= 25 and small[1] <= 15


def test_public_pages_need_no_login(event, leader):
    services.publish_programme(actor=leader, session=event, reason="Lần đầu", based_on=0)
    services.add_item(
        actor=leader,
        sitting=event.sittings.first(),
        kind="vote",
        duration=5,
        title="Biểu quyết bổ sung",
    )
    services.publish_programme(actor=leader, session=event, reason="Bổ sung", based_on=1)
    client = Client()
    slug = event.slug
    page = client.get(reverse("sittings:public", args=[slug]))
    assert page.status_code == 200
    assert "Biểu quyết bổ sung" in page.content.decode()
    old = client.get(reverse("sittings:public_version", args=[slug, 1])).content.decode()
    assert "Biểu quyết bổ sung" not in old
    compare = client.get(reverse("sittings:public_compare", args=[slug]) + "?a=1&b=2")
    assert compare.status_code == 200 and "Biểu quyết bổ sung" in compare.content.decode()
    pdf = client.get(reverse("sittings:public_pdf", args=[slug]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("sittings:public_docx", args=[slug]) + "?v=1")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    ics = client.get(reverse("sittings:public_ical", args=[slug]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    index = client.get(reverse("sittings:public_index")).content.decode()
    assert event.title in index
    assert client.get(reverse("sittings:public_compare", args=[slug]) + "?a=x").status_code == 404
    assert client.get(reverse("sittings:public_version", args=[slug, 9])).status_code == 404


def test_an_unpublished_programme_is_not_public(event):
    assert Client().get(reverse("sittings:public", args=[event.slug])).status_code == 404


def test_a_logged_in_reader_sees_what_changed_since_last_visit(event, leader, world, client_for):
    reader = client_for(world.users["vanphong.hanoi"])
    services.publish_programme(actor=leader, session=event, reason="Lần đầu", based_on=0)
    url = reverse("sittings:public", args=[event.slug])
    assert "since" not in reader.get(url).content.decode().split("<main")[1][:200]
    services.add_item(
        actor=leader,
        sitting=event.sittings.first(),
        kind="vote",
        duration=5,
        title="Biểu quyết mới",
    )
    services.publish_programme(actor=leader, session=event, reason="Bổ sung", based_on=1)
    html = reader.get(url).content.decode()
    assert 'class="alert info since"' in html and "Biểu quyết mới" in html
    assert 'class="alert info since"' not in reader.get(url).content.decode()


# --- the editor's flows ---------------------------------------------------------------------------


def test_create_a_session_through_the_form(leader, world, client_for):
    client = client_for(leader)
    assert client.get(reverse("sittings:new")).status_code == 200
    response = client.post(
        reverse("sittings:new"),
        {
            "kind": "meeting",
            "term": world.terms[16].pk,
            "number": 12,
            "start": "2027-04-12",
            "end": "2027-04-13",
            "organiser_unit": world.units["VPQH-TH"].pk,
        },
    )
    session = Session.objects.get(kind="meeting", number=12, term=world.terms[16])
    assert response.status_code == 302 and response["Location"].endswith(f"/{session.pk}/")
    again = client.post(
        reverse("sittings:new"),
        {
            "kind": "meeting",
            "term": world.terms[16].pk,
            "number": 12,
            "start": "2027-04-12",
            "end": "2027-04-13",
            "organiser_unit": world.units["VPQH-TH"].pk,
        },
    )
    assert again.status_code == 200 and "errorlist" in again.content.decode()
    staff = client_for(world.users["chuyenvien.tonghop"])
    assert staff.get(reverse("sittings:new")).status_code == 403


def test_edit_and_move_a_session_through_the_forms(event, leader, client_for):
    client = client_for(leader)
    url = reverse("sittings:session_edit", args=[event.pk])
    assert client.get(url).status_code == 200
    data = {"title": "Tên mới", "end": "2027-03-09", "place": "Nhà Quốc hội"}
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Tên mới"
    move = reverse("sittings:move", args=[event.pk])
    assert client.get(move).status_code == 200
    refused = client.post(move, {"start": "2027-03-13"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    assert client.post(move, {"start": "2027-03-15"}).status_code == 302
    event.refresh_from_db()
    assert event.start == date(2027, 3, 15)


def test_sitting_and_item_forms(event, leader, hall, client_for):
    client = client_for(leader)
    add = reverse("sittings:sitting_new", args=[event.pk])
    assert client.get(add).status_code == 200
    clash = client.post(
        add,
        {
            "date": "2027-03-08",
            "part": "morning",
            "start_time": "09:00",
            "end_time": "10:00",
            "format": "hall",
            "hall": hall.pk,
        },
    )
    assert clash.status_code == 200 and "errorlist" in clash.content.decode()
    created = client.post(
        add,
        {
            "date": "2027-03-08",
            "part": "evening",
            "start_time": "19:00",
            "end_time": "21:00",
            "format": "hall",
            "hall": hall.pk,
        },
    )
    assert created.status_code == 302
    evening = event.sittings.get(part="evening")
    edit = reverse("sittings:sitting_edit", args=[evening.pk])
    assert client.get(edit).status_code == 200
    assert (
        client.post(
            edit,
            {
                "date": "2027-03-08",
                "part": "evening",
                "start_time": "19:30",
                "end_time": "21:00",
                "format": "hall",
                "hall": hall.pk,
            },
        ).status_code
        == 302
    )
    assert client.get(reverse("sittings:sitting", args=[evening.pk])).status_code == 200
    new_item = reverse("sittings:item_new", args=[evening.pk])
    assert client.get(new_item).status_code == 200
    unknown_doc = client.post(
        new_item,
        {
            "kind": "report",
            "title": "Tờ trình",
            "duration": 20,
            "documents": "1/XX-YY",
            "presenter_position": "Bộ trưởng",
        },
    )
    assert "1/XX-YY" in unknown_doc.content.decode()
    no_position = client.post(
        new_item, {"kind": "report", "title": "Tờ trình", "duration": 20, "presenter_name": "Ông A"}
    )
    assert no_position.status_code == 200 and "errorlist" in no_position.content.decode()
    assert (
        client.post(
            new_item,
            {
                "kind": "report",
                "title": "Tờ trình",
                "duration": 20,
                "presenter_name": "Ông A",
                "presenter_position": "Bộ trưởng",
            },
        ).status_code
        == 302
    )
    item = evening.items.get()
    edit_item = reverse("sittings:item_edit", args=[item.pk])
    assert client.get(edit_item).status_code == 200
    target = event.sittings.order_by("date", "start_time").first()
    assert (
        client.post(
            edit_item,
            {
                "kind": "report",
                "title": "Tờ trình (sửa)",
                "duration": 25,
                "presenter_name": "Ông A",
                "presenter_position": "Bộ trưởng",
                "sitting": target.pk,
                "revision": item.revision,
            },
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.sitting == target and item.title == "Tờ trình (sửa)"
    stale = client.post(
        edit_item, {"kind": "report", "title": "Khác", "duration": 25, "revision": 1}
    )
    assert stale.status_code == 200 and 'class="alert error"' in stale.content.decode()
    step = reverse("sittings:item_step")
    assert client.post(step, {"step": f"{item.pk}:up"}).status_code == 302
    item.refresh_from_db()
    assert item.position == target.items.count() - 1
    assert client.post(step, {"step": "x:sideways"}).status_code == 404
    assert client.post(reverse("sittings:item_delete", args=[item.pk])).status_code == 302
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert client.post(reverse("sittings:sitting_delete", args=[evening.pk])).status_code == 302
    assert not Sitting.objects.filter(pk=evening.pk).exists()


def test_publish_compare_and_versions_pages(event, leader, client_for, world):
    client = client_for(leader)
    page = client.get(reverse("sittings:session", args=[event.pk])).content.decode()
    assert "Publish version 1" in page or "Công bố phiên bản 1" in page
    response = client.post(
        reverse("sittings:publish", args=[event.pk]), {"reason": "Lần đầu", "based_on": 0}
    )
    assert response.status_code == 302
    item = event.sittings.first().items.first()
    services.update_item(actor=leader, item=item, data={"duration": 45})
    preview = client.get(reverse("sittings:compare", args=[event.pk]) + "?a=1&b=draft")
    assert preview.status_code == 200 and "chg-retimed" in preview.content.decode()
    response = client.post(
        reverse("sittings:publish", args=[event.pk]), {"reason": "Đổi giờ", "based_on": 1}
    )
    assert response.status_code == 302 and "compare" in response["Location"]
    stale = client.post(
        reverse("sittings:publish", args=[event.pk]), {"reason": "Muộn", "based_on": 1}, follow=True
    )
    assert "publish_conflict" not in stale.content.decode()
    assert ProgrammeVersion.objects.filter(session=event).count() == 2
    assert client.post(reverse("sittings:publish", args=[event.pk]), {}).status_code == 302
    assert client.get(reverse("sittings:versions", args=[event.pk])).status_code == 200
    assert client.get(reverse("sittings:version", args=[event.pk, 2])).status_code == 200
    assert client.get(reverse("sittings:version", args=[event.pk, 7])).status_code == 404
    assert client.get(reverse("sittings:compare", args=[event.pk]) + "?a=1&b=9").status_code == 404


def test_script_pages(event, leader, client_for):
    client = client_for(leader)
    sitting = event.sittings.order_by("date", "start_time").first()
    url = reverse("sittings:script", args=[sitting.pk])
    assert client.get(url).status_code == 200
    assert client.post(reverse("sittings:script_generate", args=[sitting.pk])).status_code == 302
    again = client.post(reverse("sittings:script_generate", args=[sitting.pk]))
    assert again.status_code == 302
    script = Script.objects.get(sitting=sitting)
    edit = reverse("sittings:script_edit", args=[sitting.pk])
    assert client.get(edit).status_code == 200
    assert (
        client.post(
            edit, {"based_on": 1, "text-closing": "Xin cảm ơn.", "note": "Rút gọn"}
        ).status_code
        == 302
    )
    assert client.post(edit, {"based_on": 1, "text-closing": "Khác"}).status_code == 200
    services.update_item(actor=leader, item=sitting.items.first(), data={"duration": 35})
    regenerated = client.post(reverse("sittings:script_generate", args=[sitting.pk]))
    assert "compare=2" in regenerated["Location"]
    changes = client.get(url + "?v=3&compare=2").content.decode()
    assert "chg-retimed" in changes
    docx = client.get(reverse("sittings:script_download", args=[sitting.pk, 3, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    pdf = client.get(reverse("sittings:script_download", args=[sitting.pk, 1, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert (
        client.get(reverse("sittings:script_download", args=[sitting.pk, 9, "pdf"])).status_code
        == 404
    )
    assert client.post(reverse("sittings:scripts_generate", args=[event.pk])).status_code == 302
    assert Script.objects.filter(sitting__session=event).count() == 4
    assert script.versions.count() == 3


def test_preparation_page(event, leader, client_for):
    client = client_for(leader)
    url = reverse("sittings:preparation", args=[event.pk])
    assert client.get(url).status_code == 200
    template = ChecklistTemplate.objects.get(code="meeting")
    response = client.post(url, {"template": template.pk})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Dự kiến chương trình phiên họp" in page
    refused = client.post(url, {"template": template.pk, "sitting": ""})
    assert refused.status_code in (200, 302)


def test_participants_attendance_and_accreditation_pages(event, leader, client_for):
    client = client_for(leader)
    url = reverse("sittings:participants", args=[event.pk])
    assert client.post(url, {"action": "deputies"}).status_code == 302
    assert (
        client.post(
            url,
            {
                "kind": "guest",
                "full_name": "Khách Mời",
                "badge_number": "K9",
                "organisation": "Bộ Ngoại giao",
            },
        ).status_code
        == 302
    )
    duplicate = client.post(url, {"kind": "guest", "full_name": "Khách Khác", "badge_number": "K9"})
    assert duplicate.status_code == 200 and "errorlist" in duplicate.content.decode()
    page = client.get(url + "?kind=guest&q=Khách").content.decode()
    assert "Khách Mời" in page
    guest = Participant.objects.get(session=event, badge_number="K9")
    seat = reverse("sittings:seat", args=[guest.pk])
    assert client.get(seat).status_code == 200
    assert (
        client.post(seat, {"group_label": "Khu A", "seat": "A-3", "badge_number": "K9"}).status_code
        == 302
    )
    xlsx = client.get(reverse("sittings:accreditation", args=[event.pk, "xlsx"]))
    assert xlsx.content.startswith(b"PK")
    csv_file = client.get(reverse("sittings:accreditation", args=[event.pk, "csv"]))
    assert "Khách Mời" in csv_file.content.decode("utf-8-sig")
    sitting = event.sittings.first()
    attendance = reverse("sittings:attendance", args=[sitting.pk])
    assert client.get(attendance).status_code == 200
    assert client.post(attendance, {f"p-{guest.pk}": "excused"}).status_code == 302
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("diem-danh.csv", b"badge,status\nK9,present\n", "text/csv")
    assert client.post(attendance, {"file": upload}).status_code == 302
    bad = SimpleUploadedFile("x.csv", b"badge,status\nZZ,present\n", "text/csv")
    response = client.post(attendance, {"file": bad})
    assert response.status_code == 200 and "ZZ" in response.content.decode()


def test_minutes_and_conclusions_pages(event, leader, world, client_for):
    client = client_for(leader)
    sitting = event.sittings.order_by("date", "start_time").first()
    item = sitting.items.order_by("position").first()
    url = reverse("sittings:minutes", args=[sitting.pk])
    assert client.get(url).status_code == 200
    assert (
        client.post(
            url,
            {
                "form": "entry",
                "agenda_item": item.pk,
                "kind": "speech",
                "speaker_name": "Đại biểu B",
                "started_at": "08:05",
                "ended_at": "08:10",
                "summary": "Góp ý.",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url,
            {
                "form": "vote",
                "agenda_item": item.pk,
                "yes": 1000,
                "no": 1,
                "abstain": 0,
                "threshold": "half",
            },
        ).status_code
        == 200
    )
    assert (
        client.post(
            url,
            {
                "form": "vote",
                "agenda_item": item.pk,
                "yes": 60,
                "no": 1,
                "abstain": 0,
                "threshold": "half",
            },
        ).status_code
        == 302
    )
    page = client.get(url).content.decode()
    assert "Đại biểu B" in page
    entry = MinutesEntry.objects.get(sitting=sitting)
    assert client.get(reverse("sittings:minutes_docx", args=[sitting.pk])).content.startswith(b"PK")
    assert client.post(reverse("sittings:minutes_delete", args=[entry.pk])).status_code == 302
    assert Vote.objects.filter(sitting=sitting).count() == 1
    conclusions = reverse("sittings:conclusions", args=[event.pk])
    assert client.get(conclusions).status_code == 200
    missing = client.post(
        conclusions, {"title": "Kết luận", "issued_on": "2026-11-02", "point_1_text": "Việc một"}
    )
    assert missing.status_code == 200 and "errorlist" in missing.content.decode()
    past = client.post(
        conclusions,
        {
            "title": "Kết luận",
            "issued_on": "2026-11-02",
            "point_1_text": "Việc một",
            "point_1_unit": world.units["VPQH-TH"].pk,
            "point_1_due": "2026-10-01",
        },
    )
    assert past.status_code == 200 and "errorlist" in past.content.decode()
    done = client.post(
        conclusions,
        {
            "title": "Kết luận",
            "issued_on": "2026-11-02",
            "point_1_text": "Việc một",
            "point_1_unit": world.units["VPQH-TH"].pk,
            "point_1_due": "2026-12-01",
            "sitting": sitting.pk,
        },
    )
    assert done.status_code == 302
    assert Conclusion.objects.filter(session=event).count() == 1
    assert "Việc một" in client.get(conclusions).content.decode()


def test_the_list_shows_a_delegation_office_its_connection_points(world, client_for):
    page = client_for(world.users["vanphong.hanoi"]).get(reverse("sittings:list"))
    assert "Điểm cầu Hà Nội" in page.content.decode()


def test_demo_world_programme_pages_render(world, client_for):
    client = client_for(world.users["tongthuky"])
    session = Session.objects.get(number=10, kind="session")
    assert client.get(reverse("sittings:session", args=[session.pk])).status_code == 200
    compare = client.get(reverse("sittings:compare", args=[session.pk]) + "?a=1&b=2")
    html = compare.content.decode()
    for kind in ("chg-added", "chg-removed", "chg-moved", "chg-retimed", "chg-changed"):
        assert kind in html, kind
    assert client.get(reverse("sittings:public", args=[session.slug])).status_code == 200
