"""The OCR part of ``dienhong bench ingest``: different pages of real text, raw Tesseract on
the same pages, and the OCRmyPDF options it measures."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from dienhong.documents import bench, extract

ARTICLES = [
    "Luật này quy định về phòng, chống ma túy; quản lý người sử dụng trái phép chất ma túy.",
    "Cơ quan chuyên trách phòng, chống tội phạm về ma túy thuộc Bộ đội Biên phòng.",
    "Nhà nước có chính sách khuyến khích, hỗ trợ cơ quan, tổ chức, cá nhân tham gia.",
]


def _corpus(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    legal = tmp_path / "eval" / "legal"
    legal.mkdir(parents=True)
    lines = [json.dumps({"id": str(i), "title": "Điều", "text": t}) for i, t in enumerate(ARTICLES)]
    (legal / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("DIENHONG_EVAL_DIR", str(tmp_path / "eval"))


def test_the_scans_are_different_a4_pages_of_the_legal_corpus(tmp_path, monkeypatch):
    _corpus(tmp_path, monkeypatch)
    scans, source = bench._scan_images(tmp_path, 3)
    assert source == "legal corpus"
    assert len({path.read_bytes() for path in scans}) == 3
    with Image.open(scans[0]) as image:
        assert image.size == (1654, 2339)
        assert round(image.info["dpi"][0]) == 200


def test_without_the_shared_data_the_scans_use_the_built_in_sentences(tmp_path, monkeypatch):
    monkeypatch.setenv("DIENHONG_EVAL_DIR", str(tmp_path / "missing"))
    scans, source = bench._scan_images(tmp_path, 2)
    assert source == "built-in sentences"
    assert len({path.read_bytes() for path in scans}) == 2


def test_ocr_options_keep_mixed_pdfs_and_add_no_work_besides_tesseract(settings):
    settings.DIENHONG_OCR_JOBS = 2
    options = extract.ocr_options(image_dpi=150)
    assert options["skip_text"] is True  # pages that have text are not OCR'd again
    assert options["language"] == ["vie", "eng"] and options["jobs"] == 2
    assert options["image_dpi"] == 150
    assert (options["output_type"], options["optimize"]) == ("pdf", 0)
    assert options["pdf_renderer"] == "sandwich"
    assert float(options["fast_web_view"]) >= 1000  # MB: never linearised  # type: ignore[arg-type]


@pytest.mark.slow
def test_the_ocr_bench_reads_the_pages_and_times_both_sides(tmp_path, monkeypatch, settings):
    _corpus(tmp_path, monkeypatch)
    settings.DIENHONG_OCR_JOBS = 2
    scans, _source = bench._scan_images(tmp_path, 2)
    result = bench._ocr(tmp_path, scans)
    assert (result["pages"], result["cores"]) == (2, 2)
    for key in (
        "seconds_per_page",
        "cpu_seconds_per_page",
        "raw_tesseract_seconds_per_page_one_core",
        "raw_tesseract_seconds_per_page_all_cores",
        "raw_tesseract_cpu_seconds_per_page",
        "ratio_to_raw_all_cores",
    ):
        assert result[key] > 0, key
    # two pages of 22 lines of corpus text were read back from the searchable PDF
    assert result["text_characters"] > 2000
