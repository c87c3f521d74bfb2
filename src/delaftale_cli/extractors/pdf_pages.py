"""PDF stage 1, page kind and words: what a page is (native text, an OCR layer over an
image, an image, empty, text turned sideways) and the word boxes its text layer gives;
tables from ruled cells and those words.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Literal

from .pdf_layout import TablePart, Word, build_table

PageKind = Literal["native", "ocr_layer", "image", "empty", "sideways"]

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$", re.IGNORECASE)
INVISIBLE_FONTS = ("GlyphLessFont",)
RULING_TEXT = re.compile(r"^[_—–=~\-\[\]]{2,}$|^[_\[\]]$")


def inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    return bbox[0] <= word.cx <= bbox[2] and bbox[1] <= word.cy <= bbox[3]


def page_kind(page: Any, pdfium_page: Any) -> PageKind:
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


def native_words(page: Any) -> list[Word]:
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


def layer_words(page: Any) -> list[Word]:
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


def is_garbage(words: list[Word]) -> bool:
    """An OCR layer is garbage when under half its characters are letters or digits."""
    text = "".join(w.text for w in words)
    if not text:
        return True
    return sum(ch.isalnum() for ch in text) < 0.5 * len(text)


def native_tables(page: Any, words: list[Word]) -> list[TablePart]:
    parts = []
    for table in page.find_tables():
        part = build_table(page.page_number, table.cells, words)
        if part is not None:
            parts.append(part)
    return parts


def tables_of(cell_groups: list[list[Any]], words: list[Word], number: int) -> list[TablePart]:
    parts = (build_table(number, cells, words) for cells in cell_groups)
    return [part for part in parts if part is not None]
