"""Digitization: read the text of a file, OCR'ing what has no text layer.

- PDF with text: pypdfium2 (exact text, milliseconds a page).
- PDF pages without text, and images: Tesseract ``vie+eng`` through OCRmyPDF, which writes a
  searchable PDF kept beside the original; pages already carrying text are not OCR'd again.
- DOCX (python-docx) and XLSX (openpyxl).
- Text typed in legacy encodings (TCVN3, VNI) is converted to Unicode.

Every failure is an ``ExtractionError`` with a code and a message a clerk understands.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dienhong.core.text import nfc
from dienhong.documents import legacy
from dienhong.documents.models import FileKind

IMAGE_FORMATS = {"PNG", "JPEG", "TIFF", "BMP", "GIF", "WEBP"}
MIN_TEXT_CHARS = 20  # a page with fewer extracted characters is treated as a scan


class ExtractionError(Exception):
    def __init__(self, code: str, message: object) -> None:
        self.code = code
        self.message = message
        super().__init__(str(message))


@dataclass
class Extraction:
    text: str
    pages: int | None
    method: str
    ocr_pages: int = 0
    legacy_encoding: str = ""
    searchable_pdf: Path | None = None
    warnings: list[str] = field(default_factory=list)


def max_image_pixels() -> int:
    return int(getattr(settings, "DIENHONG_MAX_IMAGE_PIXELS", 120_000_000))


def ocr_jobs() -> int:
    return int(getattr(settings, "DIENHONG_OCR_JOBS", 0) or os.cpu_count() or 1)


def sniff(head: bytes, name: str = "") -> tuple[str, str]:
    """``(kind, content type)`` from the first bytes of a file, not from its name."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return FileKind.PDF, "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        lowered = name.lower()
        if lowered.endswith(".docx"):
            return FileKind.DOCX, (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
        if lowered.endswith(".xlsx"):
            return (
                FileKind.XLSX,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        return FileKind.OTHER, "application/zip"
    signatures = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"II*\x00", "image/tiff"),
        (b"MM\x00*", "image/tiff"),
        (b"GIF8", "image/gif"),
        (b"BM", "image/bmp"),
    ]
    for magic, content_type in signatures:
        if head.startswith(magic):
            return FileKind.IMAGE, content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.IMAGE, "image/webp"
    if head and _looks_like_text(head):
        return FileKind.TEXT, "text/plain"
    return FileKind.OTHER, "application/octet-stream"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        # a multi-byte character cut at the end of the sample is still text
        return error.start >= len(head) - 3


