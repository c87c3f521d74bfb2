"""PDF extractor: native text layers, invisible OCR layers and OCR runs, one pipeline.

Each page yields word boxes and table cell boxes:

- native text: words from pdfplumber, tables from the PDF's ruling lines;
- OCR layer (a full-page image under invisible text, e.g. tesseract's GlyphLessFont):
  the layer's words, tables from the rulings seen in the rendered page image;
- no text (or `ocr="force"`): tesseract `-l dan` on the page rendered at 300 dpi.

From there `pdf_layout` builds lines, paragraphs, list items and tables the same way for
all three, so a scan comes out with the structure of its text original.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..document import Block, Document, Table, TextSource
from ..errors import CorruptDocumentError, EncryptedDocumentError, InputError
from . import ocr as ocr_engine
from .pdf_layout import (
    HYPHEN_MARK,
    TYPICAL_LINE_GAPS,
    Line,
    TablePart,
    Word,
    build_paragraphs,
    build_table,
    continues_table,
    group_lines,
    join_parts,
    join_wrapped,
    rerender,
    resolve_hyphens,
    table_block,
    typical_line_gaps,
)

OcrMode = Literal["auto", "never", "force"]
PageKind = Literal["native", "ocr_layer", "image", "empty", "sideways"]

PAGE_OCR_TIMEOUT = 180.0  # seconds per page for tesseract
TURNED_CONFIDENCE = 60.0  # mean word confidence below which a page may lie turned
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^(side\s*|page\s*)?\d{1,3}(\s*(af|/|of)\s*\d{1,3})?$", re.IGNORECASE)
INVISIBLE_FONTS = ("GlyphLessFont",)
RULING_TEXT = re.compile(r"^[_—–=~\-\[\]]{2,}$|^[_\[\]]$")


@dataclass
class PageContent:
    """What one page contributes before document-level clean-up."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[TablePart] = field(default_factory=list)
    source: TextSource = "native"


def extract(path: Path, *, ocr: OcrMode = "auto") -> Document:
    """Read a PDF into the shared document model (see module docstring)."""
    # pdfminer logs warnings about odd fonts to the root logger; input quirks, not news
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    plumber, pdfium = _open(path)
    document = Document(path=str(path), format="pdf")
    try:
        document.pages = len(plumber.pages)
        contents = [
            _read_page(path, plumber.pages[i], pdfium[i], ocr, document)
            for i in range(len(plumber.pages))
        ]
    finally:
        plumber.close()
        pdfium.close()
    sources = {c.source for c in contents}
    document.text_source = (
        "ocr_run" if "ocr_run" in sources else "ocr_layer" if "ocr_layer" in sources else "native"
    )
    _remove_furniture(contents)
    document.blocks = _settle_hyphens(_assemble(contents))
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
        kind = _page_kind(page, pdfium_page)
        if kind == "sideways":  # text drawn turned on the page: OCR reads it upright
            doc.warnings.append(("sideways_text", f"page {number}: text is not upright"))
            kind = "image" if ocr != "never" else "native"
        words: list[Word] = []
        if kind == "native" and ocr != "force":
            words = _native_words(page)
            content.tables = _native_tables(page, words)
        elif kind == "ocr_layer" and ocr != "force":
            words = _layer_words(page)
            if _is_garbage(words):
                if ocr == "never":
                    raise InputError(
                        path,
                        f"page {number}: the OCR text layer is unreadable "
                        "(garbage); rerun with --ocr auto",
                    )
                doc.warnings.append(
                    (
                        "ocr_layer_garbage",
                        f"page {number}: OCR text layer is garbage; page re-read with OCR",
                    )
                )
                kind = "image"
            else:
                content.source = "ocr_layer"
                words, content.tables = _layer_layout(pdfium_page, words, number)
        if kind == "image" or (ocr == "force" and kind != "empty"):
            if ocr == "never":
                raise InputError(path, f"page {number} has no text layer; rerun with --ocr auto")
            content.source = "ocr_run"
            ocr_engine.check_tesseract("dan", path)
            words, content.tables = _ocr_run(pdfium_page, number, doc)
        if kind == "empty":
            doc.warnings.append(("empty_page", f"page {number} is empty"))
        body = [w for w in words if not any(_inside(w, t.bbox) for t in content.tables)]
        content.lines = group_lines(body)
    except InputError:
        raise
    except Exception as exc:  # one unreadable page must not lose the rest
        doc.warnings.append(("page_unreadable", f"page {number}: {type(exc).__name__}: {exc}"))
    return content


