"""Import of a conclusion notice (text, DOCX) and of an XLSX task list; the review screen."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse

from dienhong.core.errors import ValidationFailed
from dienhong.work import importing
from dienhong.work.models import Task, TaskState

pytestmark = pytest.mark.django_db

NOTICE = """VĂN PHÒNG QUỐC HỘI
THÔNG BÁO
Kết luận của Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội tại cuộc họp giao ban
Ngày 10/11/2025, Tổng Thư ký Quốc hội chủ trì cuộc họp giao ban. Tổng Thư ký kết luận như sau:
1. Về chuẩn bị Phiên họp thứ 52 của Ủy ban Thường vụ Quốc hội:
a) Giao Vụ Tổng hợp chủ trì, phối hợp với Vụ Hành chính, Cục Quản trị chuẩn bị chương trình,
kịch bản điều hành, hoàn thành trước ngày 05/12/2025.
b) Cục Quản trị bảo đảm hội trường, thiết bị phục vụ phiên họp.
2. Giao Vụ Chuyển đổi số hoàn thiện Đề án chuyển đổi số trong 10 ngày làm việc.
- Báo Đại biểu Nhân dân tăng cường thông tin, tuyên truyền về Kỳ họp thứ 10.
3. Các vụ, đơn vị thực hiện nghiêm cơ chế “5 rõ”.
"""


def test_points_of_a_real_looking_notice_become_draft_items(world):
    items = importing.draft_items(NOTICE)
    assert len(items) == 5
    first = items[0]
    assert first.lead_unit == world.units["VPQH-TH"]
    assert set(first.support_units) == {world.units["VPQH-HC"], world.units["VPQH-CQT"]}
    assert first.due == date(2025, 12, 5)
    assert "kịch bản điều hành" in first.title  # continuation lines joined
    assert "Phiên họp thứ 52" in first.description  # the heading gives the context
    assert items[1].lead_unit == world.units["VPQH-CQT"]
    assert items[2].lead_unit == world.units["VPQH-CDS"] and items[2].due_working_days == 10
    assert items[3].lead_unit == world.units["VPQH-BDBND"]
    assert items[4].lead_unit is None  # "các vụ, đơn vị": to be chosen on the review screen


def docx_bytes(paragraphs, *, numbered=False):
    import docx

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style if numbered else None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_with_word_numbering(world):
    data = docx_bytes(
        [
            ("THÔNG BÁO KẾT LUẬN", None),
            (
                "Giao Vụ Tổng hợp chủ trì tổng hợp ý kiến đại biểu, hoàn thành trước ngày 12/12/2025.",  # noqa: E501
                "List Number",
            ),
            ("Cục Quản trị bảo đảm hội trường.", "List Number"),
        ],
        numbered=True,
    )
    items = importing.draft_items(importing.docx_text(data))
    assert [item.lead_unit.code for item in items] == ["VPQH-TH", "VPQH-CQT"]
    assert items[0].due == date(2025, 12, 12)


@pytest.mark.parametrize("payload", [b"not a zip at all", b"PK\x03\x04garbage", b""])
def test_malformed_docx_gives_a_clear_message(payload):
    with pytest.raises(ValidationFailed) as error:
        importing.docx_text(payload)
    assert error.value.code == "bad_docx"
    assert "không phải văn bản Word (.docx)" in str(error.value.message)  # translated


def xlsx_bytes(rows):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = [label for _key, label in importing.COLUMNS]


def test_the_template_reads_back(world):
    items = importing.read_xlsx(importing.template_xlsx())
    assert items[0]["lead_unit"] == world.units["VPQH-TH"]
    assert items[0]["due"] == date(2025, 12, 15)


def test_xlsx_with_wrong_columns_names_row_and_column():
    data = xlsx_bytes([["Nhiệm vụ", "Nội dung chi tiết", "Đơn vị", *HEADER[3:]]])
    with pytest.raises(ValidationFailed) as error:
        importing.read_xlsx(data)
    assert "Dòng 1, cột C" in str(error.value.message)
    assert "Đơn vị chủ trì" in str(error.value.message)


def test_xlsx_row_errors_name_row_and_column(world):
    data = xlsx_bytes(
        [
            HEADER,
            ["Nhiệm vụ A", "", "Vụ Tổng hợp", "", "", "15/12/2025", "", ""],
            ["Nhiệm vụ B", "", "Vụ Không Có", "", "", "ngày mai", "", ""],
        ]
    )
    with pytest.raises(ValidationFailed) as error:
        importing.read_xlsx(data)
    message = str(error.value.message)
    assert "Dòng 3, cột C" in message and "Dòng 3, cột F" in message
    assert "Dòng 2" not in message


def test_xlsx_that_is_not_a_workbook():
    with pytest.raises(ValidationFailed) as error:
        importing.read_xlsx(b"hello")
    assert error.value.code == "bad_xlsx"


def test_import_screen_creates_drafts_then_review_assigns_all_or_nothing(
    client_for, secretary_general, directive, staff_person, head_person, frozen
):
    frozen(date(2025, 11, 12))
    client = client_for(secretary_general)
    response = client.post(reverse("work:import", args=[directive.pk]), {"text": NOTICE})
    assert response.status_code == 302
    drafts = list(Task.objects.filter(directive=directive, state=TaskState.DRAFT).order_by("id"))
    assert len(drafts) == 5
    page = client.get(reverse("work:review", args=[directive.pk]))
    assert page.status_code == 200 and "Vụ Tổng hợp" in page.content.decode()
    first, *others = drafts
    post = {f"row-{t.pk}-action": "delete" for t in others}
    post.update(
        {
            f"row-{first.pk}-title": first.title,
            f"row-{first.pk}-lead_unit": first.lead_unit_id,
            f"row-{first.pk}-owner": staff_person.pk,
            f"row-{first.pk}-due": "2025-12-05",
            f"row-{first.pk}-expected_result": "Kịch bản điều hành",
            f"row-{first.pk}-acceptor": head_person.pk,
            f"row-{first.pk}-action": "assign",
        }
    )
    bad = dict(post, **{f"row-{first.pk}-due": "2025-11-01"})  # before the assignment date
    response = client.post(reverse("work:review", args=[directive.pk]), bad)
    assert response.status_code == 200
    assert (
        "before the assignment date" in response.content.decode()
        or "trước ngày giao" in response.content.decode()
    )
    assert (
        Task.objects.filter(directive=directive, state=TaskState.DRAFT).count() == 5
    )  # nothing half-saved
    response = client.post(reverse("work:review", args=[directive.pk]), post)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == TaskState.ASSIGNED and first.owner == staff_person
    assert not Task.objects.filter(directive=directive, state=TaskState.DRAFT).exists()


def test_import_page_rejects_a_malformed_docx(client_for, secretary_general, directive):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(secretary_general)
    response = client.post(
        reverse("work:import", args=[directive.pk]),
        {"file": SimpleUploadedFile("ket-luan.docx", b"garbage")},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "docx" in body and not Task.objects.filter(directive=directive).exists()


def test_xlsx_upload_through_the_page(client_for, secretary_general, directive):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(secretary_general)
    bad = xlsx_bytes([["Sai"]])
    response = client.post(
        reverse("work:import_xlsx", args=[directive.pk]),
        {"file": SimpleUploadedFile("ds.xlsx", bad)},
    )
    assert response.status_code == 422
    good = SimpleUploadedFile("ds.xlsx", importing.template_xlsx())
    response = client.post(reverse("work:import_xlsx", args=[directive.pk]), {"file": good})
    assert response.status_code == 302
    assert Task.objects.filter(directive=directive, state=TaskState.DRAFT).count() == 1
    template = client.get(reverse("work:xlsx_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"
