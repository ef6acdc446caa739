"""Read a "Thông báo kết luận" (DOCX or pasted text) and XLSX task lists into draft rows.

A conclusion notice lists its instructions as numbered points ("1.", "2."), lettered
sub-points ("a)", "b)") and dashes ("-"). Every point without sub-points becomes a draft
task; its parents give the context. We also read, where the text says it, the lead unit
("Giao Vụ Tổng hợp chủ trì") and the deadline ("trước ngày 15/12/2025", "trong 10 ngày làm
việc").
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from dienhong.core.errors import ValidationFailed
from dienhong.core.text import fold, nfc
from dienhong.org.models import Person, Unit

_NUMBER = re.compile(
    r"^\s*(?P<mark>(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.)]|[a-zđ][)]|[-–•+*])\s+(?P<text>.+)$"
)
_ROMAN = re.compile(r"^[IVXLC]+[.)]$")
_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_BEFORE = re.compile(
    r"(?:trước|chậm nhất|hạn|hoàn thành)\D{0,25}?(?:ngày\s*)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})",
    re.IGNORECASE,
)
_WORKING_DAYS = re.compile(r"trong\s+(?:thời hạn\s+)?(\d{1,3})\s+ngày\s+làm\s+việc", re.IGNORECASE)
_LEAD = re.compile(
    r"(?:giao|đề nghị|yêu cầu)\s+(?P<unit>(?:Vụ|Cục|Báo|Phòng|Văn phòng|Trung tâm)[^,;.:()]*?)"
    r"\s+(?:chủ trì|thực hiện|tham mưu|khẩn trương|hoàn thành|phối hợp)",
    re.IGNORECASE,
)
_GIVEN = re.compile(r"^\s*(?:giao(?: cho)?|đề nghị|yêu cầu)\s+", re.IGNORECASE)
_SUPPORT = re.compile(r"phối hợp với\s+(?P<units>[^;.:()]+)", re.IGNORECASE)


@dataclass
class Point:
    """One point of the notice: its marker level, text and children."""

    level: int
    marker: str
    text: str
    children: list[Point] = field(default_factory=list)


@dataclass
class DraftItem:
    title: str
    description: str
    lead_unit: Unit | None = None
    support_units: list[Unit] = field(default_factory=list)
    due: date | None = None
    due_working_days: int | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "lead_unit": self.lead_unit,
            "support_units": self.support_units,
            "due": self.due,
            "due_working_days": self.due_working_days,
        }


def _level(marker: str) -> int:
    if _ROMAN.match(marker):
        return 0
    if marker[0].isdigit():
        return 1 + marker.rstrip(".)").count(".")
    if marker[0].isalpha():
        return 3
    return 4


def parse_points(text: str) -> list[Point]:
    """The tree of numbered points; unnumbered lines continue the point before them."""
    roots: list[Point] = []
    stack: list[Point] = []
    for raw in text.splitlines():
        line = nfc(raw)
        if not line:
            continue
        match = _NUMBER.match(line)
        if match is None:
            if stack:
                stack[-1].text += " " + line
            continue
        marker = match.group("mark")
        point = Point(_level(marker), marker, match.group("text").strip())
        while stack and stack[-1].level >= point.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(point)
        stack.append(point)
    return roots


def _is_heading(point: Point) -> bool:
    """A point that only introduces its sub-points ("1. Về chuẩn bị Phiên họp thứ 52:")."""
    return bool(point.children) and (point.text.rstrip().endswith(":") or point.level == 0)


def _leaves(points: list[Point], context: list[str]) -> list[tuple[Point, list[str]]]:
    """Points that are instructions, with the headings above them."""
    found: list[tuple[Point, list[str]]] = []
    for point in points:
        if not _is_heading(point):
            found.append((point, context))
        if point.children:
            inner = [*context, point.text] if _is_heading(point) else context
            found += _leaves(point.children, inner)
    return found


def _leading_unit(text: str) -> Unit | None:
    """The unit a point starts with ("Cục Quản trị bảo đảm hội trường ...")."""
    from dienhong.work.selectors import find_unit

    candidate = find_unit(text[:80])
    if candidate is not None and fold(text).startswith(candidate.name_folded):
        return candidate
    return None


_TRAILING_DEADLINE = re.compile(
    r",?\s*(?:(?:hoàn thành|xong|báo cáo)\s*)?(?:trước|chậm nhất|trong)\s+(?:ngày\s*|thời hạn\s+)?"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,3}\s+ngày\s+làm\s+việc)\s*[.;]?$",
    re.IGNORECASE,
)


def _short_title(text: str, lead: Unit | None, supports: list[Unit]) -> str:
    """The work itself: "Giao Vụ X chủ trì, phối hợp với Vụ Y chuẩn bị Z, hoàn thành trước
    ngày D" → "Chuẩn bị Z" (the units and the deadline have their own fields)."""
    short = _TRAILING_DEADLINE.sub("", text.strip()).rstrip(" .;,")
    if lead is not None:
        head = re.match(
            r"^(?:(?:giao(?: cho)?|đề nghị|yêu cầu)\s+)?"
            + re.escape(lead.name)
            + r"\s*(?:(?:chủ trì|thực hiện|tham mưu)\b)?\s*,?\s*",
            short,
            re.IGNORECASE,
        )
        if head is not None:
            rest = short[head.end() :]
            partners = re.match(r"^phối hợp với\s+", rest, re.IGNORECASE)
            if partners is not None and supports:
                rest = rest[partners.end() :]
                consumed = True
                while consumed:
                    consumed = False
                    for unit in supports:
                        name = re.match(re.escape(unit.name) + r"\s*(?:,|\bvà\b)?\s*", rest)
                        if name is not None:
                            rest = rest[name.end() :]
                            consumed = True
            short = rest
    short = short.strip(" ,;.")
    if len(short) < 8:
        return text
    return short[:1].upper() + short[1:]


