"""PDF stage for a page with an OCR text layer (a page image under invisible text): the
layer's words are deskewed with the image, its tables rebuilt from the rulings the image
shows, and the regions the layer reads poorly (judged by `ocr_quality`) read again with
tesseract, keeping a re-read only where it reads better.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..document import Document
from ..errors import OcrUnavailableError
from . import ocr as ocr_engine
from . import ocr_quality
from .pdf_layout import TablePart, Word, group_lines
from .pdf_pages import clean_ocr_words, inside, tables_of

MIN_KEPT_LAYER_WORD = 4  # letters: a layer word kept beside a re-read (`_merge_words`)


def layer_layout(
    pdfium_page: Any,
    words: list[Word],
    number: int,
    doc: Document,
    *,
    reread: bool,
    timeout: float,
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
        words = _reread_poor_regions(page, words, cell_groups, doc, timeout)
    return words, tables_of(cell_groups, words, number)


@dataclass(frozen=True)
class _LayerPage:
    """An OCR-layer page as `layer_layout` saw it: deskew angle, image and rulings."""

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
        in_cell = [w for w in remaining if inside(w, cell)]
        taken = {id(w) for w in in_cell}
        remaining = [w for w in remaining if id(w) not in taken]
        regions.append(_Region("cell", tuple(cell), in_cell))
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
    page: _LayerPage,
    words: list[Word],
    cell_groups: list[list[Any]],
    doc: Document,
    timeout: float,
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
            timeout=timeout,
        )
    except RuntimeError as exc:  # pytesseract's timeout
        doc.warnings.append(("ocr_timeout", f"page {page.number}: OCR gave up ({exc})"))
        return words
    found = clean_ocr_words(found)
    usual_height = statistics.median(w.height for w in words) if words else 0.0
    cells = [cell for group in cell_groups for cell in group]
    candidates = []
    for region, _ in poor:
        reread = [w for w in found if inside(w, region.bbox) and _within_line(w, region)]
        if region.kind == "line":  # a line beside a table: its cells are not the line's
            reread = [w for w in reread if not any(inside(w, cell) for cell in cells)]
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