def _inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    return bbox[0] <= word.cx <= bbox[2] and bbox[1] <= word.cy <= bbox[3]


# --- page kinds and words -----------------------------------------------------------


def _page_kind(page: Any, pdfium_page: Any) -> PageKind:
    """native (visible text), ocr_layer (invisible text over a page image), image, empty."""
    has_image = _image_cover(page) > 0.3
    if not page.chars:
        return "image" if has_image or page.images else "empty"
    if not has_image:
        upright = sum(bool(c.get("upright", True)) for c in page.chars)
        return "native" if upright >= 0.5 * len(page.chars) else "sideways"
    invisible_font = sum(c["fontname"].endswith(INVISIBLE_FONTS) for c in page.chars)
    if invisible_font > 0.9 * len(page.chars) or _invisible_text_share(pdfium_page) > 0.9:
        return "ocr_layer"
    return "native"


def _image_cover(page: Any) -> float:
    """Share of the page area covered by its largest image."""
    area = float(page.width * page.height) or 1.0
    best = 0.0
    for image in page.images:
        w = min(image["x1"], page.width) - max(image["x0"], 0)
        h = min(image["bottom"], page.height) - max(image["top"], 0)
        best = max(best, max(w, 0) * max(h, 0) / area)
    return best


def _invisible_text_share(pdfium_page: Any) -> float:
    """Share of text objects drawn in render mode 3 (invisible), as OCR layers are."""
    import pypdfium2.raw as pdfium_c

    total = invisible = 0
    for obj in pdfium_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=2):
        total += 1
        if (
            pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
            == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        ):
            invisible += 1
    return invisible / total if total else 0.0


def _native_words(page: Any) -> list[Word]:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    return [
        Word(
            w["text"],
            w["x0"],
            w["top"],
            w["x1"],
            w["bottom"],
            bold=bool(BOLD_FONT.search(w["fontname"])),
            size=round(float(w["size"]), 1),
        )
        for w in words
        if w["text"].strip() and w.get("upright", True)
    ]


def _layer_words(page: Any) -> list[Word]:
    """Words of an OCR layer. OCR engines space glyphs loosely but write real spaces
    between words, so a wide gap tolerance splits at the spaces only."""
    # no extra_attrs=["size"]: OCR layers vary the size within a word in the last digits
    words = page.extract_words(x_tolerance=6)
    # The engine sizes each line's font from its letters (±10%); one size per page for
    # lines near the usual size keeps line gaps even (no false paragraph breaks).
    heights = [w["bottom"] - w["top"] for w in words]
    usual = statistics.median(heights) if heights else 0.0
    out = []
    for w, height in zip(words, heights, strict=True):
        if abs(height - usual) <= 0.15 * usual:
            height = usual
        top = w["bottom"] - height
        out.append(Word(w["text"], w["x0"], top, w["x1"], w["bottom"], size=round(height)))
    return clean_ocr_words(out)


def _is_capital_i(word: Word, following: Word | None) -> bool:
    """A lone '|' that an English OCR model made of the Danish word "I": the next word
    follows on the same line at a word space, not at a cell's padding."""
    if word.text != "|" or following is None or not following.text[:1].isalpha():
        return False
    height = word.bottom - word.top
    same_line = abs(following.top - word.top) < 0.5 * height
    return same_line and 0 <= following.x0 - word.x1 <= 0.45 * height


def clean_ocr_words(words: Iterable[Word]) -> list[Word]:
    """Drop what OCR makes of ruling lines: '|' glyphs and runs of underscores or dashes."""
    out = []
    listed = list(words)
    for i, word in enumerate(listed):
        if _is_capital_i(word, listed[i + 1] if i + 1 < len(listed) else None):
            out.append(replace(word, text="I"))
            continue
        text = word.text.replace("|", "").strip()
        if not text or RULING_TEXT.match(text):
            continue
        out.append(replace(word, text=text) if text != word.text else word)
    return out


