"""Documents out: the programme and the chair's script as DOCX and PDF in the Decree 30/2020
style, the minutes as DOCX, the accreditation list as CSV/XLSX, and the iCal feed.

Decree 30 layout: A4, margins 20/20/30/15 mm, Times New Roman 13–14 (Liberation Serif in PDFs:
same metrics, every Vietnamese letter), a two-column header (issuing body and number on the
left; national title, motto and "Hà Nội, ngày …" on the right), the type and subject centred,
page numbers centred at the top from page 2, recipients at the bottom left, signature right.
Official documents are in Vietnamese whatever the reader's interface language.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from dienhong.sittings.formats import PARTS_VI, day_heading_vi, official_date
from dienhong.sittings.models import (
    ItemKind,
    Participant,
    ProgrammeVersion,
    Script,
    ScriptVersion,
    Session,
    Sitting,
    SittingFormat,
)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PLACE = "Hà Nội"
FONT = "Times New Roman"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMAT_VI = {
    SittingFormat.HALL: "họp tại hội trường",
    SittingFormat.GROUP: "thảo luận ở tổ",
    SittingFormat.ONLINE: "họp trực tuyến với các địa phương",
}
KIND_VI = {
    ItemKind.CEREMONY: "Nghi lễ",
    ItemKind.REPORT: "Báo cáo, tờ trình",
    ItemKind.VERIFICATION: "Báo cáo thẩm tra",
    ItemKind.DISCUSSION: "Thảo luận",
    ItemKind.QA: "Chất vấn và trả lời chất vấn",
    ItemKind.VOTE: "Biểu quyết",
    ItemKind.OTHER: "",
}


def balanced(text: str, width: int = 24) -> str:
    """Break an upper-case heading into two balanced lines, as printed documents do
    ("ỦY BAN THƯỜNG VỤ / QUỐC HỘI"); an explicit line break is kept."""
    if "\n" in text or len(text) <= width:
        return text
    if " - " in text:  # two titles held together: one per line
        return text.replace(" - ", "\n")
    if text.endswith(" QUỐC HỘI"):  # "ỦY BAN THƯỜNG VỤ / QUỐC HỘI", as the NA prints it
        return text.removesuffix(" QUỐC HỘI") + "\nQUỐC HỘI"
    words = text.split()
    best = min(
        range(1, len(words)),
        key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))),
    )
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


# --- shared view of a programme (snapshot) for both formats ------------------------------------


def programme_days(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Sittings grouped by day with Vietnamese headings, as both outputs print them."""
    days: dict[str, dict[str, Any]] = {}
    for sitting in snapshot.get("sittings", []):
        day = days.setdefault(
            sitting["date"],
            {
                "heading": day_heading_vi(date.fromisoformat(sitting["date"])),
                "sittings": [],
            },
        )
        day["sittings"].append(
            {
                **sitting,
                "part_label": f"Buổi {PARTS_VI.get(sitting['part'], '')}",
                "format_label": FORMAT_VI.get(sitting["format"], ""),
                "items": [
                    {
                        **item,
                        "kind_label": KIND_VI.get(item["kind"], ""),
                        "documents_label": "; ".join(
                            d["number"] or d["subject"][:60] for d in item["documents"]
                        ),
                    }
                    for item in sitting["items"]
                ],
            }
        )
    return [days[key] for key in sorted(days)]


def _number_line(session: Session) -> str:
    symbol = session.document_symbol
    return f"Số:        /{symbol}" if symbol else ""


def _version_line(version: ProgrammeVersion) -> str:
    when = timezone.localtime(version.published_at).date()
    return (
        f"(Phiên bản số {version.number}, công bố {official_date(when)}."
        f" Lý do: {version.reason.rstrip('.')}.)"
    )


def _recipients(session: Session) -> list[str]:
    if session.is_event:
        lines = ["Lãnh đạo Quốc hội", "Các đại biểu, khách mời", "Các đơn vị thuộc VPQH"]
    elif session.kind == "meeting":
        lines = [
            "Các đồng chí Ủy viên UBTVQH",
            "Các cơ quan trình, thẩm tra",
            "Các đơn vị thuộc VPQH",
        ]
    else:
        lines = [
            "Các vị đại biểu Quốc hội",
            "Các cơ quan, tổ chức hữu quan",
            "Các đơn vị thuộc VPQH",
        ]
    return [*[f"- {line};" for line in lines], "- Lưu: HC, TH."]


