"""Scans saved as images: .png, .jpg and .tif (multi-page TIFF: one page per frame).

The frames are put, unchanged, on the pages of an image-only PDF at their own resolution
and read by the PDF extractor's OCR path, exactly as a scanned PDF is: the same
rendering, deskew, ruling and table detection and tesseract calls, so a scan reads the
same whether the scanner saved it as PDF or as TIFF.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import CorruptDocumentError, InputError, OcrUnavailableError
from ..options import OcrMode, SourceFormat
from ..progress import ProgressCallback

MAX_PAGES = 500
MAX_PIXELS = 60_000_000  # per page: A3 at 600 dpi is 70 M... an A4 scan at 600 dpi is 35 M
A4_WIDTH_INCH = 8.27
DEFAULT_DPI = 300.0


def _dpi(frame: Any) -> float:
    """The frame's resolution: from its header when plausible, else guessed from an A4
    page width (many phone scans carry 72 dpi, which is never true of a page)."""
    value = frame.info.get("dpi")
    if value:
        try:
            dpi = float(value[0])
        except (TypeError, ValueError, IndexError):
            dpi = 0.0
        if 100 <= dpi <= 1200:
            return dpi
    guess = frame.width / A4_WIDTH_INCH
    return guess if 100 <= guess <= 1200 else DEFAULT_DPI


def _pages(path: Path) -> Iterator[tuple[Any, float]]:
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's notes on damaged EXIF etc.: never printed
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= MAX_PAGES:
                    raise CorruptDocumentError(path, f"has more than {MAX_PAGES} pages")
                mode = "L" if frame.mode in ("1", "L", "I;16", "I", "LA", "P") else "RGB"
                yield frame.convert(mode), _dpi(frame)


def image_pdf(path: Path, out: Path) -> int:
    """Write the image's frames as an image-only PDF; returns the number of pages."""
    from PIL import Image, UnidentifiedImageError

    try:
        pages = list(_pages(path))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise CorruptDocumentError(
            path, f"is too large an image (over {MAX_PIXELS // 1_000_000} M pixels a page)"
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        reason = str(exc).replace(f" {str(path)!r}", "").replace(str(path), "the file")
        raise CorruptDocumentError(path, f"is not a readable image ({reason})") from exc
    if not pages:
        raise CorruptDocumentError(path, "is an image file without pages")
    first, dpi = pages[0]
    # Pillow gives every page the first one's resolution: scanners use one per file.
    first.save(out, "PDF", resolution=dpi, save_all=True, append_images=[p for p, _ in pages[1:]])
    return len(pages)


def extract(
    path: Path, *, ocr: OcrMode = OcrMode.AUTO, progress: ProgressCallback | None = None
) -> Document:
    """OCR the pages of an image file into the shared document model."""
    from . import ocr as ocr_engine
    from . import pdf

    if ocr == OcrMode.NEVER:
        raise InputError(
            path, "is a scanned image; it can only be read with OCR", retry=("ocr", "auto")
        )
    try:
        import PIL  # noqa: F401
    except ImportError as exc:
        raise OcrUnavailableError(
            path, "reading images needs Pillow (pip install 'delaftale[ocr]')"
        ) from exc
    with tempfile.TemporaryDirectory(prefix="delaftale-image-") as tmp:
        scan = Path(tmp) / "scan.pdf"
        image_pdf(path, scan)  # a broken image is the file's fault, tesseract or not
        ocr_engine.check_tesseract("dan", path)
        try:
            document = pdf.extract(scan, ocr=ocr, progress=progress)
        except InputError as exc:
            raise InputError(path, exc.problem, retry=exc.retry) from exc
    document.path = str(path)
    document.format = SourceFormat.IMAGE
    return document
