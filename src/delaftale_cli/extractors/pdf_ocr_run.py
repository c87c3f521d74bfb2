"""PDF stage for a page without a text layer (or `ocr="force"`): the page image is
rendered at OCR_DPI, deskewed, its rulings found and erased, its body and table cells read
with tesseract -l dan, and its tables rebuilt from the rulings and the words (`ocr.py`
holds each of those steps; this module runs them in order for one page).
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from . import ocr as ocr_engine
from .pdf_layout import TablePart, Word
from .pdf_pages import clean_ocr_words, tables_of

TURNED_CONFIDENCE = 60.0  # mean word confidence below which a page may lie turned


def ocr_run(
    pdfium_page: Any, number: int, doc: Document, *, timeout: float
) -> tuple[list[Word], list[TablePart]]:
    """Tesseract -l dan on one page: render, deskew, find and erase rulings, OCR.

    A page OCR reads with low confidence is checked with tesseract's orientation
    detection and re-read the right way up (pages scanned sideways or upside down).
    """
    rendered = ocr_engine.render_page(pdfium_page, ocr_engine.OCR_DPI)
    try:
        words, tables, confidence = _ocr_image(rendered.image, rendered.scale, number, timeout)
        if confidence < TURNED_CONFIDENCE:
            rotation = ocr_engine.osd_rotation(rendered.image, timeout=timeout)
            if rotation:
                turned = rendered.image.rotate(-rotation, expand=True, fillcolor=255)
                words, tables, confidence = _ocr_image(turned, rendered.scale, number, timeout)
                doc.warnings.append(("page_rotated", f"page {number} was turned {rotation}°"))
        if words and confidence < TURNED_CONFIDENCE:
            doc.warnings.append(
                ("ocr_low_confidence", f"page {number}: OCR confidence {confidence:.0f}/100")
            )
    except RuntimeError as exc:  # pytesseract's timeout
        doc.warnings.append(("ocr_timeout", f"page {number}: OCR gave up ({exc})"))
        return [], []
    return words, tables


def _ocr_image(
    image: Any, scale: float, number: int, timeout: float
) -> tuple[list[Word], list[TablePart], float]:
    """OCR one page image: body text with page layout analysis, table cells as blocks.

    The ruled tables found from the image alone (no word filters yet) are blanked out
    for the body pass and read cell by cell (`ocr_cells`); the final tables are then
    rebuilt with the words, which tells underlines and letter parts from rulings.
    """
    angle = ocr_engine.estimate_skew(image, scale)
    image = ocr_engine.deskew_image(image, angle)
    rulings = ocr_engine.find_rulings(image, scale)
    erased = ocr_engine.erase_rulings(image, rulings)
    cells = [cell for table in ocr_engine.ruled_tables(rulings, []) for cell in table]
    body_image = erased.copy()
    if cells:
        from PIL import ImageDraw

        draw = ImageDraw.Draw(body_image)
        for x0, top, x1, bottom in cells:
            draw.rectangle((x0 * scale, top * scale, x1 * scale, bottom * scale), fill=255)
    body, body_confidence = ocr_engine.ocr_words(body_image, scale, lang="dan", timeout=timeout)
    in_cells, cell_confidence = ocr_engine.ocr_cells(
        erased, scale, cells, lang="dan", timeout=timeout
    )
    words = clean_ocr_words(body + in_cells)
    confidence = max(body_confidence, cell_confidence) if words else 0.0
    return words, tables_of(ocr_engine.ruled_tables(rulings, words), words, number), confidence
