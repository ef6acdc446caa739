"""``dienhong bench ingest``: text-PDF pages per second end to end (stored, extracted,
indexed) and OCR seconds per page next to raw ``tesseract`` on the same pages.

Everything runs in a transaction that is rolled back and a throw-away media folder, so the
configured database is left as it was.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test.utils import override_settings

from dienhong.documents import demo, extract, indexing, intake, services

SENTENCES = [
    "Quốc hội thảo luận về dự án Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Quốc hội.",
    "Văn phòng Quốc hội chuẩn bị tài liệu phục vụ kỳ họp và phiên họp của Ủy ban Thường vụ.",
    "Đại biểu Quốc hội tiếp xúc cử tri, tổng hợp kiến nghị gửi các cơ quan có thẩm quyền.",
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


def _scan_images(folder: Path, count: int) -> list[Path]:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(f"{demo.FONT_DIR}/LiberationSerif-Regular.ttf", 36)
    paths = []
    for index in range(count):
        image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        y = 150
        for line in range(22):
            draw.text((150, y), SENTENCES[(index + line) % 3][:70], font=font, fill=0)
            y += 80
        path = folder / f"scan{index}.png"
        image.save(path, dpi=(200, 200))
        paths.append(path)
    return paths


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


def run(*, documents: int = 40, pages: int = 8, ocr_pages: int = 6) -> dict[str, Any]:
    result: dict[str, Any] = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="dienhong-bench-") as tmp:
        root = Path(tmp)
        (root / "pdf").mkdir()
        (root / "media").mkdir()
        total_pages = _text_pdfs(root / "pdf", documents, pages)
        scans = _scan_images(root, ocr_pages)
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
        # OCR through OCRmyPDF (all cores) on the scans as one PDF, against raw tesseract.
        import img2pdf

        scan_pdf = root / "scans.pdf"
        scan_pdf.write_bytes(img2pdf.convert([str(p) for p in scans]))
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as work:
            extract.extract(scan_pdf, "pdf", workdir=Path(work))
        ours = (time.perf_counter() - started) / len(scans)

        def raw(path: Path) -> float:
            begin = time.perf_counter()
            subprocess.run(
                ["tesseract", str(path), "-", "-l", "vie+eng"],
                capture_output=True,
                check=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
            return time.perf_counter() - begin

        sequential = [raw(path) for path in scans]
        per_core = sum(sequential) / len(sequential)
        cores = os.cpu_count() or 1
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=cores) as pool:
            list(pool.map(raw, scans))
        parallel = (time.perf_counter() - started) / len(scans)
        result["ocr"] = {
            "pages": len(scans),
            "seconds_per_page": round(ours, 3),
            "raw_tesseract_seconds_per_page_one_core": round(per_core, 3),
            "raw_tesseract_seconds_per_page_all_cores": round(parallel, 3),
            "ratio_to_raw_all_cores": round(ours / parallel, 2),
        }
    result["targets"] = {"text_pdf_pages_per_second": 100, "ocr_ratio_max": 1.2}
    return result
