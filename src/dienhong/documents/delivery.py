"""Files out: downloads (stamped when restricted or confidential: PDFs on every page, DOCX and
XLSX in every header and footer) and page previews (stamped the same)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from dienhong.documents import blobs
from dienhong.documents.models import (
    Access,
    Document,
    ExtractionStatus,
    FileKind,
    StoredFile,
    VersionFile,
)

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
PREVIEW_WIDTHS = (200, 900)
#: The colour of every stamp (PDF pages, previews, DOCX and XLSX headers and footers).
STAMP_RED = (170, 20, 20)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Delivery:
    content: bytes | None
    storage_name: str | None
    filename: str
    content_type: str
    watermarked: bool


def needs_watermark(document: Document) -> bool:
    return document.access in (Access.RESTRICTED, Access.CONFIDENTIAL)


def pdf_source(stored: StoredFile) -> str | None:
    """The PDF to show or stamp: the searchable one when OCR made it, else the original."""
    if stored.searchable_name:
        return stored.searchable_name
    if stored.kind == FileKind.PDF:
        return stored.storage_name
    return None


def download(
    document: Document, file: VersionFile, *, user_label: str, when: datetime | None = None
) -> Delivery:
    stored = file.stored
    if needs_watermark(document):
        source = pdf_source(stored)
        if source is not None:
            text = stamp_text(document, user_label, when)
            with blobs.storage().open(source, "rb") as handle:
                data = watermark(handle.read(), text)
            name = Path(file.name).stem + ".pdf"
            return Delivery(data, None, name, "application/pdf", True)
        office = _OFFICE_STAMPS.get(stored.kind)
        if office is not None and stored.status == ExtractionStatus.DONE:  # readable
            stamp, content_type = office
            text = stamp_text(document, user_label, when)
            with blobs.storage().open(stored.storage_name, "rb") as handle:
                data = stamp(handle.read(), text)
            return Delivery(data, None, file.name, stored.content_type or content_type, True)
    return Delivery(
        None,
        stored.storage_name,
        file.name,
        stored.content_type or "application/octet-stream",
        False,
    )


def stamp_text(document: Document, user_label: str, when: datetime | None = None) -> str:
    """What a restricted document's copies carry: who took it, when, and its access level."""
    when = when or timezone.localtime()
    return f"{user_label} · {when:%d/%m/%Y %H:%M} · {document.get_access_display()}"


def stamp_docx(data: bytes, text: str) -> bytes:
    """``text`` as the first line of every section's header and footer, small and red: Word
    shows it on every page, and the body is left as it was."""
    import docx
    from docx.shared import Pt, RGBColor

    document = docx.Document(io.BytesIO(data))
    for section in document.sections:
        for part in (section.header, section.footer):
            part.is_linked_to_previous = False
            first = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
            line = first.insert_paragraph_before()
            run = line.add_run(text)
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor(*STAMP_RED)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_SHEET = re.compile(r"xl/(?:worksheets|chartsheets)/[^/]+\.xml")
#: What may follow ``headerFooter`` in a worksheet (ECMA-376 CT_Worksheet's sequence); a chart
#: sheet's (CT_Chartsheet: drawing, legacyDrawing, ..., extLst) are among them, and nothing
#: that precedes it in either.
_AFTER = frozenset(
    [
        "rowBreaks",
        "colBreaks",
        "customProperties",
        "cellWatches",
        "ignoredErrors",
        "smartTags",
        "drawing",
        "legacyDrawing",
        "legacyDrawingHF",
        "drawingHF",
        "picture",
        "oleObjects",
        "controls",
        "webPublishItems",
        "tableParts",
        "extLst",
    ]
)
_HEADER_SECTION = re.compile(r"&&|&[LCR]")