def refine_zip_kind(path: Path) -> tuple[str, str] | None:
    """Tell DOCX and XLSX apart by their parts when the name did not say."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "word/document.xml" in names:
        return FileKind.DOCX, (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
    if "xl/workbook.xml" in names:
        return FileKind.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def extract(path: Path, kind: str, *, workdir: Path, ocr: bool = True) -> Extraction:
    """Read the text of the file at ``path``; OCR output goes to ``workdir``."""
    if path.stat().st_size == 0:
        raise ExtractionError("empty", _("The file is empty (0 bytes)."))
    if kind == FileKind.OTHER:
        refined = refine_zip_kind(path)
        if refined:
            kind = refined[0]
    if kind == FileKind.PDF:
        result = _pdf(path, workdir=workdir, ocr=ocr)
    elif kind == FileKind.IMAGE:
        result = _image(path, workdir=workdir, ocr=ocr)
    elif kind == FileKind.DOCX:
        result = _docx(path)
    elif kind == FileKind.XLSX:
        result = _xlsx(path)
    elif kind == FileKind.TEXT:
        result = _plain(path)
    else:
        raise ExtractionError(
            "unsupported",
            _("This file type is not supported: only PDF, DOCX, XLSX, images and text are read."),
        )
    text, encoding = legacy.to_unicode(result.text)
    result.text = nfc_lines(text)
    result.legacy_encoding = "" if encoding == "unicode" else encoding
    return result


def nfc_lines(text: str) -> str:
    """NFC per line, keeping line breaks (metadata suggestions read the layout)."""
    lines = [nfc(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


# --- PDF ------------------------------------------------------------------------------------


def _open_pdf(path: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise ExtractionError(
                "encrypted",
                _("The PDF is protected by a password; ask the sender for an unprotected copy."),
            ) from error
        raise ExtractionError(
            "damaged", _("The PDF is damaged or incomplete and cannot be read.")
        ) from error


def pdf_page_texts(path: Path) -> list[str]:
    pdf = _open_pdf(path)
    try:
        if len(pdf) == 0:
            raise ExtractionError("damaged", _("The PDF has no pages."))
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def _pdf(path: Path, *, workdir: Path, ocr: bool) -> Extraction:
    texts = pdf_page_texts(path)
    missing = [i for i, text in enumerate(texts) if len(text.strip()) < MIN_TEXT_CHARS]
    if not missing or not ocr:
        return Extraction(text="\n\f\n".join(texts), pages=len(texts), method="text")
    output = workdir / "searchable.pdf"
    _ocrmypdf(path, output)
    ocr_texts = pdf_page_texts(output)
    method = "ocr" if len(missing) == len(texts) else "text+ocr"
    return Extraction(
        text="\n\f\n".join(ocr_texts),
        pages=len(ocr_texts),
        method=method,
        ocr_pages=len(missing),
        searchable_pdf=output,
    )


def ocr_options(*, image_dpi: int | None = None) -> dict[str, object]:
    """The ``ocrmypdf.ocr`` options of our pipeline (``dienhong bench ingest`` measures them).

    Chosen for the least work besides Tesseract itself, with the same text: a plain PDF (no
    PDF/A conversion), no image optimisation, and
    - ``pdf_renderer="sandwich"``: Tesseract writes each page's text layer itself and it is
      grafted while the other pages are OCR'd; the default (fpdf2) parses the hOCR and renders
      every text layer in Python after the last page, on one core (~0.03 CPU s a page more,
      same words read back);
    - ``fast_web_view`` out of reach: no linearisation, which only helps a browser that
      fetches the file by ranges; the searchable PDF is rendered to PNG on the server or
      rewritten by the watermark, so it is never served as it is;
    - the ``ocr_raster`` plugin: a scanned page's own image goes to Tesseract instead of a
      PDFium render of it.
    """
    options: dict[str, object] = {
        "language": ["vie", "eng"],
        "output_type": "pdf",
        "optimize": 0,
        "pdf_renderer": "sandwich",
        "fast_web_view": 1_000_000.0,  # MB
        "skip_text": True,  # mixed PDFs: OCR only the pages without text
        "jobs": ocr_jobs(),
        "progress_bar": False,
        "plugins": ["dienhong.documents.ocr_raster"],
        "max_image_mpixels": max_image_pixels() / 1_000_000,
        "tesseract_timeout": float(getattr(settings, "DIENHONG_OCR_PAGE_TIMEOUT", 180)),
    }
    if image_dpi:
        options["image_dpi"] = image_dpi
    return options


def load_ocr() -> None:
    """Import OCRmyPDF and the PDF libraries now rather than in the first OCR job."""
    import ocrmypdf  # noqa: F401
    import pikepdf  # noqa: F401
    import pypdfium2  # noqa: F401

    from dienhong.documents import ocr_raster  # noqa: F401


def _ocrmypdf(source: Path, output: Path, *, image_dpi: int | None = None) -> None:
    import ocrmypdf
    from ocrmypdf import exceptions as ocr_errors

    options = ocr_options(image_dpi=image_dpi)
    if ocr_jobs() > 1:
        # one Tesseract per core: its own OpenMP threads would only fight over the same cores
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        ocrmypdf.ocr(source, output, **options)  # type: ignore[arg-type, call-overload]
    except ocr_errors.EncryptedPdfError as error:
        raise ExtractionError(
            "encrypted",
            _("The PDF is protected by a password; ask the sender for an unprotected copy."),
        ) from error
    except ocr_errors.MissingDependencyError as error:
        raise ExtractionError(
            "ocr_unavailable", _("OCR is not installed on the server.")
        ) from error
    except ocr_errors.ExitCodeException as error:
        raise ExtractionError(
            "ocr_failed", _("OCR failed: %(error)s") % {"error": error}
        ) from error
    except Exception as error:
        if "DecompressionBomb" in type(error).__name__ or "pixels" in str(error):
            raise _bomb() from error
        raise ExtractionError(
            "ocr_failed", _("OCR failed: %(error)s") % {"error": error}
        ) from error


# --- Images ---------------------------------------------------------------------------------


def _bomb() -> ExtractionError:
    return ExtractionError(
        "image_too_large",
        _("The image is too large to process safely (possible decompression bomb)."),
    )


def check_image(path: Path) -> tuple[int, int, int | None]:
    """Open the header only and refuse images over the pixel limit: ``(w, h, dpi)``."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > max_image_pixels():
                raise _bomb()
            if image.format not in IMAGE_FORMATS:
                raise ExtractionError("unsupported", _("This image format is not supported."))
            dpi = image.info.get("dpi")
            image.verify()
    except Image.DecompressionBombError as error:
        raise _bomb() from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ExtractionError("damaged", _("The image is damaged and cannot be read.")) from error
    resolution = round(float(dpi[0])) if dpi and dpi[0] else None
    return width, height, resolution