def programme_context(session: Session, version: ProgrammeVersion) -> dict[str, Any]:
    return {
        "session": session,
        "version": version,
        "days": programme_days(version.snapshot),
        "parent": session.parent_issuer_label,
        "issuer": balanced(session.issuer_label or "VĂN PHÒNG QUỐC HỘI"),
        "number_line": _number_line(session),
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "date_line": f"{PLACE}, {official_date(timezone.localtime(version.published_at).date())}",
        "doc_type": "CHƯƠNG TRÌNH",
        "subject": version.snapshot["session"]["title"],
        "version_line": _version_line(version),
        "recipients": _recipients(session),
        "signer_authority": balanced(session.signer_authority, 26),
        "signer_position": balanced(session.signer_position, 26),
        "signer_name": session.signer_name,
    }


def script_context(script: Script, version: ScriptVersion) -> dict[str, Any]:
    source = version.source
    sitting = source["sitting"]
    day = date.fromisoformat(sitting["date"])
    part = PARTS_VI.get(sitting["part"], "")
    subject = f"Phiên họp buổi {part} {day_heading_vi(day)[0].lower()}{day_heading_vi(day)[1:]}"
    return {
        "script": script,
        "version": version,
        "parent": "",
        "issuer": "VĂN PHÒNG QUỐC HỘI",
        "number_line": "",
        "national_title": NATIONAL_TITLE,
        "motto": MOTTO,
        "date_line": f"{PLACE}, {official_date(timezone.localtime(version.created_at).date())}",
        "doc_type": "KỊCH BẢN ĐIỀU HÀNH",
        "subject": subject,
        "subject2": source["session"]["title"],
        "mark": "LƯU HÀNH NỘI BỘ",
        "version_line": (
            f"(Phiên bản số {version.number}"
            f"{', có chỉnh sửa' if any(s.get('edited') for s in version.sections) else ''};"
            f" {sitting['start']}–{sitting['end']}, {sitting['where']})"
        ),
        "stale": script.stale,
        "sections": version.sections,
    }


# --- PDF (WeasyPrint) -----------------------------------------------------------------------------


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(template, context)
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def programme_pdf(session: Session, version: ProgrammeVersion) -> bytes:
    return _pdf("sittings/print/programme.html", programme_context(session, version))


def script_pdf(script: Script, version: ScriptVersion) -> bytes:
    return _pdf("sittings/print/script.html", script_context(script, version))


# --- DOCX (python-docx) ---------------------------------------------------------------------------


def _docx_parts() -> Any:
    from docx import Document as new_document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    return new_document, WD_TABLE_ALIGNMENT, WD_ALIGN_PARAGRAPH, OxmlElement, qn, Mm, Pt