def stamp_xlsx(data: bytes, text: str) -> bytes:
    """``text`` in every worksheet's and chart sheet's header and footer, small and red,
    centred under what they already say: Excel prints it on every page and shows it in page
    layout view. Only the sheets' XML is rewritten; every other part of the workbook (charts,
    images, macros) is copied as is."""
    stamp = '&"-,Regular"&8&K{:02X}{:02X}{:02X}'.format(*STAMP_RED) + text.replace("&", "&&")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if _SHEET.fullmatch(item.filename):
                content = _stamp_sheet(content, stamp)
            target.writestr(item, content)
    return out.getvalue()


def _stamp_sheet(xml: bytes, stamp: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    # Transitional or Strict OOXML: the sheet's own namespace.
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    box = root.find(ns + "headerFooter")
    if box is None:
        box = etree.Element(ns + "headerFooter")
        later = [c for c in root if isinstance(c.tag, str) and etree.QName(c).localname in _AFTER]
        _insert(root, box, later)
    kinds = ["odd"]
    if box.get("differentOddEven") in ("1", "true"):
        kinds.append("even")
    if box.get("differentFirst") in ("1", "true"):
        kinds.append("first")
    order = [f"{k}{part}" for k in ("odd", "even", "first") for part in ("Header", "Footer")]
    for kind in kinds:
        for part in ("Header", "Footer"):
            element = box.find(ns + kind + part)
            if element is None:
                element = etree.Element(ns + kind + part)
                at = order.index(kind + part)
                _insert(box, element, [box.find(ns + name) for name in order[at + 1 :]])
            element.text = _with_stamp(element.text or "", stamp)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _insert(parent: Any, element: Any, later: list[Any]) -> None:
    """``element`` into ``parent`` before the first of ``later`` that exists, else last (the
    schema fixes the order of a sheet's children)."""
    following = next((e for e in later if e is not None), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


#: Excel refuses a header or footer longer than this, codes included (it repairs the file).
HEADER_LIMIT = 255


def _with_stamp(header: str, stamp: str) -> str:
    """A header or footer string with ``stamp`` on a line of its own below its centre section
    (text before any section code belongs to the centre); the left and right sections are
    unchanged, and nothing overlaps them on a narrow page.

    Where that would pass Excel's limit, the stamp wins (a restricted copy must name who took
    it): the old centre goes first, then the right and left sections."""
    sections = {"L": "", "C": "", "R": ""}
    current, at = "C", 0
    for code in _HEADER_SECTION.finditer(header):
        if code.group() == "&&":
            continue
        sections[current] += header[at : code.start()]
        current, at = code.group()[1], code.end()
    sections[current] += header[at:]
    centre = sections["C"]
    sections["C"] = f"{centre}\n{stamp}" if centre else stamp
    for name in ("C", "R", "L"):
        if len(_header(sections)) <= HEADER_LIMIT:
            break
        sections[name] = stamp if name == "C" else ""
    return _header(sections)


def _header(sections: dict[str, str]) -> str:
    return "".join(f"&{name}{value}" for name, value in sections.items() if value)


#: How the downloads of office files are stamped, and their content type if none was stored.
_OFFICE_STAMPS: dict[str, tuple[Callable[[bytes, str], bytes], str]] = {
    FileKind.DOCX: (stamp_docx, DOCX_TYPE),
    FileKind.XLSX: (stamp_xlsx, XLSX_TYPE),
}


def _stamp_pdf(text: str, width: float, height: float) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("stamp", fname=FONT)
    size = max(10.0, min(width, height) / 28)
    pdf.set_font("stamp", size=size)
    pdf.set_text_color(*STAMP_RED)
    with (
        pdf.local_context(fill_opacity=0.35, stroke_opacity=0.35, text_color=STAMP_RED),
        pdf.rotation(angle=35, x=width / 2, y=height / 2),
    ):
        text_width = pdf.get_string_width(text)
        for offset in (-height / 4, 0, height / 4):
            pdf.text(x=(width - text_width) / 2, y=height / 2 + offset, text=text)
    pdf.set_font("stamp", size=8)
    pdf.text(x=20, y=height - 12, text=text)
    return bytes(pdf.output())


def watermark(data: bytes, text: str) -> bytes:
    """Stamp every page of a PDF with ``text`` (who downloaded it and when)."""
    import pikepdf

    source = pikepdf.open(io.BytesIO(data))
    stamps: dict[tuple[float, float], pikepdf.Pdf] = {}
    for page in source.pages:
        box = page.mediabox
        width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
        key = (round(width, 1), round(height, 1))
        if key not in stamps:
            stamps[key] = pikepdf.open(io.BytesIO(_stamp_pdf(text, width, height)))
        page.add_overlay(stamps[key].pages[0], pikepdf.Rectangle(*(float(v) for v in box)))
    out = io.BytesIO()
    source.save(out)
    return out.getvalue()


def shown_preview(
    document: Document, stored: StoredFile, page: int, width: int, *, user_label: str
) -> bytes | None:
    """The preview a user is shown: a restricted or confidential document's carries the same
    stamp as its downloads (a screenshot of the page names who looked at it, and when)."""
    png = preview(stored, page, width)
    if png is None or not needs_watermark(document):
        return png
    return stamp_png(png, stamp_text(document, user_label))


def stamp_png(png: bytes, text: str) -> bytes:
    """``text`` across a page image three times, diagonal and translucent, and once small at
    the foot (the PDF stamp's layout)."""
    from PIL import Image, ImageDraw, ImageFont

    with Image.open(io.BytesIO(png)) as opened:
        page = opened.convert("RGBA")
    width, height = page.size
    font = ImageFont.truetype(FONT, max(9, min(width, height) // 28))
    left, top, right, bottom = (int(v) for v in font.getbbox(text))
    line = Image.new("RGBA", (right - left + 8, bottom - top + 8), (0, 0, 0, 0))
    ImageDraw.Draw(line).text((4 - left, 4 - top), text, font=font, fill=(*STAMP_RED, 105))
    line = line.rotate(35, expand=True, resample=Image.Resampling.BICUBIC)
    layer = Image.new("RGBA", page.size, (0, 0, 0, 0))
    for offset in (-height // 4, 0, height // 4):
        x, y = (width - line.width) // 2, (height - line.height) // 2 + offset
        # composited (a masked paste would darken the red and square its transparency),
        # from the part of the line that falls on the page
        layer.alpha_composite(line, dest=(max(x, 0), max(y, 0)), source=(max(-x, 0), max(-y, 0)))
    foot = ImageFont.truetype(FONT, max(8, width // 90))
    foot_colour = (*STAMP_RED, 200)
    ImageDraw.Draw(layer).text((8, height - 8), text, font=foot, fill=foot_colour, anchor="ls")
    return _png(Image.alpha_composite(page, layer).convert("RGB"))


def preview(stored: StoredFile, page: int, width: int) -> bytes | None:
    """A PNG of one page, rendered once and cached in storage; ``None`` if no such page."""
    width = min(PREVIEW_WIDTHS, key=lambda w: abs(w - width))
    name = blobs.preview_name(stored.sha256, page, width)
    store = blobs.storage()
    if store.exists(name):
        with store.open(name, "rb") as handle:
            return handle.read()
    png = _render(stored, page, width)
    if png is not None:
        blobs.put(name, ContentFile(png))
    return png


def _render(stored: StoredFile, page: int, width: int) -> bytes | None:
    source = pdf_source(stored)
    if source is not None:
        import pypdfium2 as pdfium

        with blobs.local_path(source) as path:
            try:
                pdf = pdfium.PdfDocument(str(path))
            except pdfium.PdfiumError:
                return None
            try:
                if not 1 <= page <= len(pdf):
                    return None
                pdf_page = pdf[page - 1]
                scale = width / pdf_page.get_width()
                image = pdf_page.render(scale=scale).to_pil()
            finally:
                pdf.close()
        return _png(image)
    if stored.kind == FileKind.IMAGE and page == 1 and stored.status == ExtractionStatus.DONE:
        from PIL import Image

        with blobs.local_path(stored.storage_name) as path, Image.open(path) as image:
            image.thumbnail((width, width * 2))
            return _png(image.convert("RGB"))
    return None


def _png(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # type: ignore[attr-defined]
    return out.getvalue()
