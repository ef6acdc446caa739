"""Generated documents opened and read back: programme and script as DOCX and PDF in the
Decree 30 style, the minutes, the accreditation list and the iCal feed."""

from __future__ import annotations

import csv
import io
from datetime import time

import pypdfium2
from docx import Document as read_docx
from icalendar import Calendar
from openpyxl import load_workbook

from dienhong.sittings import output, services
from dienhong.sittings.models import Script, SpeechKind


def _docx_text(content: bytes) -> tuple[str, object]:
    document = read_docx(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts), document


def _pdf_text(content: bytes) -> tuple[str, int]:
    pdf = pypdfium2.PdfDocument(content)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return text, len(pdf)


def test_programme_docx_in_the_decree_30_style(event, leader):
    services.update_session(actor=leader, session=event, data={"signer_name": "Trần Văn Bình"})
    version = services.publish_programme(actor=leader, session=event, reason="Ban hành", based_on=0)
    text, document = _docx_text(output.programme_docx(event, version))
    for expected in [
        "VĂN PHÒNG QUỐC HỘI",
        "Số:        /CTr-VPQH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHƯƠNG TRÌNH",
        "Hội nghị thử nghiệm",
        "Thứ Hai, ngày 08/03/2027",
        "Nội dung 1-morning-1",
        "Bộ trưởng Bộ Tư pháp",
        "08:00–08:30",
        "Nơi nhận:",
        "- Lưu: HC, TH.",
        "Trần Văn Bình",
        "Phiên bản số 1",
    ]:
        assert expected in text, expected
    assert "Hà Nội, ngày" in text
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert section.different_first_page_header_footer
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_programme_pdf_is_a4_with_vietnamese_text(event, leader):
    version = services.publish_programme(actor=leader, session=event, reason="Ban hành", based_on=0)
    content = output.programme_pdf(event, version)
    assert content.startswith(b"%PDF")
    text, pages = _pdf_text(content)
    assert pages >= 1
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CHƯƠNG TRÌNH",
        "Hội nghị thử nghiệm",
        "Nội dung 2-afternoon-3",
        "Nơi nhận",
    ]:
        assert expected in text, expected
    width, height = pypdfium2.PdfDocument(content)[0].get_size()
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297


def test_script_docx_and_pdf_carry_the_generated_wording(event, leader):
    morning = event.sittings.order_by("date", "start_time").first()
    services.generate_script(actor=leader, sitting=morning)
    script = Script.objects.get(sitting=morning)
    version = script.versions.get(number=1)
    text, _document = _docx_text(output.script_docx(script, version))
    assert "KỊCH BẢN ĐIỀU HÀNH" in text and "LƯU HÀNH NỘI BỘ" in text
    assert "Phiên họp buổi sáng thứ Hai, ngày 08/03/2027" in text
    assert "Xin trân trọng kính mời Bộ trưởng Bộ Tư pháp trình bày." in text
    assert "chưa cập nhật" not in text
    services.update_item(actor=leader, item=morning.items.first(), data={"duration": 35})
    script.refresh_from_db()
    pdf_text, _pages = _pdf_text(output.script_pdf(script, version))
    assert "KỊCH BẢN ĐIỀU HÀNH" in pdf_text
    assert "chưa cập nhật theo chương trình mới nhất" in pdf_text  # a stale script says so


def test_minutes_docx_structured_by_agenda_item(event, leader):
    from dienhong.sittings import selectors

    morning = event.sittings.order_by("date", "start_time").first()
    item = morning.items.order_by("position").first()
    services.add_minutes_entry(
        actor=leader,
        sitting=morning,
        agenda_item=item,
        kind=SpeechKind.PRESENTATION,
        speaker_name="Nguyễn Văn An",
        speaker_position="Bộ trưởng Bộ Tư pháp",
        started_at=time(8),
        ended_at=time(8, 25),
        summary="Trình bày tờ trình.",
    )
    services.record_vote(
        actor=leader,
        sitting=morning,
        agenda_item=item,
        subject="Luật X",
        yes=300,
        no=10,
        abstain=5,
        total_deputies=480,
    )
    content = output.minutes_docx(
        morning, selectors.minutes_of(morning), list(selectors.votes_of(morning))
    )
    text, _document = _docx_text(content)
    assert "BIÊN BẢN" in text
    assert "1. Nội dung 1-morning-1" in text
    assert "08:00–08:25: Nguyễn Văn An (Bộ trưởng Bộ Tư pháp) – Trình bày tờ trình." in text
    assert "tán thành 300 (62.50%)" in text and "không tham gia biểu quyết 165 (34.38%)" in text
    assert "(Chưa ghi biên bản.)" in text


def test_ical_feed_has_one_event_per_sitting(event, leader):
    version = services.publish_programme(actor=leader, session=event, reason="Ban hành", based_on=0)
    calendar = Calendar.from_ical(output.programme_ical(event, version, url="https://x/p/"))
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 4
    first = min(events, key=lambda e: e.decoded("dtstart"))
    start = first.decoded("dtstart")
    assert (start.hour, start.minute) == (8, 0) and str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert int(first.get("sequence")) == 1
    assert "08:00–08:30 Nội dung 1-morning-1 (Bộ trưởng Bộ Tư pháp)" in str(
        first.get("description")
    )
    assert str(first.get("location")) == "Phòng thử nghiệm, Nhà Quốc hội"


def test_accreditation_list_for_security(event, leader):
    services.add_participant(
        actor=leader,
        session=event,
        kind="guest",
        full_name="Lê Văn Khách",
        position_title="Đại sứ",
        organisation="Đoàn Ngoại giao",
        badge_number="K001",
        seat="A-01",
    )
    participants = list(event.participants.all())
    rows = list(csv.reader(io.StringIO(output.accreditation_csv(participants).decode("utf-8-sig"))))
    assert rows[0][:3] == ["STT", "Họ và tên", "Chức vụ"]
    assert rows[1][1:4] == ["Lê Văn Khách", "Đại sứ", "Đoàn Ngoại giao"]
    assert rows[1][4] == "Khách mời" or rows[1][4]
    book = load_workbook(io.BytesIO(output.accreditation_xlsx(event, participants)))
    sheet = book.active
    assert "DANH SÁCH CẤP THẺ" in sheet["A1"].value
    assert sheet["B4"].value == "Lê Văn Khách" and sheet["H4"].value == "K001"