def _title(text: str) -> str:
    sentence = re.split(r"(?<=[.;:])\s", text, maxsplit=1)[0].rstrip(".;:")
    return sentence if len(sentence) <= 300 else sentence[:297].rsplit(" ", 1)[0] + "…"


def _date(text: str) -> date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def _units(text: str) -> list[Unit]:
    from dienhong.work.selectors import find_unit

    found = []
    for part in re.split(r",|\bvà\b", text):
        unit = find_unit(part)
        if unit is not None and unit not in found:
            found.append(unit)
    return found


def draft_items(text: str) -> list[DraftItem]:
    """Draft tasks from the text of a conclusion notice."""
    from dienhong.work.selectors import find_unit

    points = parse_points(text)
    items = []
    for point, context in _leaves(points, []):
        full = " ".join([*context[-1:], point.text]).strip() if context else point.text
        item = DraftItem(title=_title(point.text), description=full if context else point.text)
        whole = " ".join([*context, point.text])
        lead = _LEAD.search(point.text)
        if lead is not None:
            item.lead_unit = find_unit(lead.group("unit"))
        if item.lead_unit is None:
            item.lead_unit = _leading_unit(_GIVEN.sub("", point.text, count=1))
        if item.lead_unit is None and context:
            heading = _LEAD.search(context[-1])
            item.lead_unit = (
                find_unit(heading.group("unit")) if heading else _leading_unit(context[-1])
            )
        support = _SUPPORT.search(point.text)
        if support is not None:
            item.support_units = [u for u in _units(support.group("units")) if u != item.lead_unit]
        before = _BEFORE.search(point.text) or _BEFORE.search(whole)
        if before is not None:
            item.due = _date(before.group(1))
        days = _WORKING_DAYS.search(point.text)
        if days is not None and item.due is None:
            item.due_working_days = int(days.group(1))
        item.title = _title(_short_title(point.text, item.lead_unit, item.support_units))
        items.append(item)
    return items