class _Docx:
    """A Decree 30 page: A4, margins, Times New Roman, page number from page 2."""

    def __init__(self) -> None:
        (
            new_document,
            self.TABLE_ALIGN,
            self.ALIGN,
            self.OxmlElement,
            self.qn,
            self.Mm,
            self.Pt,
        ) = _docx_parts()
        self.doc = new_document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = self.Mm(210), self.Mm(297)
        section.top_margin = section.bottom_margin = self.Mm(20)
        section.left_margin, section.right_margin = self.Mm(30), self.Mm(15)
        section.header_distance = self.Mm(10)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = self.Pt(14)
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(self.qn(attribute), FONT)
        normal.paragraph_format.space_after = self.Pt(0)
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.alignment = self.ALIGN.CENTER
        self._field(header, "PAGE")

    def _field(self, paragraph: Any, code: str) -> None:
        run = paragraph.add_run()
        run.font.size = self.Pt(13)
        for kind, text in (("begin", None), (None, code), ("end", None)):
            if kind is None:
                element = self.OxmlElement("w:instrText")
                element.set(self.qn("xml:space"), "preserve")
                element.text = text
            else:
                element = self.OxmlElement("w:fldChar")
                element.set(self.qn("w:fldCharType"), kind)
            run._r.append(element)

    def para(
        self,
        container: Any,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = 14,
        align: str = "center",
        before: float = 0,
        after: float = 0,
        indent_first: float = 0,
    ) -> Any:
        paragraph = container.add_paragraph()
        paragraph.alignment = {
            "center": self.ALIGN.CENTER,
            "left": self.ALIGN.LEFT,
            "right": self.ALIGN.RIGHT,
            "justify": self.ALIGN.JUSTIFY,
        }[align]
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = self.Pt(before), self.Pt(after)
        if indent_first:
            fmt.first_line_indent = self.Mm(indent_first)
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            run.font.size = self.Pt(size)
        return paragraph

    def rule(self, container: Any, *, indent_mm: float) -> None:
        """A short solid line, centred: the paragraph's bottom border between its indents."""
        paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.left_indent = fmt.right_indent = self.Mm(indent_mm)
        fmt.space_after = self.Pt(2)
        run = paragraph.add_run("")
        run.font.size = self.Pt(2)
        borders = self.OxmlElement("w:pBdr")
        bottom = self.OxmlElement("w:bottom")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "6"),
            ("w:space", "1"),
            ("w:color", "000000"),
        ):
            bottom.set(self.qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def table(self, rows: int, cols: int, widths_mm: list[float], *, grid: bool) -> Any:
        table = self.doc.add_table(rows=rows, cols=cols)
        if grid:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = self.TABLE_ALIGN.CENTER
        table.autofit = False
        for row in table.rows:
            for index, width in enumerate(widths_mm):
                row.cells[index].width = self.Mm(width)
        return table

    def cell(self, cell: Any) -> Any:
        """A table cell emptied of its default paragraph, ready for ``para``."""
        for paragraph in list(cell.paragraphs):
            paragraph._p.getparent().remove(paragraph._p)
        return cell

    def header(self, context: dict[str, Any]) -> None:
        table = self.table(1, 2, [70, 95], grid=False)
        left, right = self.cell(table.rows[0].cells[0]), self.cell(table.rows[0].cells[1])
        if context.get("parent"):
            self.para(left, context["parent"], size=13)
        for line in context["issuer"].split("\n"):
            self.para(left, line, bold=True, size=13)
        self.rule(left, indent_mm=22)
        if context.get("number_line"):
            self.para(left, context["number_line"], size=13, before=4)
        if context.get("mark"):
            self.para(left, context["mark"], bold=True, size=12, before=4)
        self.para(right, context["national_title"], bold=True, size=13)
        self.para(right, context["motto"], bold=True, size=14)
        self.rule(right, indent_mm=17)
        self.para(right, context["date_line"], italic=True, size=14, before=6)
        self.para(self.doc, context["doc_type"], bold=True, size=14, before=18)
        self.para(self.doc, context["subject"], bold=True, size=14)
        if context.get("subject2"):
            self.para(self.doc, context["subject2"], bold=True, size=14)
        self.rule(self.doc, indent_mm=60)
        if context.get("version_line"):
            self.para(self.doc, context["version_line"], italic=True, size=12, after=6)

    def signature(self, context: dict[str, Any]) -> None:
        table = self.table(1, 2, [80, 85], grid=False)
        left, right = self.cell(table.rows[0].cells[0]), self.cell(table.rows[0].cells[1])
        self.para(left, "Nơi nhận:", bold=True, italic=True, size=12, align="left", before=12)
        for line in context["recipients"]:
            self.para(left, line, size=11, align="left")
        lines = [
            *context.get("signer_authority", "").split("\n"),
            *context.get("signer_position", "").split("\n"),
        ]
        for index, line in enumerate(line for line in lines if line):
            self.para(right, line, bold=True, size=14, before=12 if index == 0 else 0)
        self.para(right, "", after=48)
        if context.get("signer_name"):
            self.para(right, context["signer_name"], bold=True, size=14)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def programme_docx(session: Session, version: ProgrammeVersion) -> bytes:
    context = programme_context(session, version)
    out = _Docx()
    out.header(context)
    for day in context["days"]:
        out.para(out.doc, day["heading"], bold=True, size=14, align="left", before=12, after=4)
        for sitting in day["sittings"]:
            line = f"{sitting['part_label']} ({sitting['start']}–{sitting['end']})"
            if sitting["title"]:
                line += f": {sitting['title']}"
            out.para(out.doc, line, bold=True, italic=True, size=13, align="left", before=4)
            details = [sitting["format_label"].capitalize()]
            if sitting["where"]:
                details[0] += f" ({sitting['where']})"
            if sitting["chair"]:
                details.append(f"Chủ tọa: {sitting['chair']}")
            if sitting["live"]:
                details.append("phát thanh, truyền hình trực tiếp")
            out.para(out.doc, "; ".join(details) + ".", italic=True, size=12, align="left", after=3)
            table = out.table(len(sitting["items"]) + 1, 3, [25, 95, 45], grid=True)
            for index, heading in enumerate(("Thời gian", "Nội dung", "Trình bày")):
                out.para(out.cell(table.rows[0].cells[index]), heading, bold=True, size=12)
            for row, item in zip(table.rows[1:], sitting["items"], strict=True):
                out.para(out.cell(row.cells[0]), f"{item['start']}–{item['end']}", size=12)
                content = out.cell(row.cells[1])
                out.para(content, item["title"], size=13, align="left")
                if item["documents_label"]:
                    out.para(
                        content,
                        f"Tài liệu: {item['documents_label']}",
                        italic=True,
                        size=11,
                        align="left",
                    )
                presenter = out.cell(row.cells[2])
                out.para(presenter, item["position"], size=12, align="left")
                if item["presenter"]:
                    out.para(presenter, item["presenter"], italic=True, size=12, align="left")
    out.signature(context)
    return out.bytes()


def script_docx(script: Script, version: ScriptVersion) -> bytes:
    context = script_context(script, version)
    out = _Docx()
    out.header(context)
    if context["stale"]:
        out.para(
            out.doc,
            "LƯU Ý: kịch bản này chưa cập nhật theo chương trình mới nhất.",
            bold=True,
            size=13,
            after=6,
        )
    for section in context["sections"]:
        out.para(out.doc, section["heading"], bold=True, size=14, align="left", before=10)
        out.para(
            out.doc,
            f"{section['time']} – {section['speaker']}:",
            italic=True,
            size=13,
            align="left",
            after=2,
        )
        for line in section["text"].splitlines():
            out.para(out.doc, line, size=14, align="justify", indent_first=10, after=4)
    return out.bytes()


def minutes_docx(sitting: Sitting, grouped: list[tuple[Any, list[Any]]], votes: list[Any]) -> bytes:
    session = sitting.session
    out = _Docx()
    out.header(
        {
            "parent": "",
            "issuer": session.issuer_label or "VĂN PHÒNG QUỐC HỘI",
            "number_line": "",
            "national_title": NATIONAL_TITLE,
            "motto": MOTTO,
            "date_line": f"{PLACE}, {official_date(sitting.date)}",
            "doc_type": "BIÊN BẢN",
            "subject": f"Phiên họp buổi {PARTS_VI.get(sitting.part, '')}"
            f" {day_heading_vi(sitting.date)[0].lower()}{day_heading_vi(sitting.date)[1:]}",
            "subject2": session.title,
        }
    )
    out.para(
        out.doc,
        f"Thời gian: {sitting.start_time:%H:%M}–{sitting.end_time:%H:%M}."
        f" Địa điểm: {sitting.where}. Chủ tọa: {sitting.chair_title or '…'}.",
        size=14,
        align="justify",
        indent_first=10,
        after=6,
    )
    for number, (item, entries) in enumerate(grouped, start=1):
        title = item.title if item is not None else "Nội dung khác"
        out.para(out.doc, f"{number}. {title}", bold=True, size=14, align="left", before=8)
        if not entries:
            out.para(out.doc, "(Chưa ghi biên bản.)", italic=True, size=13, align="left")
        for entry in entries:
            when = ""
            if entry.started_at:
                when = f"{entry.started_at:%H:%M}"
                if entry.ended_at:
                    when += f"–{entry.ended_at:%H:%M}"
                when += ": "
            who = entry.speaker_name + (
                f" ({entry.speaker_position})" if entry.speaker_position else ""
            )
            paragraph = out.para(out.doc, "", size=14, align="justify", indent_first=10, after=4)
            run = paragraph.add_run(f"{when}{who}")
            run.bold = True
            run.font.size = out.Pt(14)
            if entry.summary:
                paragraph.add_run(f" – {entry.summary}").font.size = out.Pt(14)
        for vote in [v for v in votes if item is not None and v.agenda_item_id == item.pk]:
            out.para(
                out.doc,
                vote_sentence(vote),
                italic=True,
                size=14,
                align="justify",
                indent_first=10,
                after=4,
            )
    return out.bytes()


def vote_sentence(vote: Any) -> str:
    result = "thông qua" if vote.passed else "không thông qua"
    return (
        f"Kết quả biểu quyết {vote.subject}: tán thành {vote.yes} ({vote.percent(vote.yes):.2f}%),"
        f" không tán thành {vote.no} ({vote.percent(vote.no):.2f}%), không biểu quyết"
        f" {vote.abstain} ({vote.percent(vote.abstain):.2f}%), không tham gia biểu quyết"
        f" {vote.not_voting} ({vote.percent(vote.not_voting):.2f}%) trên tổng số"
        f" {vote.total_deputies} đại biểu; {result}."
    )


# --- accreditation list ---------------------------------------------------------------------------

ACCREDITATION_COLUMNS = [
    "STT",
    "Họ và tên",
    "Chức vụ",
    "Cơ quan, đơn vị",
    "Thành phần",
    "Tổ",
    "Chỗ ngồi",
    "Số thẻ",
]


def accreditation_rows(participants: list[Participant]) -> list[list[Any]]:
    with translation.override("vi"):
        return [
            [
                index,
                p.full_name,
                p.position_title,
                p.organisation,
                str(p.get_kind_display()),
                p.group_label,
                p.seat,
                p.badge_number,
            ]
            for index, p in enumerate(participants, start=1)
        ]


def accreditation_csv(participants: list[Participant]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ACCREDITATION_COLUMNS)
    writer.writerows(accreditation_rows(participants))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def accreditation_xlsx(session: Session, participants: list[Participant]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách cấp thẻ"
    sheet.append([f"DANH SÁCH CẤP THẺ – {session.title.upper()}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [f"Từ {session.start:%d/%m/%Y} đến {session.end:%d/%m/%Y}; {len(participants)} người"]
    )
    sheet.append(ACCREDITATION_COLUMNS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in accreditation_rows(participants):
        sheet.append(row)
    for column, width in zip("ABCDEFGH", (6, 28, 30, 36, 18, 8, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- iCal -----------------------------------------------------------------------------------------


def programme_ical(session: Session, version: ProgrammeVersion, *, url: str = "") -> bytes:
    """One event per sitting, its agenda in the description; SEQUENCE follows the version."""
    from icalendar import Calendar, Event

    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Dien Hong//Programme//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", version.snapshot["session"]["title"])
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for sitting in version.snapshot["sittings"]:
        day = date.fromisoformat(sitting["date"])
        start = datetime.combine(day, datetime.strptime(sitting["start"], "%H:%M").time(), zone)
        end = datetime.combine(day, datetime.strptime(sitting["end"], "%H:%M").time(), zone)
        part = PARTS_VI.get(sitting["part"], "")
        summary = f"{version.snapshot['session']['title']} – buổi {part}"
        if sitting["title"]:
            summary += f": {sitting['title']}"
        lines = [
            f"{item['start']}–{item['end']} {item['title']}"
            + (
                f" ({item['position']} {item['presenter']})".replace(" )", ")")
                if item["position"] or item["presenter"]
                else ""
            )
            for item in sitting["items"]
        ]
        event = Event()
        event.add("uid", f"sitting-{sitting['id']}@dienhong")
        event.add("summary", summary)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", version.published_at)
        event.add("sequence", version.number)
        if sitting["where"]:
            event.add("location", sitting["where"])
        event.add("description", "\n".join(lines) + (f"\n\n{url}" if url else ""))
        calendar.add_component(event)
    return bytes(calendar.to_ical())
