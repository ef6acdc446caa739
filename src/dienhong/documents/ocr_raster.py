"""OCRmyPDF plugin: a scanned page's own image goes to Tesseract, not a re-render of it.

A scan PDF page is one image painted over the whole page. OCRmyPDF rasterizes every page it
OCRs (PDFium renders the page at the image's resolution, then the render is PNG-compressed):
~0.1 s of CPU a page beside Tesseract's ~1.2–1.7 s, on the same cores. When a page is exactly
that — one 8-bit grey or RGB image without mask or decode array, drawn over the mediabox,
nothing else on the page, at the resolution OCRmyPDF asked for — its pixels are the render, so
they are decoded and written with light PNG compression (the file lives only until Tesseract
has read it). Any other page returns None and OCRmyPDF's own rasterizer takes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocrmypdf import hookimpl

#: raster device → the image colour space and PIL mode that are that device's output
_DEVICES = {"pnggray": ("/DeviceGray", "L"), "png16m": ("/DeviceRGB", "RGB")}
_PAINTING = {"q", "Q", "cm", "Do"}


def scanned_image(path: Path, pageno: int, dpi: Any) -> tuple[Any, str] | None:
    """``(PIL image, PDF colour space)`` of page ``pageno`` (1-based) if the page is one
    full-page image of ``dpi`` pixels per inch, else None."""
    import pikepdf
    from pikepdf import PdfImage
    from PIL import Image

    with pikepdf.open(path) as pdf:
        page = pdf.pages[pageno - 1]
        box = [float(v) for v in page.mediabox]
        if "/CropBox" in page.obj and [float(v) for v in page.obj.CropBox] != box:
            return None
        if int(page.obj.get("/Rotate", 0)) % 360:
            return None
        stream = pikepdf.parse_content_stream(page)
        operations = [(list(item.operands), str(item.operator)) for item in stream]
        if {op for _, op in operations} - _PAINTING:
            return None
        painted = [operands for operands, op in operations if op == "Do"]
        matrices = [[float(v) for v in operands] for operands, op in operations if op == "cm"]
        if len(painted) != 1 or len(matrices) != 1:
            return None
        width, height = box[2] - box[0], box[3] - box[1]
        a, b, c, d, e, f = matrices[0]
        if b or c or abs(a - width) > 0.5 or abs(d - height) > 0.5:
            return None
        if abs(e - box[0]) > 0.5 or abs(f - box[1]) > 0.5:
            return None
        resources: Any = page.obj.get("/Resources")
        xobjects: Any = resources.get("/XObject") if resources is not None else None
        image: Any = xobjects.get(str(painted[0][0])) if xobjects is not None else None
        if image is None or image.get("/Subtype") != "/Image":
            return None
        if any(key in image for key in ("/ImageMask", "/SMask", "/Mask", "/Decode")):
            return None
        if int(image.get("/BitsPerComponent", 0)) != 8:
            return None
        pixels = PdfImage(image)
        expected = (round(width * float(dpi.x) / 72), round(height * float(dpi.y) / 72))
        if (pixels.width, pixels.height) != expected:
            return None
        limit = Image.MAX_IMAGE_PIXELS  # OCRmyPDF sets it from ``max_image_mpixels``
        if limit and pixels.width * pixels.height > limit:
            return None  # OCRmyPDF's own checks refuse it with their message
        decoded = pixels.as_pil_image()
        decoded.load()  # decoded before the file closes
        return decoded, str(image.get("/ColorSpace"))


@hookimpl(tryfirst=True)
def rasterize_pdf_page(
    input_file: Path,
    output_file: Path,
    raster_device: str,
    raster_dpi: Any,
    pageno: int,
    page_dpi: Any,
    rotation: int | None,
    filter_vector: bool,
    stop_on_soft_error: bool,
    options: Any,
    use_cropbox: bool,
) -> Path | None:
    device = _DEVICES.get(str(raster_device).lower())
    if device is None or rotation or filter_vector or use_cropbox:
        return None
    try:
        found = scanned_image(Path(input_file), pageno, raster_dpi)
    except Exception:  # anything unusual: OCRmyPDF's own rasterizer decides
        return None
    if found is None:
        return None
    image, colorspace = found
    if colorspace != device[0] or image.mode != device[1]:
        return None
    dpi = page_dpi or raster_dpi
    image.save(output_file, format="PNG", dpi=(float(dpi.x), float(dpi.y)), compress_level=1)
    return Path(output_file)