def docx_text(data: bytes) -> str:
    """Paragraph text of a DOCX; Word's automatic numbering is written out as "1." / "a)"."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
            raise ValidationFailed(
                _(
                    "The file is not a readable Word document (.docx). Save it again as .docx or paste the text."  # noqa: E501
                ),
                field="file",
                code="bad_docx",
            ) from error
    except ValidationFailed:
        raise
    except Exception as error:  # lxml errors on a broken document.xml, and the like
        raise ValidationFailed(
            _(
                "The file is not a readable Word document (.docx). Save it again as .docx or paste the text."  # noqa: E501
            ),
            field="file",
            code="bad_docx",
        ) from error
    counters: dict[int, int] = {}
    lines = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        properties = paragraph._p.pPr
        numbering: Any = properties.numPr if properties is not None else None
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if numbering is not None or "list number" in style or "list bullet" in style:
            level = 0
            if (
                numbering is not None
                and numbering.ilvl is not None
                and numbering.ilvl.val is not None
            ):
                level = int(numbering.ilvl.val)
            if "bullet" in style:
                text = f"- {text}"
            else:
                counters[level] = counters.get(level, 0) + 1
                for deeper in [k for k in counters if k > level]:
                    counters.pop(deeper)
                number = counters[level]
                marker = f"{number}." if level == 0 else f"{chr(ord('a') + (number - 1) % 26)})"
                if not _NUMBER.match(text):
                    text = f"{marker} {text}"
        lines.append(text)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text.strip():
                    lines.append(cell.text.strip())
    return "\n".join(lines)


# --- XLSX template ----------------------------------------------------------------------------

COLUMNS = [
    ("title", "Nhiệm vụ"),
    ("description", "Nội dung chi tiết"),
    ("lead_unit", "Đơn vị chủ trì"),
    ("owner", "Người chịu trách nhiệm"),
    ("support_units", "Đơn vị phối hợp"),
    ("due", "Hạn hoàn thành"),
    ("expected_result", "Kết quả, sản phẩm"),
    ("acceptor", "Người nghiệm thu"),
]


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nhiệm vụ"
    sheet.append([label for _key, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "Chuẩn bị báo cáo tổng hợp ý kiến đại biểu",
            "Tổng hợp ý kiến thảo luận tại tổ và hội trường",
            "Vụ Tổng hợp",
            "",
            "Vụ Hành chính",
            "15/12/2025",
            "Báo cáo tổng hợp trình Tổng Thư ký",
            "",
        ]
    )
    for letter, width in zip("ABCDEFGH", (48, 48, 28, 28, 28, 16, 36, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    rule = DataValidation(type="date", allow_blank=True)
    rule.error = "dd/mm/yyyy"
    sheet.add_data_validation(rule)
    rule.add("F2:F1000")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


def _cell_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = _date(str(value))
    if parsed is None:
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(str(value)) from None
    return parsed


def read_xlsx(data: bytes) -> list[dict[str, Any]]:
    """Rows of the import template as task keyword arguments; every error names row and column.

    Raises ``ValidationFailed`` listing all problems (nothing is created when any row is wrong).
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from dienhong.work.selectors import find_person, find_unit

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise ValidationFailed(
            _("The file is not a readable Excel workbook (.xlsx)."), field="file", code="bad_xlsx"
        ) from error
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise ValidationFailed(_("The workbook is empty."), field="file")
    header = [fold(str(value or "")) for value in rows[0]]
    problems: list[str] = []
    for index, (_key, label) in enumerate(COLUMNS):
        found = header[index] if index < len(header) else ""
        if found != fold(label):
            problems.append(
                _("Row 1, column %(column)s: expected “%(expected)s”, found “%(found)s”.")
                % {
                    "column": get_column_letter(index + 1),
                    "expected": label,
                    "found": str(rows[0][index] or "") if index < len(rows[0]) else "",
                }
            )
    if problems:
        raise ValidationFailed(" ".join(problems), field="file", code="bad_columns")
    items: list[dict[str, Any]] = []
    for number, row in enumerate(rows[1:], start=2):
        values = list(row) + [None] * (len(COLUMNS) - len(row))
        if all(value in (None, "") for value in values[: len(COLUMNS)]):
            continue
        cell = {key: values[index] for index, (key, _label) in enumerate(COLUMNS)}

        def where(key: str, row_number: int = number) -> str:
            index = [k for k, _label in COLUMNS].index(key)
            return _("Row %(row)d, column %(column)s (%(label)s)") % {
                "row": row_number,
                "column": get_column_letter(index + 1),
                "label": COLUMNS[index][1],
            }

        title = nfc(str(cell["title"] or ""))
        if not title:
            problems.append(_("%(where)s: the task is empty.") % {"where": where("title")})
        lead: Unit | None = None
        if cell["lead_unit"]:
            lead = find_unit(str(cell["lead_unit"]))
            if lead is None:
                problems.append(
                    _("%(where)s: no unit named “%(value)s”.")
                    % {"where": where("lead_unit"), "value": cell["lead_unit"]}
                )
        owner: Person | None = None
        if cell["owner"]:
            owner = find_person(str(cell["owner"]), unit=lead)
            if owner is None:
                problems.append(
                    _("%(where)s: no person “%(value)s” in the lead unit.")
                    % {"where": where("owner"), "value": cell["owner"]}
                )
        supports = []
        for name in str(cell["support_units"] or "").split(","):
            if name.strip():
                unit = find_unit(name)
                if unit is None:
                    problems.append(
                        _("%(where)s: no unit named “%(value)s”.")
                        % {"where": where("support_units"), "value": name.strip()}
                    )
                else:
                    supports.append(unit)
        try:
            due = _cell_date(cell["due"])
        except ValueError:
            due = None
            problems.append(
                _("%(where)s: “%(value)s” is not a date (dd/mm/yyyy).")
                % {"where": where("due"), "value": cell["due"]}
            )
        acceptor: Person | None = None
        if cell["acceptor"]:
            acceptor = find_person(str(cell["acceptor"]))
            if acceptor is None:
                problems.append(
                    _("%(where)s: no person “%(value)s”.")
                    % {"where": where("acceptor"), "value": cell["acceptor"]}
                )
        items.append(
            {
                "title": title[:500],
                "description": str(cell["description"] or "").strip(),
                "lead_unit": lead,
                "owner": owner,
                "support_units": supports,
                "due": due,
                "expected_result": str(cell["expected_result"] or "").strip(),
                "acceptor": acceptor,
            }
        )
    if problems:
        raise ValidationFailed(" ".join(problems[:30]), field="file", code="bad_rows")
    if not items:
        raise ValidationFailed(_("The workbook has no task rows."), field="file")
    return items
