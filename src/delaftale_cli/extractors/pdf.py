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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..document import Block, Document, Table, TextSource
from ..errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    InputError,
    OcrUnavailableError,
)
from ..options import OcrMode, SourceFormat
from ..progress import Progress, ProgressCallback, notify
from . import ocr as ocr_engine
from . import ocr_quality, pdf_forms, pdf_guard, pdf_textlayer
from .pdf_layout import (
    BREAK_MARK,
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

PageKind = Literal["native", "ocr_layer", "image", "empty", "sideways"]

PAGE_OCR_TIMEOUT = 180.0  # seconds per page for tesseract
TURNED_CONFIDENCE = 60.0  # mean word confidence below which a page may lie turned
BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^(side\s*|page\s*)?\d{1,3}(\s*(af|/|of)\s*\d{1,3})?$", re.IGNORECASE)
INVISIBLE_FONTS = ("GlyphLessFont",)
MIN_KEPT_LAYER_WORD = 4  # letters: a layer word kept beside a re-read (`_merge_words`)
# A running header read by OCR differs by a few letters per page; 85 keeps "Side 2 af 8"
# apart from a heading that merely starts alike, and a line of under 8 letters ("Side #")
# is settled by the exact rule and PAGE_NUMBER.
FURNITURE_SIMILARITY = 85
MIN_FURNITURE_LETTERS = 8
RULING_TEXT = re.compile(r"^[_—–=~\-\[\]]{2,}$|^[_\[\]]$")


@dataclass
class PageContent:
    """What one page contributes before document-level clean-up."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[TablePart] = field(default_factory=list)
    source: TextSource = TextSource.NATIVE


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
    _remove_furniture(contents)
    document.blocks = _settle_hyphens(_assemble(contents)) + form
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
            words = _native_words(page)
            content.tables = _native_tables(page, words)
        elif kind == "ocr_layer" and ocr != "force":
            words = _layer_words(page)
            if _is_garbage(words):
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
                words, content.tables = _layer_layout(
                    pdfium_page, words, number, doc, reread=ocr == "auto"
                )
        if kind == "image" or (ocr == "force" and kind != "empty"):
            if ocr == "never":
                raise InputError(
                    path, f"page {number} has no text layer", retry=("ocr", OcrMode.AUTO)
                )
            content.source = TextSource.OCR_RUN
            ocr_engine.check_tesseract("dan", path)
            words, content.tables = _ocr_run(pdfium_page, number, doc)
        if kind == "empty":
            doc.warnings.append(("empty_page", f"page {number} is empty"))
        body = [w for w in words if not any(_inside(w, t.bbox) for t in content.tables)]
        content.lines = group_lines(body)
    except (InputError, OcrUnavailableError):
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
    pdfium_page: Any, words: list[Word], number: int, doc: Document, *, reread: bool
) -> tuple[list[Word], list[TablePart]]:
    """Deskew an OCR layer's words and rebuild its tables from the rulings in the image.

    With `reread`, regions the layer reads poorly are read again (`_reread_poor_regions`).
    """
    rendered = ocr_engine.render_page(pdfium_page, ocr_engine.LINE_DPI)
    angle = ocr_engine.estimate_skew(rendered.image, rendered.scale)
    width, height = pdfium_page.get_size()
    words = ocr_engine.rotate_words(words, angle, width / 2, height / 2)
    image = ocr_engine.deskew_image(rendered.image, angle)
    rulings = ocr_engine.find_rulings(image, rendered.scale)
    cell_groups = ocr_engine.ruled_tables(rulings, words)
    if reread:
        page = _LayerPage(pdfium_page, number, angle, image, rulings)
        words = _reread_poor_regions(page, words, cell_groups, doc)
    return words, _tables(cell_groups, words, number)


@dataclass(frozen=True)
class _LayerPage:
    """An OCR-layer page as `_layer_layout` saw it: deskew angle, image and rulings."""

    pdfium_page: Any
    number: int
    angle: float
    image: Any  # the deskewed page image at LINE_DPI
    rulings: ocr_engine.Rulings


@dataclass
class _Region:
    """A table cell or a body text line of an OCR layer, judged and maybe re-read."""

    kind: Literal["cell", "line"]
    bbox: tuple[float, float, float, float]
    words: list[Word]
    ink: float = 0.0  # letters the image shows beyond the cell's text


def _layer_regions(words: list[Word], cell_groups: list[list[Any]]) -> list[_Region]:
    """The layer's table cells (words by centre, as `build_table` assigns them) and the
    body lines outside the tables."""
    regions = []
    remaining = list(words)
    for cell in sorted((c for group in cell_groups for c in group), key=lambda c: (c[1], c[0])):
        inside = [w for w in remaining if _inside(w, cell)]
        taken = {id(w) for w in inside}
        remaining = [w for w in remaining if id(w) not in taken]
        regions.append(_Region("cell", tuple(cell), inside))
    lines = group_lines(remaining)
    if lines:
        left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
        for line in lines:
            pad = 0.3 * line.height
            bbox = (left - pad, line.top - pad, right + pad, line.bottom + pad)
            regions.append(_Region("line", bbox, list(line.words)))
    return regions


def _cell_ink(page: _LayerPage, regions: list[_Region]) -> None:
    """Letters the ink of each cell shows beyond its text (`ocr_quality.ink_letters`).

    Ink is the dark pixels inside a cell (rulings erased, 2 pt in from its borders), in
    letters: divided by the median dark pixels per letter of the cells with 10+ letters.
    """
    erased = ocr_engine.erase_rulings(page.image, page.rulings)
    scale = page.rulings.scale

    def dark(bbox: tuple[float, float, float, float]) -> int:
        x0, top, x1, bottom = (round(v * scale) for v in bbox)
        inset = round(2 * scale)
        box = (x0 + inset, top + inset, x1 - inset, bottom - inset)
        if box[2] <= box[0] or box[3] <= box[1]:
            return 0
        return sum(erased.crop(box).histogram()[:128])

    cells = [r for r in regions if r.kind == "cell"]
    per_letter = [
        dark(r.bbox) / letters
        for r in cells
        if (letters := sum(len(w.text) for w in r.words)) >= 10
    ]
    if not per_letter:
        return
    usual = statistics.median(per_letter)
    if usual <= 0:
        return
    for region in cells:
        letters = sum(len(w.text) for w in region.words)
        region.ink = ocr_quality.ink_letters(dark(region.bbox) / usual, letters)


def _judge_regions(regions: list[_Region], letter_width: float) -> list[ocr_quality.Quality]:
    judged = ocr_quality.judge([r.words for r in regions], letter_width)
    return [replace(q, missing=q.missing + r.ink) for q, r in zip(judged, regions, strict=True)]


def _reread_poor_regions(
    page: _LayerPage, words: list[Word], cell_groups: list[list[Any]], doc: Document
) -> list[Word]:
    """Re-read the regions of an OCR layer that read poorly, keeping better readings.

    Each table cell and body line is judged (`ocr_quality`); the poor ones are cropped
    from the page rendered at OCR_DPI (rulings erased) and read with tesseract -l dan in
    one run (`ocr_cells`: the crops stacked into one strip). A re-read replaces the
    layer's words of a region only when it judges better and keeps at least 90% of the
    layer's good letters. Cost: one tesseract run over at most the page's area, so never
    more than `--ocr force` (two runs over the whole page); pages without poor regions
    cost a quality check only.
    """
    regions = _layer_regions(words, cell_groups)
    _cell_ink(page, regions)
    letter_width = ocr_quality.letter_width(words)
    judged = _judge_regions(regions, letter_width)
    poor = [(r, q) for r, q in zip(regions, judged, strict=True) if q.poor]
    if not poor:
        return words
    try:
        ocr_engine.check_tesseract("dan")
    except OcrUnavailableError:
        doc.warnings.append(
            (
                "ocr_layer_poor",
                f"page {page.number}: {len(poor)} regions of the OCR text layer read "
                "poorly; install tesseract to re-read them",
            )
        )
        return words
    rendered = ocr_engine.render_page(page.pdfium_page, ocr_engine.OCR_DPI)
    image = ocr_engine.deskew_image(rendered.image, page.angle)
    erased = ocr_engine.erase_rulings(image, _scaled(page.rulings, rendered.scale))
    try:
        found, _ = ocr_engine.ocr_cells(
            erased,
            rendered.scale,
            [r.bbox for r, _ in poor],
            lang="dan",
            timeout=PAGE_OCR_TIMEOUT,
        )
    except RuntimeError as exc:  # pytesseract's timeout
        doc.warnings.append(("ocr_timeout", f"page {page.number}: OCR gave up ({exc})"))
        return words
    found = clean_ocr_words(found)
    usual_height = statistics.median(w.height for w in words) if words else 0.0
    cells = [cell for group in cell_groups for cell in group]
    candidates = []
    for region, _ in poor:
        reread = [w for w in found if _inside(w, region.bbox) and _within_line(w, region)]
        if region.kind == "line":  # a line beside a table: its cells are not the line's
            reread = [w for w in reread if not any(_inside(w, cell) for cell in cells)]
        reread = _fit_to_layer(reread, region.words, usual_height)
        candidates.append(_Region(region.kind, region.bbox, _merge_words(region.words, reread)))
    better = [
        (region, candidate)
        for (region, old), candidate, new in zip(
            poor, candidates, _judge_regions(candidates, letter_width), strict=True
        )
        if new.score > old.score and new.good >= 0.9 * old.good
    ]
    doc.warnings.append(("ocr_layer_reread", _reread_note(page.number, len(poor), better)))
    if not better:
        return words
    dropped = {id(w) for region, _ in better for w in region.words}
    kept = [w for w in words if id(w) not in dropped]
    return kept + [w for _, candidate in better for w in candidate.words]


def _scaled(rulings: ocr_engine.Rulings, scale: float) -> ocr_engine.Rulings:
    """`rulings` (found in an image at rulings.scale) for the same page at `scale`."""
    k = scale / rulings.scale
    raw = [(h, p * k, a * k, b * k, t * k) for h, p, a, b, t in rulings.raw]
    return replace(rulings, raw=raw, scale=scale)


def _within_line(word: Word, region: _Region) -> bool:
    """A re-read word of a body line, not a letter part of the lines above or below."""
    if region.kind != "line":
        return True
    pad = 0.3 * (region.bbox[3] - region.bbox[1]) / 1.6
    return region.bbox[1] + pad <= word.cy <= region.bbox[3] - pad


def _fit_to_layer(found: list[Word], layer: list[Word], usual_height: float) -> list[Word]:
    """Re-read words with the box heights of the layer's words on the same line.

    Tesseract's boxes span a line's ascender-to-descender band while the layer's span its
    font's box; line gaps, paragraph breaks and heading sizes are judged from the layer's,
    so each re-read word takes the top and bottom of the layer line it lies on (or the
    page's usual layer height around its centre).
    """
    lines = group_lines(layer)
    out = []
    for w in found:
        near = min(lines, key=lambda line: abs((line.top + line.bottom) / 2 - w.cy), default=None)
        if near is not None and abs((near.top + near.bottom) / 2 - w.cy) <= 0.6 * near.height:
            top, bottom = near.top, near.bottom
        elif usual_height:
            top, bottom = w.cy - usual_height / 2, w.cy + usual_height / 2
        else:
            top, bottom = w.top, w.bottom
        out.append(replace(w, top=top, bottom=bottom, size=round(bottom - top)))
    return out


def _overlap(a: Word, b: Word) -> bool:
    """Do two word boxes lie on one line and share some width?"""
    vertical = min(a.bottom, b.bottom) - max(a.top, b.top)
    return vertical > 0.5 * min(a.height, b.height) and min(a.x1, b.x1) > max(a.x0, b.x0)


def _merge_words(layer: list[Word], reread: list[Word]) -> list[Word]:
    """A region's re-read words, with the layer's words where they read better.

    The re-read wins where it reads words; a word it reads as no word ("Talesproalige",
    the g's tail lost in an underline) gives way to the layer's words at that place when
    they are all words ("Talesproglige"). A layer word that no re-read word covers is
    kept when it is a word of 4+ letters the re-read has nowhere in the region (with
    its cells stacked in a strip, tesseract skipped an underlined heading in a cell);
    the layer's boxes in a poor region can sit off the ink, so a word the re-read has
    elsewhere, a number or a fragment is not kept twice.
    """
    judged, texts = ocr_quality.judge_repaired([w.text for w in layer + reread])
    layer_good = [q.good > 0 and q.bad == 0 for q in judged[: len(layer)]]
    layer_texts = texts[: len(layer)]
    kept, read = [], []
    for word, q, text in zip(reread, judged[len(layer) :], texts[len(layer) :], strict=True):
        under = [i for i, old in enumerate(layer) if _overlap(old, word)]
        if q.bad > 0 and under and all(layer_good[i] for i in under):
            continue
        kept.append(word)
        read.append(text.lower())
    from rapidfuzz import fuzz

    uncovered = [
        old
        for old, is_good, text in zip(layer, layer_good, layer_texts, strict=True)
        if is_good
        and sum(ch.isalpha() for ch in old.text) >= MIN_KEPT_LAYER_WORD
        and not any(_overlap(old, word) for word in kept)
        and not any(fuzz.ratio(text.lower(), other) >= 80 for other in read)
    ]
    return kept + uncovered


def _reread_note(number: int, tried: int, better: list[tuple[_Region, _Region]]) -> str:
    cells = sum(region.kind == "cell" for region, _ in better)
    lines = len(better) - cells
    parts = [f"{cells} table cell{'s' if cells != 1 else ''}"] if cells else []
    parts += [f"{lines} text line{'s' if lines != 1 else ''}"] if lines else []
    done = " and ".join(parts) + " re-read with OCR" if parts else "nothing re-read"
    kept = tried - len(better)
    regions = f"{kept} poor region{'s' if kept != 1 else ''}"
    return f"page {number}: {done}" + (
        f"; {regions} kept as read (OCR read no better)" if kept else ""
    )


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


def _in_band(line: Line, height: float) -> bool:
    """In the top or bottom tenth of the page, where running headers and footers stand."""
    return line.bottom < 0.1 * height or line.top > 0.9 * height


def _similar_band_lines(pages: list[PageContent]) -> set[tuple[int, int]]:
    """(page, line) of header and footer lines that recur on half the pages or more with
    a text this similar (`FURNITURE_SIMILARITY`): OCR misreads a running header a little
    differently on every page ("Ryttervaenget", "Rytterveenget") and skew moves it."""
    from rapidfuzz import fuzz

    band = [
        (p, i, _furniture_key(line, page.height))
        for p, page in enumerate(pages)
        for i, line in enumerate(page.lines)
        if _in_band(line, page.height)
    ]
    found: set[tuple[int, int]] = set()
    for p, i, (slot, text) in band:
        if len(text) < MIN_FURNITURE_LETTERS:
            continue
        on_pages = {
            q
            for q, _, (other_slot, other) in band
            if abs(other_slot - slot) <= 1 and fuzz.ratio(text, other) >= FURNITURE_SIMILARITY
        }
        if len(on_pages) >= 2 and len(on_pages) >= 0.5 * len(pages):
            found.add((p, i))
    return found


def _remove_furniture(pages: list[PageContent]) -> None:
    """Drop running headers/footers, page numbers and stray logo characters."""
    counts: Counter[tuple[int, str]] = Counter()
    for page in pages:
        counts.update({_furniture_key(line, page.height) for line in page.lines})
    repeated = {key for key, n in counts.items() if n >= 2 and n >= 0.5 * len(pages) and key[1]}
    similar = _similar_band_lines(pages)
    for p, page in enumerate(pages):
        kept = []
        for i, line in enumerate(page.lines):
            in_band = _in_band(line, page.height)
            edge_line = i == 0 or i == len(page.lines) - 1
            text = line.text.strip()
            if _furniture_key(line, page.height) in repeated or (p, i) in similar:
                continue
            if (in_band or edge_line) and PAGE_NUMBER.match(text):
                continue
            if in_band and len(text) <= 2:
                continue
            if len(text) <= 2 and not any(ch.isalnum() for ch in text):
                continue
            kept.append(line)
        page.lines = kept


def _lexicon_knows() -> Callable[[str], bool] | None:
    """The Danish lexicon's word test, for line breaks the layout cannot settle alone;
    None where no dictionary is installed."""
    try:
        from ..repair.lexicon import load_lexicon

        return load_lexicon().knows
    except RuntimeError:
        return None


def _settle_hyphens(blocks: list[Block]) -> list[Block]:
    """Resolve the line-end hyphens `join_wrapped` left open, document-wide."""
    texts = [b.text for b in blocks] + [
        cell for b in blocks if b.table is not None for row in b.table.rows for cell in row
    ]
    decisions = resolve_hyphens(texts, known=_lexicon_knows())
    if not decisions:
        return blocks
    pattern = re.compile("|".join(re.escape(k) for k in sorted(decisions, key=len, reverse=True)))

    def fix(text: str) -> str:
        settled = pattern.sub(lambda m: decisions[m.group(0)], text)
        return settled.replace(HYPHEN_MARK, "").replace(BREAK_MARK, "")

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
            blocks[-1] = replace(previous, text=join_wrapped([previous.text, text]))
            continue
        blocks.append(
            Block(
                kind=item.kind,
                text=text,
                page=page_number,
                level=levels.get(round(item.size), 1) if item.kind == "heading" else 0,
                bold=item.bold and item.kind != "heading",
                number=item.number,
            )
        )
    if open_table is not None:
        blocks.append(table_block(open_table))
    return blocks
