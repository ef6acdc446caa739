"""Fixtures of the documents tests: a private media folder, real generated files."""

from __future__ import annotations

import functools
import io
from datetime import date
from pathlib import Path

import pytest

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.DIENHONG_CONSUME_DIR = str(tmp_path / "consume")
    settings.DIENHONG_CONSUME_SETTLE_SECONDS = 0
    settings.DIENHONG_OCR_JOBS = 2


@functools.lru_cache(maxsize=64)
def text_pdf(
    subject: str = "Về việc thử nghiệm",
    number: str = "15/VPQH-TH",
    body: str = "Quốc hội thảo luận về dự án luật.",
    pages: int = 1,
    when: date = date(2025, 12, 10),
) -> bytes:
    """A real PDF with a Vietnamese text layer, laid out like an official letter."""
    import pikepdf

    from dienhong.documents import demo

    spec = demo.Spec(
        "t",
        "incoming",
        "Công văn",
        number,
        when,
        "VĂN PHÒNG QUỐC HỘI",
        subject,
        "Nguyễn Văn An",
        "KT. CHỦ NHIỆM\nPHÓ CHỦ NHIỆM",
        "VPQH",
        body=[body],
    )
    parts = demo.render_pdfs([spec] * pages)
    if pages == 1:
        return parts[0]
    merged = pikepdf.new()
    for data in parts:
        merged.pages.extend(pikepdf.open(io.BytesIO(data)).pages)
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


def scan_png(lines: list[str], *, size: tuple[int, int] = (1240, 700), dpi: int = 150) -> bytes:
    """A scanned-looking page: Vietnamese text drawn in Liberation Serif, slightly grey."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 34)
    image = Image.new("L", size, 250)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((70, 60 + index * 60), line, font=font, fill=20)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run jobs enqueued on commit (immediate backend) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
