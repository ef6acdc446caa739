"""``dienhong bench ingest``: text-PDF pages per second end to end (stored, extracted,
indexed) and OCR seconds per page next to raw ``tesseract`` on the same pages.

Everything runs in a transaction that is rolled back and a throw-away media folder, so the
configured database is left as it was.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test.utils import override_settings

from dienhong.core.benchmark import eval_dir
from dienhong.documents import demo, extract, indexing, intake, services

SENTENCES = [
    "Quốc hội thảo luận về dự án Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Quốc hội.",
    "Văn phòng Quốc hội chuẩn bị tài liệu phục vụ kỳ họp và phiên họp của Ủy ban Thường vụ.",
    "Đại biểu Quốc hội tiếp xúc cử tri, tổng hợp kiến nghị gửi các cơ quan có thẩm quyền.",
]
# Scans OCR'd by the bench: enough for OCRmyPDF's fixed cost (start-up, assembling the output)
# to weigh per page about as in a real document, and for 10 rounds of pages on 2 cores.
OCR_PAGES = 20
# More running text for the OCR scans when the shared evaluation corpus is not there.
SCAN_SENTENCES = [
    "Ủy ban Pháp luật thẩm tra dự án luật trước khi trình Quốc hội xem xét, thông qua.",
    "Chính phủ báo cáo tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2024.",
    "Hội đồng Dân tộc giám sát việc thực hiện chính sách đối với đồng bào vùng sâu, vùng xa.",
    "Kiểm toán Nhà nước gửi báo cáo kết quả kiểm toán ngân sách trước ngày 30 tháng 6.",
    "Thường trực Ủy ban Tài chính, Ngân sách đề nghị bổ sung thuyết minh về nguồn vốn.",
    "Tổng Thư ký Quốc hội công bố nghị quyết về chương trình xây dựng luật, pháp lệnh.",
    "Người phát ngôn trả lời chất vấn về quản lý đất đai, khoáng sản và bảo vệ môi trường.",
    "Đoàn đại biểu tỉnh Quảng Ngãi kiến nghị đầu tư hạ tầng giao thông, thủy lợi, y tế.",
]


class _Rollback(Exception):
    pass


def _text_pdfs(folder: Path, documents: int, pages: int) -> int:
    specs = []
    for index in range(documents):
        spec = demo.Spec(
            f"bench{index}",
            "incoming",
            "Công văn",
            f"{index + 1}/VPQH-TH",
            demo.date(2025, 1, 1),
            "VĂN PHÒNG QUỐC HỘI",
            f"Về việc thử nghiệm số {index}",
            "Nguyễn Văn An",
            "VỤ TRƯỞNG",
            "VPQH",
            body=[" ".join(SENTENCES * 6) + f" Mã {index}."],
        )
        specs.extend([spec] * pages)
    pdfs = demo.render_pdfs(specs)
    import io

    import pikepdf

    for index in range(documents):
        merged = pikepdf.new()
        for data in pdfs[index * pages : (index + 1) * pages]:
            merged.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
        merged.save(folder / f"doc{index:04d}.pdf")
    return documents * pages


def _scan_words(needed: int) -> tuple[list[str], str]:
    """Up to about ``needed`` words of Vietnamese running text for the scans, and their
    source: the legal evaluation corpus in file order when it is there, else the built-in
    sentences (so the bench also runs without the shared data)."""
    words: list[str] = []
    source = "legal corpus"
    try:
        with open(eval_dir() / "legal" / "corpus.jsonl", encoding="utf-8") as handle:
            for line in handle:
                if len(words) >= needed:
                    break
                if line.strip():
                    words.extend(str(json.loads(line)["text"]).split())
    except (OSError, ValueError, KeyError, TypeError):
        words = []
    if not words:
        words, source = " ".join(SENTENCES + SCAN_SENTENCES).split(), "built-in sentences"
    return words, source


def _scan_images(folder: Path, count: int) -> tuple[list[Path], str]:
    """``count`` A4 200-dpi scans, each with 22 lines of running text and a page number."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(f"{demo.FONT_DIR}/LiberationSerif-Regular.ttf", 36)
    width, height, margin, lines = 1654, 2339, 150, 22  # A4 at 200 dpi
    words, source = _scan_words(count * lines * 30)
    position = 0  # in the running text, which starts again when it runs out
    paths = []
    for index in range(count):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for row in range(lines):
            text = words[position % len(words)]
            position += 1
            while True:
                longer = f"{text} {words[position % len(words)]}"
                if font.getlength(longer) > width - 2 * margin:
                    break
                text = longer
                position += 1
            draw.text((margin, margin + 80 * row), text, font=font, fill=0)
        # a page number, as on real pages, so pages differ even when the text starts again
        draw.text((width // 2 - 60, height - margin), f"Trang {index + 1}", font=font, fill=0)
        path = folder / f"scan{index}.png"
        image.save(path, dpi=(200, 200))
        paths.append(path)
    return paths, source


def _extract_one(args: tuple[str, str]) -> Any:
    path, kind = args
    with tempfile.TemporaryDirectory() as work:
        return extract.extract(Path(path), kind, workdir=Path(work))


def _text_pipeline(folder: Path, media: Path, workers: int) -> float:
    """Store, extract and index every file of ``folder``; extraction on ``workers`` processes
    (as deployed: one ``dienhong worker`` per core). Rolled back afterwards."""
    from dienhong.documents import blobs
    from dienhong.documents.models import StoredFile
    from dienhong.org.models import Unit

    media.mkdir(parents=True, exist_ok=True)
    with override_settings(MEDIA_ROOT=str(media)):
        try:
            with transaction.atomic():
                unit = Unit.objects.filter(parent__isnull=True).first() or Unit.objects.create(
                    code="BENCH", name="Bench", path="/0/"
                )
                started = time.perf_counter()
                summary = intake.import_path(folder, owner_unit=unit)
                stored = list(
                    StoredFile.objects.filter(
                        uses__version__document__in=summary["documents"]
                    ).defer("text")
                )
                if workers == 1:
                    for item in stored:
                        services.process_file(item.pk)
                else:
                    jobs = [(blobs.storage().path(f.storage_name), f.kind) for f in stored]
                    for item in stored:
                        services._claim(item.pk)
                    with ProcessPoolExecutor(max_workers=workers) as pool:
                        results = list(pool.map(_extract_one, jobs, chunksize=4))
                    for item, extraction in zip(stored, results, strict=True):
                        services._finish(item, extraction)
                indexing.reindex(summary["documents"])
                elapsed = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
    return elapsed


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended:
    Tesseract processes, and the processes of a process pool with theirs."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _raw_tesseract(path: Path) -> None:
    """What Tesseract alone does with a scan: read the image, recognise it, print the text.
    One thread (``OMP_THREAD_LIMIT=1``), as our pipeline runs it when it uses every core."""
    subprocess.run(
        ["tesseract", str(path), "-", "-l", "vie+eng"],
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )


def _ocr(root: Path, scans: list[Path]) -> dict[str, Any]:
    """OCR seconds per page of our pipeline against raw ``tesseract`` on the same pages.

    Ours: the scans as one image-only PDF (img2pdf) through ``extract.extract``, i.e.
    OCRmyPDF with the options of ``extract.ocr_options`` on ``extract.ocr_jobs()`` cores,
    then the text read back from the searchable PDF, in a process that has loaded OCRmyPDF as
    ``dienhong worker`` does before its first job. Raw: ``tesseract IMAGE - -l vie+eng``
    on each PNG, one process per core at a time, then one core. Wall and CPU seconds
    (user + system, children included) per page; a first, unmeasured Tesseract run puts
    the language data in the page cache for both sides."""
    import img2pdf

    scan_pdf = root / "scans.pdf"
    scan_pdf.write_bytes(img2pdf.convert([str(p) for p in scans]))
    _raw_tesseract(scans[0])
    extract.load_ocr()
    load = os.getloadavg()[0]
    cpu, started = _cpu_seconds(), time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        extraction = extract.extract(scan_pdf, "pdf", workdir=Path(work))
    ours, ours_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    if extraction.ocr_pages != len(scans):
        raise RuntimeError(f"OCR'd {extraction.ocr_pages} of {len(scans)} scans")
    cores = extract.ocr_jobs()
    cpu, started = _cpu_seconds(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=cores) as pool:
        list(pool.map(_raw_tesseract, scans))
    parallel, parallel_cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    started = time.perf_counter()
    for path in scans:
        _raw_tesseract(path)
    sequential = time.perf_counter() - started
    pages = len(scans)
    return {
        "pages": pages,
        "cores": cores,
        "seconds_per_page": round(ours / pages, 3),
        "cpu_seconds_per_page": round(ours_cpu / pages, 3),
        "raw_tesseract_seconds_per_page_one_core": round(sequential / pages, 3),
        "raw_tesseract_seconds_per_page_all_cores": round(parallel / pages, 3),
        "raw_tesseract_cpu_seconds_per_page": round(parallel_cpu / pages, 3),
        "ratio_to_raw_all_cores": round(ours / parallel, 2),
        "load_average_before": round(load, 2),
        "text_characters": len(extraction.text),
    }


def run(*, documents: int = 40, pages: int = 8, ocr_pages: int = OCR_PAGES) -> dict[str, Any]:
    result: dict[str, Any] = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="dienhong-bench-") as tmp:
        root = Path(tmp)
        (root / "pdf").mkdir()
        (root / "media").mkdir()
        total_pages = _text_pdfs(root / "pdf", documents, pages)
        scans, scan_text = _scan_images(root, ocr_pages)
        for workers in sorted({1, os.cpu_count() or 1}):
            elapsed = _text_pipeline(root / "pdf", root / f"media-{workers}", workers)
            result["indexed"] = importlib.util.find_spec("dienhong.search.engine") is not None
            key = "text_pdf" if workers == 1 else f"text_pdf_{workers}_workers"
            result[key] = {
                "documents": documents,
                "pages": total_pages,
                "workers": workers,
                "seconds": round(elapsed, 3),
                "pages_per_second": round(total_pages / elapsed, 1),
            }
        result["ocr"] = {**_ocr(root, scans), "scan_text": scan_text}
    result["targets"] = {"text_pdf_pages_per_second": 100, "ocr_ratio_max": 1.2}
    return result
