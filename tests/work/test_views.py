"""Pages of the work module: rendering, scoping, query counts, actions, downloads."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dienhong.work import services
from dienhong.work.models import FeedToken, Task, TaskState

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response


def test_dashboard_of_the_office_shows_the_demo_agenda(client_for, secretary_general):
    response = client_for(secretary_general).get(reverse("work:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "Vụ Tổng hợp" in body
    assert "Vụ Chuyển đổi số" in body and "trend-chart" in body


def test_dashboard_drills_down_to_a_unit(client_for, secretary_general, world):
    hc = world.units["VPQH-HC"]
    response = client_for(secretary_general).get(reverse("work:dashboard") + f"?unit={hc.pk}")
    assert response.status_code == 200
    assert "Văn phòng Quốc hội" in response.content.decode()  # the breadcrumb back up


def test_a_unit_outside_the_scope_is_refused(client_for, staff_member, world):
    response = client_for(staff_member).get(
        reverse("work:dashboard") + f"?unit={world.units['VPQH-HC'].pk}"
    )
    assert response.status_code == 403


def test_auditor_without_work_view_on_the_office_sees_only_their_scope(client_for, auditor):
    response = client_for(auditor).get(reverse("work:dashboard"))
    assert response.status_code == 200  # auditor is staff of Vụ Tổ chức - Cán bộ
    assert "Vụ Tổ chức - Cán bộ" in response.content.decode()


def test_org_admin_without_roles_in_work(client_for, world):
    from dienhong.accounts.models import RoleGrant

    user = world.users["vanphong.hanoi"]
    RoleGrant.objects.filter(user=user).delete()
    response = client_for(user).get(reverse("work:dashboard"))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["work:dashboard", "work:mine", "work:unit_tasks", "work:directives"]
)
def test_list_pages_have_a_bounded_query_count(client_for, secretary_general, name):
    client = client_for(secretary_general)
    client.get(reverse(name))  # warm the session (the second-factor answer is remembered)
    count, _response = queries(client, reverse(name))
    assert count <= 20, count


def test_unit_list_query_count_does_not_grow_with_rows(
    client_for, secretary_general, make_task, frozen
):
    client = client_for(secretary_general)
    client.get(reverse("work:unit_tasks"))  # warm the session
    before, _r = queries(client, reverse("work:unit_tasks") + "?state=assigned")
    for _ in range(5):
        make_task()
    after, response = queries(client, reverse("work:unit_tasks") + "?state=assigned")
    assert after == before
    assert "Chuẩn bị báo cáo tổng hợp" in response.content.decode()


def test_task_detail_query_count(client_for, secretary_general, make_task):
    task = make_task()
    count, response = queries(client_for(secretary_general), reverse("work:task", args=[task.pk]))
    assert count <= 30, count
    assert "Chuẩn bị báo cáo tổng hợp" in response.content.decode()


def test_a_task_of_another_unit_is_not_found(client_for, clerk, make_task):
    task = make_task()
    assert client_for(clerk).get(reverse("work:task", args=[task.pk])).status_code == 404


def test_assign_update_submit_approve_through_the_pages(
    client_for,
    secretary_general,
    staff_member,
    department_head,
    directive,
    th,
    staff_person,
    head_person,
):
    boss = client_for(secretary_general)
    response = boss.post(
        reverse("work:task_new") + f"?directive={directive.pk}",
        {
            "directive": directive.pk,
            "title": "Chuẩn bị đề cương báo cáo",
            "description": "Đề cương",
            "lead_unit": th.pk,
            "owner": staff_person.pk,
            "due": "2030-03-20",
            "expected_result": "Đề cương",
            "acceptor": head_person.pk,
            "assign": "1",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Chuẩn bị đề cương báo cáo")
    assert task.state == TaskState.ASSIGNED
    owner = client_for(staff_member)
    url = lambda action: reverse("work:task_action", args=[task.pk, action])  # noqa: E731
    assert owner.post(url("accept"), {"version": task.version}).status_code == 302
    task.refresh_from_db()
    owner.post(url("update"), {"version": task.version, "percent": 50, "comment": "Đã làm một nửa"})
    task.refresh_from_db()
    assert task.progress == 50
    owner.post(url("submit"), {"version": task.version, "comment": "Hoàn thành"})
    task.refresh_from_db()
    stale = task.version
    client_for(department_head).post(url("approve"), {"version": task.version})
    task.refresh_from_db()
    assert task.state == TaskState.DONE
    response = client_for(secretary_general).post(
        url("return"), {"version": stale, "reason": "x"}, follow=True
    )
    assert task.state == TaskState.DONE
    assert response.status_code == 200


def test_a_form_error_is_shown_and_nothing_saved(
    client_for, secretary_general, directive, th, clerk
):
    response = client_for(secretary_general).post(
        reverse("work:task_new"),
        {
            "directive": directive.pk,
            "title": "Nhiệm vụ sai người",
            "lead_unit": th.pk,
            "owner": clerk.person.pk,
            "due": "2030-03-20",
            "assign": "1",
        },
    )
    assert response.status_code == 200
    assert not Task.objects.filter(title="Nhiệm vụ sai người").exists()


def test_staff_cannot_open_the_new_task_page(client_for, staff_member):
    assert client_for(staff_member).get(reverse("work:task_new")).status_code == 403


def test_saved_views(client_for, staff_member):
    client = client_for(staff_member)
    response = client.post(
        reverse("work:view_save"),
        {"page": "mine", "name": "Quá hạn", "query": "timeliness=overdue"},
    )
    assert response.status_code == 302 and "timeliness=overdue" in response["Location"]
    page = client.get(reverse("work:mine"))
    assert "Quá hạn" in page.content.decode()


def test_directive_register_and_detail(client_for, secretary_general, world):
    client = client_for(secretary_general)
    assert client.get(reverse("work:directive_new")).status_code == 200
    response = client.post(
        reverse("work:directive_new"),
        {
            "kind": "conclusion",
            "number": "1/TB-VPQH",
            "title": "Kết luận thử",
            "issued_on": "2025-12-01",
            "unit": world.root.pk,
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_notifications_page_and_mark_read(client_for, staff_member, make_task):
    make_task()
    client = client_for(staff_member)
    assert "Chuẩn bị báo cáo" in client.get(reverse("work:notifications")).content.decode()
    client.post(reverse("work:notifications"))
    assert not staff_member.work_notifications.filter(read_at__isnull=True).exists()


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("docx", b"PK"), ("pdf", b"%PDF")])
def test_report_downloads(client_for, secretary_general, fmt, magic):
    response = client_for(secretary_general).get(
        reverse("work:report") + f"?start=2025-11-01&end=2026-01-31&format={fmt}"
    )
    assert response.status_code == 200
    assert response.content[: len(magic)] == magic


def test_report_docx_follows_decree_30(secretary_general):
    import io

    import docx

    from dienhong.work import reports

    data = reports.build(
        secretary_general,
        start=date(2025, 11, 1),
        end=date(2026, 1, 31),
        unit=None,
        issued_on=date(2026, 2, 5),
    )
    document = docx.Document(io.BytesIO(reports.docx(data)))
    header = document.tables[0].rows[0].cells
    assert "VĂN PHÒNG QUỐC HỘI" in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
    assert "Hà Nội, ngày 05 tháng 02 năm 2026" in header[1].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Tình hình thực hiện nhiệm vụ" in text
    footer = document.tables[-1].rows[0].cells
    assert "Nơi nhận:" in footer[0].text and "Lưu: VT" in footer[0].text
    assert "CHỦ NHIỆM" in footer[1].text


def test_report_pdf_text(secretary_general):
    import pypdfium2

    from dienhong.work import reports

    data = reports.build(
        secretary_general, start=date(2025, 11, 1), end=date(2026, 1, 31), unit=None
    )
    pdf = pypdfium2.PdfDocument(reports.pdf(data))
    text = pdf[0].get_textpage().get_text_range()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text


def test_report_form_rejects_an_inverted_period(client_for, secretary_general):
    response = client_for(secretary_general).get(
        reverse("work:report") + "?start=2026-02-01&end=2026-01-01&format=pdf"
    )
    assert response.status_code == 200 and b"%PDF" not in response.content[:4]


def test_ical_feed_with_a_private_token(client, client_for, staff_member, make_task):
    make_task(due=date(2030, 3, 20))
    page = client_for(staff_member).get(reverse("work:feed"))
    assert page.status_code == 200
    token = FeedToken.objects.get(user=staff_member).token
    response = client.get(reverse("work:ical", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    from icalendar import Calendar

    calendar = Calendar.from_ical(response.content)
    dates = [str(event.get("dtstart").dt) for event in calendar.walk("VEVENT")]
    assert "2030-03-20" in dates
    assert client.get(reverse("work:ical", args=["wrong-token"])).status_code == 404
    client_for(staff_member).post(reverse("work:feed"))
    assert client.get(reverse("work:ical", args=[token])).status_code == 404  # rotated


def test_attachment_download_is_scoped(client_for, staff_member, clerk, make_task):
    from django.core.files.uploadedfile import SimpleUploadedFile

    task = make_task()
    event = services.add_progress(
        actor=staff_member,
        task=task,
        percent=10,
        files=[SimpleUploadedFile("bien-ban.txt", b"noi dung")],
    )
    attachment = event.attachments.get()
    response = client_for(staff_member).get(reverse("work:attachment", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"noi dung"
    assert (
        client_for(clerk).get(reverse("work:attachment", args=[attachment.pk])).status_code == 404
    )


def test_people_options_for_htmx(client_for, secretary_general, th, staff_person):
    response = client_for(secretary_general).get(
        reverse("work:people_options") + f"?lead_unit={th.pk}"
    )
    assert staff_person.full_name in response.content.decode()


def test_pages_in_vietnamese(client_for, secretary_general):
    client = client_for(secretary_general)
    body = client.get(reverse("work:dashboard"), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Nhiệm vụ quá hạn" in body or "Quá hạn" in body


def test_edit_a_draft_then_assign_it(
    client_for, secretary_general, make_task, staff_person, head_person, th
):
    draft = make_task(assign=False, owner=None)
    client = client_for(secretary_general)
    assert client.get(reverse("work:task_edit", args=[draft.pk])).status_code == 200
    response = client.post(
        reverse("work:task_edit", args=[draft.pk]),
        {
            "version": draft.version,
            "title": "Nhiệm vụ đã sửa",
            "lead_unit": th.pk,
            "owner": staff_person.pk,
            "due": "2030-04-01",
            "expected_result": "Báo cáo",
            "acceptor": head_person.pk,
            "milestones": "15/03/2030 - Đề cương",
            "assign": "1",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == TaskState.ASSIGNED and draft.title == "Nhiệm vụ đã sửa"
    assert draft.milestones.get().due == date(2030, 3, 15)


def test_bad_milestone_lines_are_reported(client_for, secretary_general, make_task):
    draft = make_task(assign=False)
    response = client_for(secretary_general).post(
        reverse("work:task_edit", args=[draft.pk]),
        {
            "version": draft.version,
            "title": "X",
            "milestones": "ngày mai - đề cương",
        },
    )
    assert response.status_code == 200 and "dd/mm/yyyy" in response.content.decode()


def test_extension_reassign_cancel_and_milestone_through_the_pages(
    client_for, secretary_general, staff_member, department_head, make_task, world
):
    from dienhong.org.models import Membership

    task = make_task(milestones=[("Đề cương", date(2030, 1, 10))])
    owner = client_for(staff_member)
    url = lambda action: reverse("work:task_action", args=[task.pk, action])  # noqa: E731
    owner.post(url("extend"), {"proposed_due": "2031-01-01", "reason": "Chờ ý kiến"})
    assert (
        owner.post(url("extend"), {"proposed_due": ""}).status_code == 302
    )  # message, nothing saved
    request = task.extensions.get()
    head = client_for(department_head)
    head.post(
        url("decide"), {"extension": request.pk, "decision": "approve", "new_due": "2030-12-31"}
    )
    task.refresh_from_db()
    assert task.due == date(2030, 12, 31)
    owner.post(reverse("work:milestone_done", args=[task.milestones.get().pk]))
    assert task.milestones.get().done_on is not None
    colleague = (
        Membership.objects.filter(unit=world.units["VPQH-TH"], valid_to__isnull=True)
        .exclude(person=task.owner)
        .exclude(position__is_leadership=True)
        .first()
        .person
    )
    head.post(url("reassign"), {"owner": colleague.pk})
    task.refresh_from_db()
    assert task.owner == colleague
    assert head.post(url("reassign"), {"owner": ""}).status_code == 302
    assert owner.post(url("cancel"), {"reason": "x"}).status_code == 403
    client_for(secretary_general).post(url("cancel"), {"reason": "Không còn phù hợp"})
    task.refresh_from_db()
    assert task.state == TaskState.CANCELLED
    assert owner.post(url("unknown")).status_code == 404


def test_report_form_page_and_directive_search(client_for, secretary_general):
    client = client_for(secretary_general)
    assert client.get(reverse("work:report")).status_code == 200
    body = client.get(reverse("work:directives") + "?q=Nghị quyết").content.decode()
    assert "74/2025/UBTVQH15" in body


def test_view_delete(client_for, staff_member):
    view = services.save_view(
        actor=staff_member, page="unit", name="Của đơn vị", query="state=done"
    )
    response = client_for(staff_member).post(
        reverse("work:view_delete", args=[view.pk]), {"next": reverse("work:unit_tasks")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("work:unit_tasks")
    assert not staff_member.work_views.exists()