def _is_garbage(words: list[Word]) -> bool:
    """An OCR layer is garbage when under half its characters are letters or digits."""
    text = "".join(w.text for w in words)
    if not text:
        return True
    return sum(ch.isalnum() for ch in text) < 0.5 * len(text)


def _native_tables(page: Any, words: list[Word]) -> list[TablePart]:
    parts = []
    for table in page.find_tables():
        part = build_table(page.page_number, table.cells, words)
        if part is not None:
            parts.append(part)
    return parts


def _layer_layout(
    pdfium_page: Any, words: list[Word], number: int
) -> tuple[list[Word], list[TablePart]]:
    """Deskew an OCR layer's words and rebuild its tables from the rulings in the image."""
    rendered = ocr_engine.render_page(pdfium_page, ocr_engine.LINE_DPI)
    angle = ocr_engine.estimate_skew(rendered.image, rendered.scale)
    width, height = pdfium_page.get_size()
    words = ocr_engine.rotate_words(words, angle, width / 2, height / 2)
    image = ocr_engine.deskew_image(rendered.image, angle)
    rulings = ocr_engine.find_rulings(image, rendered.scale)
    return words, _tables(ocr_engine.ruled_tables(rulings, words), words, number)


def _tables(cell_groups: list[list[Any]], words: list[Word], number: int) -> list[TablePart]:
    parts = (build_table(number, cells, words) for cells in cell_groups)
    return [part for part in parts if part is not None]


def _ocr_run(pdfium_page: Any, number: int, doc: Document) -> tuple[list[Word], list[TablePart]]:
    """Tesseract -l dan on one page: render, deskew, find and erase rulings, OCR.

    A page OCR reads with low confidence is checked with tesseract's orientation
    detection and re-read the right way up (pages scanned sideways or upside down).
    """
    rendered = ocr_engine.render_page(pdfium_page, ocr_engine.OCR_DPI)
    try:
        words, tables, confidence = _ocr_image(rendered.image, rendered.scale, number)
        if confidence < TURNED_CONFIDENCE:
            rotation = ocr_engine.osd_rotation(rendered.image, timeout=PAGE_OCR_TIMEOUT)
            if rotation:
                turned = rendered.image.rotate(-rotation, expand=True, fillcolor=255)
                words, tables, confidence = _ocr_image(turned, rendered.scale, number)
                doc.warnings.append(("page_rotated", f"page {number} was turned {rotation}°"))
        if words and confidence < TURNED_CONFIDENCE:
            doc.warnings.append(
                ("ocr_low_confidence", f"page {number}: OCR confidence {confidence:.0f}/100")
            )
    except RuntimeError as exc:  # pytesseract's timeout
        doc.warnings.append(("ocr_timeout", f"page {number}: OCR gave up ({exc})"))
        return [], []
    return words, tables


def _ocr_image(image: Any, scale: float, number: int) -> tuple[list[Word], list[TablePart], float]:
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
    body, body_confidence = ocr_engine.ocr_words(
        body_image, scale, lang="dan", timeout=PAGE_OCR_TIMEOUT
    )
    in_cells, cell_confidence = ocr_engine.ocr_cells(
        erased, scale, cells, lang="dan", timeout=PAGE_OCR_TIMEOUT
    )
    words = clean_ocr_words(body + in_cells)
    confidence = max(body_confidence, cell_confidence) if words else 0.0
    return words, _tables(ocr_engine.ruled_tables(rulings, words), words, number), confidence


# --- document level -----------------------------------------------------------------


def _furniture_key(line: Line, height: float) -> tuple[int, str]:
    text = re.sub(r"\d+", "#", line.text.lower())
    return (round(line.top / height * 40), re.sub(r"[^a-zæøå#]", "", text))


def _remove_furniture(pages: list[PageContent]) -> None:
    """Drop running headers/footers, page numbers and stray logo characters."""
    counts: Counter[tuple[int, str]] = Counter()
    for page in pages:
        counts.update({_furniture_key(line, page.height) for line in page.lines})
    repeated = {key for key, n in counts.items() if n >= 2 and n >= 0.5 * len(pages) and key[1]}
    for page in pages:
        kept = []
        for i, line in enumerate(page.lines):
            in_band = line.bottom < 0.1 * page.height or line.top > 0.9 * page.height
            edge_line = i == 0 or i == len(page.lines) - 1
            text = line.text.strip()
            if _furniture_key(line, page.height) in repeated:
                continue
            if (in_band or edge_line) and PAGE_NUMBER.match(text):
                continue
            if in_band and len(text) <= 2:
                continue
            if len(text) <= 2 and not any(ch.isalnum() for ch in text):
                continue
            kept.append(line)
        page.lines = kept


