"""Digitization of scans with real Tesseract (vie) through OCRmyPDF: few, small pages."""

from __future__ import annotations

import io

import img2pdf
import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dienhong.core.text import fold
from dienhong.documents import blobs
from dienhong.documents.models import Document
from tests.documents.conftest import scan_png, text_pdf

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SCAN_LINES = [
    "VĂN PHÒNG QUỐC HỘI",
    "Số: 88/VPQH-HC",
    "Hà Nội, ngày 10 tháng 12 năm 2015",
    "V/v chuẩn bị phòng họp cho đại biểu",
]


def test_a_scanned_image_is_ocrd_in_vietnamese_into_a_searchable_pdf(
    world, client_for, clerk, run_jobs
):
    client = client_for(clerk)
    with run_jobs():
        client.post(
            reverse("documents:upload"),
            {
                "owner_unit": world.units["VPQH-HC"].pk,
                "direction": "incoming",
                "access": "internal",
                "files": [SimpleUploadedFile("scan.png", scan_png(SCAN_LINES))],
            },
        )
    document = Document.objects.get(current_version__files__name="scan.png")
    stored = document.current_version.files.get().stored
    assert stored.status == "done", stored.reason
    assert stored.method == "ocr" and stored.ocr_pages == 1
    assert "chuẩn bị phòng họp" in stored.text
    assert "đại biểu" in stored.text
    assert stored.searchable_name and blobs.storage().exists(stored.searchable_name)
    assert document.suggestions.get("number") == "88/VPQH-HC"
    assert document.suggestions.get("date") == "2015-12-10"
    vfile = document.current_version.files.get()
    preview = client.get(reverse("documents:preview", args=[document.pk, vfile.pk, 1]))
    assert preview.status_code == 200 and preview["Content-Type"] == "image/png"
    assert fold("phòng họp") in fold(stored.text)


def test_a_mixed_pdf_is_ocrd_only_where_pages_have_no_text(world, run_jobs, tmp_path):
    from dienhong.documents import services

    text_page = pikepdf.open(io.BytesIO(text_pdf("Về việc trang có chữ")))
    scan_page = pikepdf.open(
        io.BytesIO(img2pdf.convert(scan_png([*SCAN_LINES[:2], "Trang quét không có lớp chữ"])))
    )
    mixed = pikepdf.new()
    mixed.pages.extend(text_page.pages)
    mixed.pages.extend(scan_page.pages)
    path = tmp_path / "mixed.pdf"
    mixed.save(path)
    with run_jobs():
        outcome = services.import_file(
            incoming=services.Incoming(name="mixed.pdf", path=path),
            owner_unit=world.units["VPQH-TH"],
        )
    stored = outcome.stored
    stored.refresh_from_db()
    assert stored.status == "done", stored.reason
    assert (stored.method, stored.pages, stored.ocr_pages) == ("text+ocr", 2, 1)
    assert "trang có chữ" in stored.text
    assert "Trang quét không có lớp chữ" in stored.text


def test_a_scanned_page_hands_its_own_image_to_tesseract(tmp_path, monkeypatch):
    # ocr_raster: a page that is one full-page image gives that image; anything else (a page
    # with text, another resolution, a rotated page) is left to OCRmyPDF's own rasterizer.
    from types import SimpleNamespace

    from PIL import Image

    from dienhong.documents import ocr_raster

    png = scan_png(SCAN_LINES)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(img2pdf.convert(png))
    dpi = SimpleNamespace(x=150.0, y=150.0)
    found = ocr_raster.scanned_image(scan, 1, dpi)
    assert found is not None
    image, colorspace = found
    assert colorspace == "/DeviceGray" and image.size == (1240, 700)
    assert image.tobytes() == Image.open(io.BytesIO(png)).tobytes()
    assert ocr_raster.scanned_image(scan, 1, SimpleNamespace(x=300.0, y=300.0)) is None
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1240 * 700 - 1)  # decoded by OCRmyPDF's
    assert ocr_raster.scanned_image(scan, 1, dpi) is None  # rasterizer, which refuses bombs
    monkeypatch.undo()
    out = tmp_path / "page.png"
    assert (
        ocr_raster.rasterize_pdf_page(
            scan, out, "pnggray", dpi, 1, None, 0, False, True, None, False
        )
        == out
    )
    with Image.open(out) as written:
        assert written.size == (1240, 700) and round(written.info["dpi"][0]) == 150
    assert (
        ocr_raster.rasterize_pdf_page(
            scan, out, "png16m", dpi, 1, None, 0, False, True, None, False
        )
        is None
    )  # a grey image is not what a colour render would give

    pdf = pikepdf.open(scan)
    pdf.pages[0].Rotate = 90
    pdf.save(tmp_path / "rotated.pdf")
    assert ocr_raster.scanned_image(tmp_path / "rotated.pdf", 1, dpi) is None
    text = tmp_path / "text.pdf"
    text.write_bytes(text_pdf("Về việc trang có chữ"))
    assert ocr_raster.scanned_image(text, 1, dpi) is None
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing")
    assert (
        ocr_raster.rasterize_pdf_page(
            broken, out, "pnggray", dpi, 1, None, 0, False, True, None, False
        )
        is None
    )
