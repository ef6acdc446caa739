"""Reports out of the work module: XLSX export, the "Báo cáo tình hình thực hiện nhiệm vụ" in
the Decree 30/2020 format (DOCX and PDF), and each person's iCal feed of deadlines.

The report is an administrative document, so its text is Vietnamese whatever the UI language.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from dienhong.core.dates import official_date
from dienhong.org.models import Membership, Unit
from dienhong.work.models import Task, TaskState, Timeliness

TIMELINESS_VI: dict[str, str] = {
    Timeliness.ON_TIME: "Hoàn thành đúng hạn",
    Timeliness.LATE: "Hoàn thành quá hạn",
    Timeliness.IN_TIME: "Đang thực hiện, trong hạn",
    Timeliness.OVERDUE: "Đang thực hiện, quá hạn",
    Timeliness.NONE: "",
}
STATE_VI: dict[str, str] = {
    TaskState.DRAFT: "Dự thảo",
    TaskState.ASSIGNED: "Đã giao",
    TaskState.IN_PROGRESS: "Đang thực hiện",
    TaskState.SUBMITTED: "Chờ nghiệm thu",
    TaskState.RETURNED: "Trả lại để hoàn thiện",
    TaskState.DONE: "Hoàn thành",
    TaskState.CANCELLED: "Đã hủy",
}


vn_date = official_date  # Decree 30 place-date form


def dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


@dataclass
class ReportData:
    start: date
    end: date
    unit: Unit | None
    number: str
    issued_on: date
    tasks: list[Task]
    counts: dict[str, int] = field(default_factory=dict)
    per_unit: list[dict[str, Any]] = field(default_factory=list)
    signer_prefix: str = ""
    signer_position: str = ""
    signer_name: str = ""

    @property
    def issuing_body(self) -> str:
        return (
            self.unit.name if self.unit and self.unit.depth > 0 else "Văn phòng Quốc hội"
        ).upper()

    @property
    def parent_body(self) -> str:
        return "VĂN PHÒNG QUỐC HỘI" if self.unit and self.unit.depth > 0 else "QUỐC HỘI"

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}" if self.number else "Số:      /BC-VPQH"

    @property
    def date_line(self) -> str:
        return f"Hà Nội, {vn_date(self.issued_on)}"

    @property
    def subject(self) -> str:
        return f"Tình hình thực hiện nhiệm vụ từ {vn_date(self.start)} đến {vn_date(self.end)}"

    @property
    def overdue(self) -> list[Task]:
        return [t for t in self.tasks if getattr(t, "timeliness", "") == Timeliness.OVERDUE]

    @property
    def due_soon(self) -> list[Task]:
        return [t for t in self.tasks if getattr(t, "due_soon", False)]

    @property
    def body(self) -> list[str]:
        c = self.counts
        done = c["on_time"] + c["late"]
        rate = f"{round(100 * c['on_time'] / done)}%" if done else "—"
        scope = self.unit.name if self.unit else "Văn phòng Quốc hội"
        return [
            f"Thực hiện cơ chế quản lý “rõ việc, rõ người, rõ tiến độ, rõ trách nhiệm, rõ kết quả”, "  # noqa: E501
            f"{scope} báo cáo tình hình thực hiện nhiệm vụ trong kỳ như sau:",
            f"Tổng số nhiệm vụ theo dõi trong kỳ: {len(self.tasks)}; trong đó đã hoàn thành {done} "
            f"({c['on_time']} đúng hạn, {c['late']} quá hạn; tỷ lệ đúng hạn {rate}); "
            f"đang thực hiện {c['in_time'] + c['overdue']} ({c['in_time']} trong hạn, {c['overdue']} quá hạn).",  # noqa: E501
        ]


def signer(user: Any) -> tuple[str, str, str]:
    """Authority prefix (TL., KT.), position and name for the signature block."""
    person = getattr(user, "person", None)
    if person is None:
        return "", "", getattr(user, "username", "")
    post = (
        Membership.objects.filter(person=person, valid_to__isnull=True)
        .select_related("position", "unit")
        .order_by("-is_primary", "position__rank")
        .first()
    )
    if post is None:
        return "", "", person.full_name
    title = post.position.title
    if title.startswith("Tổng Thư ký"):
        return "", "TỔNG THƯ KÝ QUỐC HỘI - CHỦ NHIỆM VĂN PHÒNG QUỐC HỘI", person.full_name
    if title.startswith("Phó Chủ nhiệm"):
        return "KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", person.full_name
    return "TL. CHỦ NHIỆM", f"{title} {post.unit.name}".upper(), person.full_name


def build(
    user: Any,
    *,
    start: date,
    end: date,
    unit: Unit | None,
    number: str = "",
    issued_on: date | None = None,
) -> ReportData:
    from dienhong.work.selectors import default_dashboard_unit, report_rows

    unit = unit or default_dashboard_unit(user)
    tasks = list(report_rows(user, start=start, end=end, unit=unit))
    counts = {key: 0 for key in ("on_time", "late", "in_time", "overdue")}
    units: dict[str, dict[str, Any]] = {}
    for task in tasks:
        value = getattr(task, "timeliness", Timeliness.NONE)
        if value in counts:
            counts[value] += 1
        name = str(task.lead_unit or "")
        row = units.setdefault(
            name, {"unit": name, "total": 0, "on_time": 0, "late": 0, "in_time": 0, "overdue": 0}
        )
        row["total"] += 1
        if value in counts:
            row[value] += 1
    prefix, position, name = signer(user)
    return ReportData(
        start=start,
        end=end,
        unit=unit,
        number=number,
        issued_on=issued_on or timezone.localdate(),
        tasks=tasks,
        counts=counts,
        per_unit=sorted(units.values(), key=lambda r: (-r["overdue"], r["unit"])),
        signer_prefix=prefix,
        signer_position=position,
        signer_name=name,
    )


def recipients(data: ReportData) -> list[str]:
    lines = [
        "- Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội (để báo cáo);",
        "- Các Phó Chủ nhiệm Văn phòng Quốc hội;",
        "- Các vụ, đơn vị thuộc Văn phòng Quốc hội;",
        "- Lưu: VT, TH.",
    ]
    return lines


# --- XLSX -----------------------------------------------------------------------------------

XLSX_COLUMNS = [
    "STT",
    "Nhiệm vụ",
    "Văn bản chỉ đạo",
    "Đơn vị chủ trì",
    "Người chịu trách nhiệm",
    "Đơn vị phối hợp",
    "Ngày giao",
    "Hạn ban đầu",
    "Hạn hiện tại",
    "Trạng thái",
    "Tiến độ (%)",
    "Ngày hoàn thành",
    "Tình hình thực hiện",
]


def xlsx(data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Tổng hợp"
    summary.append([f"BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ({dmy(data.start)} – {dmy(data.end)})"])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([data.unit.name if data.unit else "Văn phòng Quốc hội"])
    summary.append([])
    summary.append(
        [
            "Đơn vị chủ trì",
            "Tổng số",
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Đang thực hiện trong hạn",
            "Đang thực hiện quá hạn",
        ]
    )
    for cell in summary[4]:
        cell.font = Font(bold=True)
    for row in data.per_unit:
        summary.append(
            [row["unit"], row["total"], row["on_time"], row["late"], row["in_time"], row["overdue"]]
        )
    summary.append(
        [
            "Cộng",
            len(data.tasks),
            data.counts["on_time"],
            data.counts["late"],
            data.counts["in_time"],
            data.counts["overdue"],
        ]
    )
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 48
    for letter in "BCDEF":
        summary.column_dimensions[letter].width = 16
    sheet = book.create_sheet("Danh sách nhiệm vụ")
    sheet.append(XLSX_COLUMNS)
    header_fill = PatternFill("solid", fgColor="EDEDED")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, task in enumerate(data.tasks, start=1):
        sheet.append(
            [
                index,
                task.title,
                str(task.directive or ""),
                str(task.lead_unit or ""),
                str(task.owner or ""),
                ", ".join(u.name for u in task.support_units.all()),
                task.assigned_on,
                task.original_due,
                task.due,
                STATE_VI.get(task.state, task.state),
                task.progress,
                task.completed_on,
                TIMELINESS_VI.get(getattr(task, "timeliness", Timeliness.NONE), ""),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip(
        "ABCDEFGHIJKLM", (6, 50, 30, 26, 24, 26, 12, 12, 12, 18, 10, 14, 24), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- DOCX (Decree 30/2020 layout) ----------------------------------------------------------------


def docx(data: ReportData) -> bytes:
    import docx as python_docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    document = python_docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"  # type: ignore[attr-defined]
    normal.font.size = Pt(14)  # type: ignore[attr-defined]
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")  # type: ignore[attr-defined]

    def para(
        container: Any,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = 14,
        align: Any = WD_ALIGN_PARAGRAPH.CENTER,
        space_after: float = 0,
        indent: bool = False,
        underline_rule: bool = False,
    ) -> Any:
        paragraph = container.add_paragraph()
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(space_after)
        paragraph.paragraph_format.space_before = Pt(0)
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if underline_rule:
            _bottom_rule(paragraph)
        return paragraph

    def _bottom_rule(paragraph: Any) -> None:
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "6"),
            ("w:space", "1"),
            ("w:color", "000000"),
        ):
            bottom.set(qn(key), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].text = ""
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.add_run(data.parent_body).font.size = Pt(13)
    body_line = para(left, data.issuing_body, bold=True, size=13)
    body_line.paragraph_format.space_after = Pt(2)
    para(left, "─────", size=8)
    para(left, data.number_line, size=13)
    right_first = right.paragraphs[0]
    right_first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right_first.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    run.bold, run.font.size = True, Pt(13)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14)
    para(right, "───────────────────", size=8)
    para(right, data.date_line, italic=True, size=14)
    para(document, "", space_after=6)
    para(document, "BÁO CÁO", bold=True, size=14)
    para(document, data.subject, bold=True, size=14)
    para(document, "──────────", size=8, space_after=12)
    for text in data.body:
        para(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, space_after=6)
    para(
        document,
        "I. KẾT QUẢ THEO ĐƠN VỊ CHỦ TRÌ",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        space_after=6,
    )
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    titles = [
        "Đơn vị chủ trì",
        "Tổng số",
        "Đúng hạn",
        "Quá hạn (đã HT)",
        "Trong hạn",
        "Quá hạn (đang TH)",
    ]
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
    for row in data.per_unit:
        cells = table.add_row().cells
        for cell, value in zip(
            cells,
            [
                row["unit"],
                row["total"],
                row["on_time"],
                row["late"],
                row["in_time"],
                row["overdue"],
            ],
            strict=True,
        ):
            cell.text = str(value)
    for row_cells in table.rows:
        for cell in row_cells.cells:
            for paragraph in cell.paragraphs:
                for run_ in paragraph.runs:
                    run_.font.size = Pt(12)
    para(document, "", space_after=6)
    para(
        document,
        "II. NHIỆM VỤ QUÁ HẠN CẦN TẬP TRUNG CHỈ ĐẠO",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        space_after=6,
    )
    for index, task in enumerate(data.overdue, start=1):
        para(
            document,
            f"{index}. {task.title} — {task.lead_unit}; hạn {dmy(task.due)}"
            f"{'' if task.due == task.original_due else f' (hạn ban đầu {dmy(task.original_due)})'}; "  # noqa: E501
            f"tiến độ {task.progress}%.",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=True,
            space_after=6,
        )
    if not data.overdue:
        para(
            document,
            "Không có nhiệm vụ quá hạn.",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=True,
            space_after=6,
        )
    para(
        document,
        "III. NHIỆM VỤ SẮP ĐẾN HẠN",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        space_after=6,
    )
    for index, task in enumerate(data.due_soon, start=1):
        para(
            document,
            f"{index}. {task.title} — {task.lead_unit}; hạn {dmy(task.due)}.",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=True,
            space_after=6,
        )
    if not data.due_soon:
        para(
            document,
            "Không có nhiệm vụ sắp đến hạn.",
            align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            indent=True,
            space_after=6,
        )
    para(document, "", space_after=6)
    footer = document.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    left.width, right.width = Cm(8), Cm(8)
    first = left.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = first.add_run("Nơi nhận:")
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    for line in recipients(data):
        para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    sign = right.paragraphs[0]
    sign.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if data.signer_prefix:
        run = sign.add_run(data.signer_prefix)
        run.bold, run.font.size = True, Pt(14)
        para(right, data.signer_position, bold=True)
    else:
        run = sign.add_run(data.signer_position)
        run.bold, run.font.size = True, Pt(14)
    for _blank in range(4):
        para(right, "")
    para(right, data.signer_name, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF (WeasyPrint, Liberation Serif) ----------------------------------------------------------


def pdf(data: ReportData) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "work/report_pdf.html", {"r": data, "recipients": recipients(data), "state_vi": STATE_VI}
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


# --- iCal ---------------------------------------------------------------------------------------


def ical(user: Any, *, base_url: str) -> bytes:
    """Deadlines of the person's open tasks and milestones as an iCalendar feed."""
    from datetime import timedelta

    from icalendar import Calendar, Event

    from dienhong.work.models import OPEN_STATES, Milestone

    person = getattr(user, "person", None)
    calendar = Calendar()
    calendar.add("prodid", "-//Dien Hong//work//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Diên Hồng – hạn nhiệm vụ")
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    if person is None:
        return calendar.to_ical()  # type: ignore[no-any-return]
    stamp = timezone.now()
    tasks = Task.objects.filter(
        owner=person, state__in=OPEN_STATES, due__isnull=False
    ).select_related("lead_unit")
    for task in tasks:
        assert task.due is not None
        event = Event()
        event.add("uid", f"task-{task.pk}@dienhong")
        event.add("summary", f"Hạn: {task.title}")
        event.add("dtstart", task.due)
        event.add("dtend", task.due + timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add(
            "description",
            f"{task.lead_unit} — {STATE_VI.get(task.state, task.state)}, {task.progress}%",
        )
        event.add("url", f"{base_url}/work/tasks/{task.pk}/")
        calendar.add_component(event)
    milestones = Milestone.objects.filter(
        task__owner=person, task__state__in=OPEN_STATES, done_on__isnull=True
    )
    for milestone in milestones.select_related("task"):
        event = Event()
        event.add("uid", f"milestone-{milestone.pk}@dienhong")
        event.add("summary", f"Mốc: {milestone.title} ({milestone.task.title[:60]})")
        event.add("dtstart", milestone.due)
        event.add("dtend", milestone.due + timedelta(days=1))
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]
