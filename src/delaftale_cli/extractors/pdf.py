"""PDF extractor: native text layers, invisible OCR layers and OCR runs, one pipeline.

Each page yields word boxes and table cell boxes:

- native text: words from pdfplumber, tables from the PDF's ruling lines;
- OCR layer (a full-page image under invisible text, e.g. tesseract's GlyphLessFont):
  the layer's words, tables from the rulings seen in the rendered page image;
- no text (or `ocr="force"`): tesseract `-l dan` on the page rendered at 300 dpi.

From there `pdf_layout` builds lines, paragraphs, list items and tables the same way for
all three, so a scan comes out with the structure of its text original.

This module opens the PDF and runs the stages, each a module:

- `pdf_guard`: bombs and giant pages refused before a page is read;
- `pdf_pages`: the page's kind and the words of its text layer (`pdf_textlayer` tells an
  unreadable one);
- `pdf_ocr_run`: a page without text rendered, deskewed, its rulings found, read with OCR
  and its tables rebuilt (the steps are `ocr.py`'s);
- `pdf_reread`: an OCR layer deskewed, its tables rebuilt, its poor regions re-read;
- `pdf_assemble`: furniture removed, pages assembled into blocks (`pdf_layout`), hyphens
  settled; `pdf_forms` adds form-field values.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..document import Document, TextSource
from ..errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    InputError,
    OcrUnavailableError,
)
from ..options import OcrMode, SourceFormat
from ..progress import Progress, ProgressCallback, notify
from . import ocr as ocr_engine
from . import pdf_forms, pdf_guard, pdf_textlayer
from .pdf_assemble import PageContent, assemble, remove_furniture, settle_hyphens
from .pdf_layout import Word, group_lines
from .pdf_ocr_run import ocr_run
from .pdf_pages import (
    inside,
    is_garbage,
    layer_words,
    native_tables,
    native_words,
    page_kind,
)
from .pdf_reread import layer_layout

__all__ = ["PAGE_OCR_TIMEOUT", "extract"]

PAGE_OCR_TIMEOUT = 180.0  # seconds per page for tesseract (read at each call: tests lower it)


def extract(
    path: Path, *, ocr: OcrMode = OcrMode.AUTO, progress: ProgressCallback | None = None
) -> Document:
    """Read a PDF into the shared document model (see module docstring); `progress` hears
    of every page tesseract read."""
    # pdfminer logs warnings about odd fonts to the root logger; input quirks, not news
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pdf_guard.check_file(path)  # bombs and giant pages: a clear error at once
    plumber, pdfium = _open(path)
    document = Document(path=str(path), format=SourceFormat.PDF)
    try:
        document.pages = total = len(plumber.pages)
        contents = []
        for i in range(total):
            contents.append(_read_page(path, plumber.pages[i], pdfium[i], ocr, document))
            if contents[-1].source == TextSource.OCR_RUN:
                notify(progress, Progress("ocr_page", str(path), i + 1, total))
        form = pdf_forms.form_blocks(plumber)  # form-field values: not in the page text
    finally:
        plumber.close()
        pdfium.close()
    document.page_sources = {c.number: c.source for c in contents}
    sources = {c.source for c in contents}
    document.text_source = (
        TextSource.OCR_RUN
        if TextSource.OCR_RUN in sources
        else TextSource.OCR_LAYER
        if TextSource.OCR_LAYER in sources
        else TextSource.NATIVE
    )
    remove_furniture(contents)
    document.blocks = settle_hyphens(assemble(contents)) + form
    if not any(b.text.strip() or b.table is not None for b in document.blocks):
        raise InputError(path, "contains no readable text (empty or unreadable pages)")
    return document


def _open(path: Path) -> tuple[Any, Any]:
    """Open with pypdfium2 (rendering) and pdfplumber (text), mapping failures to InputError.

    Pages with a /Rotate display rotation are read in their own (unrotated) user space,
    where generated text is upright; sideways scans are righted later by OCR.
    """
    import io

    import pdfplumber
    import pypdfium2

    encrypted = "is an encrypted (password-protected) PDF"
    broken = "is not a readable PDF (damaged or truncated)"
    try:
        pdfium = pypdfium2.PdfDocument(str(path))
        source: Path | io.BytesIO = path
        if any(pdfium[i].get_rotation() for i in range(len(pdfium))):
            for i in range(len(pdfium)):
                pdfium[i].set_rotation(0)
            buffer = io.BytesIO()
            pdfium.save(buffer)
            pdfium.close()
            pdfium = pypdfium2.PdfDocument(buffer.getvalue())
            source = io.BytesIO(buffer.getvalue())
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocumentError(path, encrypted) from exc
        raise CorruptDocumentError(path, broken) from exc
    try:
        plumber = pdfplumber.open(source)
        _ = plumber.pages
    except Exception as exc:  # pdfminer raises many types for broken files
        pdfium.close()
        cause = exc.__cause__ or exc.__context__ or exc
        if "password" in type(cause).__name__.lower() or "encrypt" in str(cause).lower():
            raise EncryptedDocumentError(path, encrypted) from exc
        raise CorruptDocumentError(path, broken) from exc
    return plumber, pdfium


def _read_page(path: Path, page: Any, pdfium_page: Any, ocr: OcrMode, doc: Document) -> PageContent:
    number = page.page_number
    content = PageContent(number=number, height=float(page.height))
    try:
        kind = page_kind(page, pdfium_page)
        if kind == "sideways":  # text drawn turned on the page: OCR reads it upright
            doc.warnings.append(("sideways_text", f"page {number}: text is not upright"))
            kind = "image" if ocr != "never" else "native"
        unreadable = pdf_textlayer.unreadable(page.chars) if kind != "image" else None
        if unreadable and ocr != "force":  # fonts without a Unicode map: OCR reads it
            if ocr == "never":
                raise InputError(
                    path,
                    f"page {number}: the text layer is unreadable ({unreadable})",
                    retry=("ocr", OcrMode.AUTO),
                )
            doc.warnings.append(
                ("pdf_text_unreadable", f"page {number}: {unreadable}; page read with OCR")
            )
            kind = "image"
        words: list[Word] = []
        if kind == "native" and ocr != "force":
            words = native_words(page)
            content.tables = native_tables(page, words)
        elif kind == "ocr_layer" and ocr != "force":
            words = layer_words(page)
            if is_garbage(words):
                if ocr == "never":
                    raise InputError(
                        path,
                        f"page {number}: the OCR text layer is unreadable (garbage)",
                        retry=("ocr", OcrMode.AUTO),
                    )
                doc.warnings.append(
                    (
                        "ocr_layer_garbage",
                        f"page {number}: OCR text layer is garbage; page re-read with OCR",
                    )
                )
                kind = "image"
            else:
                content.source = TextSource.OCR_LAYER
                words, content.tables = layer_layout(
                    pdfium_page, words, number, doc, reread=ocr == "auto", timeout=PAGE_OCR_TIMEOUT
                )
        if kind == "image" or (ocr == "force" and kind != "empty"):
            if ocr == "never":
                raise InputError(
                    path, f"page {number} has no text layer", retry=("ocr", OcrMode.AUTO)
                )
            content.source = TextSource.OCR_RUN
            ocr_engine.check_tesseract("dan", path)
            words, content.tables = ocr_run(pdfium_page, number, doc, timeout=PAGE_OCR_TIMEOUT)
        if kind == "empty":
            doc.warnings.append(("empty_page", f"page {number} is empty"))
        body = [w for w in words if not any(inside(w, t.bbox) for t in content.tables)]
        content.lines = group_lines(body)
    except (InputError, OcrUnavailableError):
        raise
    except Exception as exc:  # one unreadable page must not lose the rest
        doc.warnings.append(("page_unreadable", f"page {number}: {type(exc).__name__}: {exc}"))
    return content
