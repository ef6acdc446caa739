"""Files out: downloads (watermarked when restricted or confidential) and page previews."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from dienhong.documents import blobs
from dienhong.documents.models import Access, Document, FileKind, StoredFile, VersionFile

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
PREVIEW_WIDTHS = (200, 900)


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
            when = when or timezone.localtime()
            text = f"{user_label} · {when:%d/%m/%Y %H:%M} · {document.get_access_display()}"
            with blobs.storage().open(source, "rb") as handle:
                data = watermark(handle.read(), text)
            name = Path(file.name).stem + ".pdf"
            return Delivery(data, None, name, "application/pdf", True)
    return Delivery(
        None,
        stored.storage_name,
        file.name,
        stored.content_type or "application/octet-stream",
        False,
    )


def _stamp_pdf(text: str, width: float, height: float) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("stamp", fname=FONT)
    size = max(10.0, min(width, height) / 28)
    pdf.set_font("stamp", size=size)
    pdf.set_text_color(170, 20, 20)
    with (
        pdf.local_context(fill_opacity=0.35, stroke_opacity=0.35, text_color=(170, 20, 20)),
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
    if stored.kind == FileKind.IMAGE and page == 1 and stored.status == "done":
        from PIL import Image

        with blobs.local_path(stored.storage_name) as path, Image.open(path) as image:
            image.thumbnail((width, width * 2))
            return _png(image.convert("RGB"))
    return None


def _png(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # type: ignore[attr-defined]
    return out.getvalue()