def _settle_hyphens(blocks: list[Block]) -> list[Block]:
    """Resolve the line-end hyphens `join_wrapped` left open, document-wide."""
    texts = [b.text for b in blocks] + [
        cell for b in blocks if b.table is not None for row in b.table.rows for cell in row
    ]
    decisions = resolve_hyphens(texts)
    if not decisions:
        return blocks
    pattern = re.compile("|".join(re.escape(k) for k in sorted(decisions, key=len, reverse=True)))

    def fix(text: str) -> str:
        return pattern.sub(lambda m: decisions[m.group(0)], text).replace(HYPHEN_MARK, "")

    out = []
    for block in blocks:
        if block.table is not None:
            rows = tuple(tuple(fix(cell) for cell in row) for row in block.table.rows)
            block = replace(block, table=Table(rows=rows, merged=block.table.merged))
        out.append(replace(block, text=fix(block.text)))
    return out


def _body_size(pages: list[PageContent]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _assemble(pages: list[PageContent]) -> list[Block]:
    """Paragraphs and tables of all pages in reading order, joined across page breaks."""
    body = _body_size(pages)
    heading_size = body * 1.2 if body else None
    # line spacing differs between body and cells, and OCR boxes space lines differently
    regions: list[tuple[str, list[Line]]] = [(f"body:{p.source}", p.lines) for p in pages]
    for page in pages:
        for table in page.tables:
            table.region = f"cell:{page.source}"
            regions += [(table.region, group_lines(w)) for w, _ in table.cell_words.values()]
    token = TYPICAL_LINE_GAPS.set(typical_line_gaps(regions))
    try:
        for page in pages:
            for table in page.tables:
                rerender(table)
        return _assemble_blocks(pages, heading_size)
    finally:
        TYPICAL_LINE_GAPS.reset(token)


def _assemble_blocks(pages: list[PageContent], heading_size: float | None) -> list[Block]:
    items: list[tuple[int, Any]] = []
    heading_sizes: set[int] = set()
    for page in pages:
        paragraphs = build_paragraphs(
            page.lines, heading_size=heading_size, region=f"body:{page.source}"
        )
        heading_sizes |= {round(p.size) for p in paragraphs if p.kind == "heading"}
        ordered: list[tuple[float, Any]] = [(p.top, p) for p in paragraphs]
        ordered += [(t.bbox[1], t) for t in page.tables]
        items.extend((page.number, item) for _, item in sorted(ordered, key=lambda x: x[0]))
    levels = {size: i + 1 for i, size in enumerate(sorted(heading_sizes, reverse=True))}
    blocks: list[Block] = []
    open_table: TablePart | None = None
    for index, (page_number, item) in enumerate(items):
        starts_page = index == 0 or items[index - 1][0] != page_number
        if isinstance(item, TablePart):
            if open_table is not None and starts_page and continues_table(open_table, item):
                open_table = join_parts(open_table, item)
            else:
                if open_table is not None:
                    blocks.append(table_block(open_table))
                open_table = item
            continue
        if open_table is not None:
            blocks.append(table_block(open_table))
            open_table = None
        text = item.text
        previous = blocks[-1] if blocks else None
        if (
            starts_page
            and previous is not None
            and previous.kind == item.kind
            and previous.kind in ("paragraph", "list_item")
            and text[:1].islower()
            and not previous.text.rstrip().endswith((".", ":", "!", "?"))
        ):
            blocks[-1] = Block(
                kind=previous.kind,
                text=join_wrapped([previous.text, text]),
                page=previous.page,
                level=previous.level,
                bold=previous.bold,
            )
            continue
        blocks.append(
            Block(
                kind=item.kind,
                text=text,
                page=page_number,
                level=levels.get(round(item.size), 1) if item.kind == "heading" else 0,
                bold=item.bold and item.kind != "heading",
            )
        )
    if open_table is not None:
        blocks.append(table_block(open_table))
    return blocks