def _image(path: Path, *, workdir: Path, ocr: bool) -> Extraction:
    width, _height, dpi = check_image(path)
    if not ocr:
        return Extraction(text="", pages=1, method="none")
    if not dpi or dpi < 72:
        # Without a resolution OCRmyPDF refuses the image; assume an A4 page width.
        dpi = max(72, round(width / 8.27))
    output = workdir / "searchable.pdf"
    _ocrmypdf(path, output, image_dpi=dpi)
    texts = pdf_page_texts(output)
    return Extraction(
        text="\n\f\n".join(texts),
        pages=len(texts),
        method="ocr",
        ocr_pages=len(texts),
        searchable_pdf=output,
    )


# --- Office files and text ------------------------------------------------------------------


def _docx(path: Path) -> Extraction:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise ExtractionError(
            "damaged", _("The DOCX file is damaged and cannot be read.")
        ) from error
    parts: list[str] = []
    # Header tables (issuer | national motto) come first in Vietnamese documents.
    for table in document.tables[:1]:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    parts.extend(paragraph.text for paragraph in document.paragraphs)
    for table in document.tables[1:]:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return Extraction(text="\n".join(parts), pages=None, method="docx")


def _xlsx(path: Path) -> Extraction:
    import openpyxl

    try:
        # a file object: openpyxl refuses paths without an .xlsx extension (blobs have none)
        workbook = openpyxl.load_workbook(
            io.BytesIO(path.read_bytes()), read_only=True, data_only=True
        )
    except Exception as error:
        raise ExtractionError(
            "damaged", _("The XLSX file is damaged and cannot be read.")
        ) from error
    lines: list[str] = []
    try:
        for sheet in workbook.worksheets:
            lines.append(str(sheet.title))
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value not in (None, "")]
                if cells:
                    lines.append("\t".join(cells))
    finally:
        workbook.close()
    return Extraction(text="\n".join(lines), pages=len(workbook.sheetnames), method="xlsx")


def _plain(path: Path) -> Extraction:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return Extraction(text=data.decode(encoding), pages=None, method="text")
        except UnicodeDecodeError:
            continue
    return Extraction(text=data.decode("latin-1"), pages=None, method="text")


def workdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="dienhong-ocr-")


# Messages shown for each failure code (stored reasons are in English for the logs).
REASON_MESSAGES = {
    "empty": _("The file is empty (0 bytes)."),
    "unsupported": _(
        "This file type is not supported: only PDF, DOCX, XLSX, images and text are read."
    ),
    "encrypted": _("The PDF is protected by a password; ask the sender for an unprotected copy."),
    "damaged": _("The file is damaged or incomplete and cannot be read."),
    "image_too_large": _("The image is too large to process safely (possible decompression bomb)."),
    "ocr_unavailable": _("OCR is not installed on the server."),
    "ocr_failed": _("OCR failed."),
    "interrupted": _("Processing was interrupted several times; retry when the cause is fixed."),
    "error": _("An unexpected error occurred."),
}
