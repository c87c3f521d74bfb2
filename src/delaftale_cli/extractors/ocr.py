"""Page images: rendering, tesseract OCR, deskewing, and table rulings seen in the image.

Scanned tables have no ruling lines in the PDF; the lines are in the picture. We find
them in the rendered page (long dark runs, numpy-free: a box-filter downscale along the
line direction turns a ruling into a fully dark pixel run while text averages out grey)
and hand them to pdfplumber's own edges -> intersections -> cells code, so scanned and
native tables go through the same grid resolution.

Why image rulings and not word alignment: the template's tables (indicator table,
two-column activity forms) are drawn with full grids, and cells hold wrapped multi-line
text whose columns are ragged; from word positions alone the row boundaries of wrapped
cells and vertically merged cells are guesses, while the grid in the image states them.
Measured against the text PDFs (cells whose text is >= 90% similar, æøå folded for the
English-model layers): OCR layers (`-l eng`, samples/*.ocr.pdf) read as they are
(`--ocr never`) 97.4% (Viborg, 76 non-empty cells; the layer itself lacks two "2023"s) and
99.1% (Randers, 109), with `--ocr auto` re-reading the poor regions (ocr_quality.py) 100%
and 100%; OCR runs (`-l dan`) on samples/randers-uddannelse.scan.pdf 100% (109 cells),
`force` on the Viborg PDF 100%.
OpenCV/img2table were not needed (numpy-free PIL box filters), so no extra dependency.
"""

from __future__ import annotations

import functools
import math
import os
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import OcrUnavailableError
from .pdf_layout import BBox, Word

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_DPI = 300
OCR_PSM = 11
LINE_DPI = 200
MAX_RENDER_PIXELS = 36_000_000  # ~ A3 at 300 dpi; bounds memory for huge pages
DARK = 40  # ridge height (0-255) a ruling keeps after the box filter; text stays lower
BOX_PT = 4  # box filter length along a ruling, points
MIN_FILL = 0.92  # share of a candidate's length that must be dark at full resolution
COLLINEAR_GAP = 60.0  # points between two pieces of one broken ruling
MAX_GAP = 30.0  # points a broken ruling may be extended to meet a crossing one
INSTALL_HINT = "Debian: apt-get install tesseract-ocr tesseract-ocr-dan"


@dataclass(frozen=True)
class Rendered:
    """A page image and the factor from PDF points to its pixels."""

    image: Image
    scale: float


def render_page(page: Any, dpi: int) -> Rendered:
    """Render a pypdfium2 page in greyscale at `dpi`, capped at MAX_RENDER_PIXELS."""
    width, height = page.get_size()
    scale = dpi / 72
    pixels = width * height * scale * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= math.sqrt(MAX_RENDER_PIXELS / pixels)
    bitmap = page.render(scale=scale, grayscale=True)
    image = bitmap.to_pil().convert("L")
    return Rendered(image, scale)


def check_tesseract(lang: str = "dan", path: str | Path | None = None) -> None:
    """Raise OcrUnavailableError (about `path`) unless tesseract and `lang` data are installed."""
    try:
        import pytesseract
    except ImportError as exc:
        raise OcrUnavailableError(
            path,
            "OCR needs the Python package pytesseract (pip install 'delaftale[ocr]'); "
            f"{INSTALL_HINT}",
        ) from exc
    command = pytesseract.pytesseract.tesseract_cmd
    try:
        languages = _languages(command, os.environ.get("TESSDATA_PREFIX", ""))
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrUnavailableError(
            path, f"OCR engine tesseract is not installed; {INSTALL_HINT}"
        ) from exc
    if lang not in languages:
        raise OcrUnavailableError(
            path, f"tesseract has no '{lang}' (Danish) language data; {INSTALL_HINT}"
        )


@functools.lru_cache(maxsize=4)
def _languages(command: str, tessdata: str) -> frozenset[str]:
    """Installed tesseract languages, asked once per engine and data folder."""
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


def ocr_words(
    image: Image, scale: float, *, lang: str, timeout: float, psm: int = OCR_PSM
) -> tuple[list[Word], float]:
    """Word boxes (in PDF points) and the mean word confidence (0-100) from tesseract.

    `scale` is the image's pixels per PDF point.

    Read from hOCR, whose text lines carry a baseline and a font size estimate
    (x_size): each word box spans its line's ascender-to-descender band and gets the
    line's size, as a word from a text layer would. (Tesseract's word boxes hug the
    ink, so line gaps and sizes taken from them vary with the letters.) Page
    segmentation mode 11 (sparse text) finds the words in table cells that mode 3
    skips; reading order is rebuilt from the boxes anyway.
    Raises RuntimeError on timeout (pytesseract's message).
    """
    import xml.etree.ElementTree as ET

    import pytesseract

    _one_thread()
    hocr = pytesseract.image_to_pdf_or_hocr(
        image, lang=lang, config=f"--psm {psm}", extension="hocr", timeout=timeout
    )
    root = ET.fromstring(hocr)
    words: list[Word] = []
    confidences: list[float] = []
    placed: list[tuple[str, float, float, float, float, float, float]] = []
    for line in root.iter():
        if line.get("class") not in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
            continue
        props = _hocr_props(line.get("title", ""))
        lx0, _, _, ly1 = (float(v) for v in props["bbox"][:4])
        slope, offset = (float(v) for v in props.get("baseline", ["0", "0"])[:2])
        x_size = float(props.get("x_size", ["0"])[0])
        for span in line:
            text = "".join(span.itertext()).strip()
            if span.get("class") != "ocrx_word" or not text:
                continue
            word_props = _hocr_props(span.get("title", ""))
            x0, top, x1, bottom = (float(v) for v in word_props["bbox"][:4])
            confidences.append(float(word_props.get("x_wconf", ["0"])[0]))
            baseline = ly1 + offset + slope * ((x0 + x1) / 2 - lx0)
            placed.append((text, x0, top, x1, bottom, baseline, x_size))
    # One font size gives one box height: tesseract's per-line x_size wobbles by ~10%,
    # which would show as uneven line gaps (false paragraph breaks). Lines within 15%
    # of the page's usual size get that size; headings and small print keep their own.
    sizes = [p[6] for p in placed if p[6]]
    usual = statistics.median(sizes) if sizes else 0.0
    for text, x0, top, x1, bottom, baseline, x_size in placed:
        if x_size:
            size = usual if abs(x_size - usual) <= 0.15 * usual else x_size
            top, bottom = baseline - 0.78 * size, baseline + 0.22 * size
        words.append(
            Word(
                text,
                x0 / scale,
                top / scale,
                x1 / scale,
                bottom / scale,
                size=round((bottom - top) / scale, 1),
            )
        )
    return words, (statistics.fmean(confidences) if confidences else 0.0)


def _one_thread() -> None:
    """Run tesseract single-threaded unless the user chose otherwise.

    Its OpenMP threads fight over few cores: a dense page took 60 s with two threads
    and 6 s with one on the 2-core build machine. Batch runs parallelise across pages.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _hocr_props(title: str) -> dict[str, list[str]]:
    """hOCR title attribute ('bbox 1 2 3 4; x_size 47') to {'bbox': [...], ...}."""
    props = {}
    for part in title.split(";"):
        fields = part.split()
        if fields:
            props[fields[0]] = fields[1:]
    return props


def ocr_cells(
    image: Image, scale: float, cells: Sequence[BBox], *, lang: str, timeout: float
) -> tuple[list[Word], float]:
    """OCR table cells: all cell images stacked into one strip, read as one text block.

    Tesseract's page layout analysis (any mode but 6) drops bold words in cells of a
    blurred scan ("Delmål", "Bedre ..."); reading each cell as a plain block of lines
    keeps them. One strip means one tesseract run per page, not one per cell. Word boxes
    come back in page points.
    """
    from PIL import Image as PILImage

    inset, gap = 3, 60  # pixels: stay off the rulings; blank rows between cells
    crops = []
    for x0, top, x1, bottom in cells:
        box = (
            round(x0 * scale) + inset,
            round(top * scale) + inset,
            round(x1 * scale) - inset,
            round(bottom * scale) - inset,
        )
        if box[2] - box[0] > 4 and box[3] - box[1] > 4:
            crops.append((box, image.crop(box)))
    if not crops:
        return [], 0.0
    width = max(crop.width for _, crop in crops) + 2 * gap
    height = sum(crop.height + gap for _, crop in crops) + gap
    strip = PILImage.new("L", (width, height), 255)
    placed = []
    y = gap
    for box, crop in crops:
        strip.paste(crop, (gap, y))
        placed.append((y, y + crop.height, box))
        y += crop.height + gap
    found, confidence = ocr_words(strip, 1.0, lang=lang, timeout=timeout, psm=6)
    words = []
    for w in found:
        for y0, y1, box in placed:
            if y0 <= w.cy < y1:
                dx, dy = box[0] - gap, box[1] - y0
                words.append(
                    Word(
                        w.text,
                        (w.x0 + dx) / scale,
                        (w.top + dy) / scale,
                        (w.x1 + dx) / scale,
                        (w.bottom + dy) / scale,
                        size=round(w.size / scale, 1),
                    )
                )
                break
    return words, confidence


def osd_rotation(image: Image, timeout: float) -> int:
    """Clockwise degrees tesseract's orientation detection says the page is turned (0 if unsure)."""
    import pytesseract

    small = image.resize((max(1, image.width // 2), max(1, image.height // 2)))
    _one_thread()
    try:
        osd = pytesseract.image_to_osd(
            small, config="--psm 0", timeout=timeout, output_type=pytesseract.Output.DICT
        )
    except (pytesseract.TesseractError, RuntimeError):
        return 0
    if float(osd.get("orientation_conf", 0)) < 2:
        return 0
    return int(osd.get("rotate", 0)) % 360


# --- skew ---------------------------------------------------------------------------


def estimate_skew(image: Image, px_per_pt: float) -> float:
    """Page skew in degrees (positive: rulings run downhill to the right), from the image.

    A slightly rotated ruling, squeezed horizontally, shows as a staircase of short dark
    runs on successive pixel rows; chaining the steps and fitting their slope over the
    long chains gives the rotation. (Word boxes are no use here: tesseract's text layer
    flattens each text line onto one baseline.) Pages without rulings return 0.
    """
    from PIL import Image as PILImage

    factor = max(2, round(2 * px_per_pt))
    inverted = image.point(lambda v: 255 - v)
    width, height = inverted.size
    small = inverted.resize((max(1, width // factor), height), PILImage.Resampling.BOX)
    small = _ridges(small, px_per_pt)
    runs = _runs(small.tobytes(), small.size[0], DARK, max(2, round(6 * px_per_pt / factor)))
    chains: list[list[tuple[int, int, int]]] = []  # [(y, x0, x1), ...] per ruling
    active: list[tuple[list[tuple[int, int, int]], list[int]]] = []  # (chain, [x_min, x_max])
    for y, row_runs in enumerate(runs):
        active = [item for item in active if y - item[0][-1][0] <= 2]
        for a, b in row_runs:
            for chain, span in active:
                if chain[-1][0] == y:
                    continue
                if span[0] < a <= span[1] + 3 and b > span[1]:
                    span[1] = b
                elif span[0] - 3 <= b < span[1] and a < span[0]:
                    span[0] = a
                else:
                    continue
                chain.append((y, a, b))
                break
            else:
                chains.append([(y, a, b)])
                active.append((chains[-1], [a, b]))
    slopes: list[tuple[float, float]] = []
    for chain in chains:
        length = (max(b for _, _, b in chain) - min(a for _, a, _ in chain)) * factor
        if len(chain) < 3 or length < 150 * px_per_pt:
            continue
        points = [((a + b) / 2 * factor, float(y)) for y, a, b in chain]
        mean_x = statistics.fmean(x for x, _ in points)
        mean_y = statistics.fmean(y for _, y in points)
        spread = sum((x - mean_x) ** 2 for x, _ in points)
        if spread:
            slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
            slopes.append((slope, length))
    if not slopes:
        return 0.0
    slopes.sort()
    half, acc = sum(weight for _, weight in slopes) / 2, 0.0
    for slope, weight in slopes:
        acc += weight
        if acc >= half:
            angle = math.degrees(math.atan(slope))
            return angle if abs(angle) < 5 else 0.0
    return 0.0


def rotate_words(words: Sequence[Word], angle: float, cx: float, cy: float) -> list[Word]:
    """Rotate word centres by -`angle` degrees around (cx, cy), keeping box sizes."""
    if not angle:
        return list(words)
    theta = math.radians(-angle)
    cos, sin = math.cos(theta), math.sin(theta)
    out = []
    for w in words:
        dx, dy = w.cx - cx, w.cy - cy
        nx, ny = cx + dx * cos - dy * sin, cy + dx * sin + dy * cos
        hw, hh = (w.x1 - w.x0) / 2, (w.bottom - w.top) / 2
        out.append(Word(w.text, nx - hw, ny - hh, nx + hw, ny + hh, w.bold, w.size))
    return out


def deskew_image(image: Image, angle: float) -> Image:
    """Rotate the page image to undo `angle` (same convention as `rotate_words`)."""
    if not angle:
        return image
    from PIL import Image as PILImage

    return image.rotate(angle, resample=PILImage.Resampling.BILINEAR, fillcolor=255)


# --- rulings ------------------------------------------------------------------------


def _ridges(small: Image, px_per_pt: float) -> Image:
    """Keep thin dark rows only: darkness minus the darkest of the rows ~1 pt above/below.

    A ruling is a thin ridge; a row through text has dark rows around it and cancels
    out. A 1-px ruling in a blurred scan is spread grey over 2 rows, so each row is first
    combined with the next.
    """
    from PIL import ImageChops

    doubled = ImageChops.lighter(small, ImageChops.offset(small, 0, 1))
    d = max(2, round(1.0 * px_per_pt))
    around = ImageChops.lighter(ImageChops.offset(small, 0, d + 1), ImageChops.offset(small, 0, -d))
    return ImageChops.subtract(doubled, around)


def _runs(
    values: Sequence[int], width: int, threshold: int, min_run: int
) -> list[list[tuple[int, int]]]:
    """Per row of a row-major greyscale buffer, the [start, end) runs of values >= threshold."""
    rows = []
    for y in range(len(values) // width):
        row = values[y * width : (y + 1) * width]
        runs = []
        start = -1
        for x, value in enumerate(row):
            if value >= threshold:
                if start < 0:
                    start = x
            elif start >= 0:
                if x - start >= min_run:
                    runs.append((start, x))
                start = -1
        if start >= 0 and width - start >= min_run:
            runs.append((start, width))
        rows.append(runs)
    return rows


def _segments(
    image: Image, *, horizontal: bool, px_per_pt: float
) -> list[tuple[float, float, float, float]]:
    """Ruling lines as (position, start, end, thickness) in pixels of `image`.

    For horizontal lines the image is squeezed horizontally by `factor` with a box filter:
    a ruling stays fully dark, text turns grey. Runs of dark pixels at least
    `min_length` long, on consecutive pixel rows, are merged into one line; a band
    thicker than `max_thickness` is a filled area, not a line.
    """
    from PIL import Image as PILImage

    factor = max(2, round(BOX_PT * px_per_pt))
    min_length = 30 * px_per_pt  # rulings are at least ~30 pt long
    max_thickness = max(3, round(3 * px_per_pt))
    inverted = image.point(lambda v: 255 - v)
    if not horizontal:
        inverted = inverted.transpose(PILImage.Transpose.TRANSPOSE)
    width, height = inverted.size
    small = inverted.resize((max(1, width // factor), height), PILImage.Resampling.BOX)
    small = _ridges(small, px_per_pt)
    runs = _runs(small.tobytes(), small.size[0], DARK, max(2, round(min_length / factor)))
    open_segments: list[list[float]] = []  # [first_y, last_y, x0, x1]
    done: list[list[float]] = []
    for y, row_runs in enumerate(runs):
        still_open = []
        used = set()
        for seg in open_segments:
            match = next(
                (
                    i
                    for i, (a, b) in enumerate(row_runs)
                    if i not in used and a < seg[3] and b > seg[2]
                ),
                None,
            )
            if match is None or y - seg[1] > 1:
                done.append(seg)
                continue
            used.add(match)
            a, b = row_runs[match]
            seg[1], seg[2], seg[3] = y, min(seg[2], a), max(seg[3], b)
            still_open.append(seg)
        for i, (a, b) in enumerate(row_runs):
            if i not in used:
                still_open.append([y, y, a, b])
        open_segments = still_open
    done.extend(open_segments)
    lines = []
    pixels = inverted.load()
    for first, last, x0, x1 in done:
        if last - first + 1 > max_thickness:
            continue
        start, end = int(x0 * factor), min(width, int(x1 * factor))
        band = range(max(0, int(first) - 1), min(height, int(last) + 2))
        dark = sum(1 for x in range(start, end) if max(_grey(pixels, x, y) for y in band) >= 85)
        if dark < MIN_FILL * max(1, end - start):
            continue  # letters in a row (serif feet, x-height tops) leave gaps; rulings don't
        lines.append(((first + last) / 2, x0 * factor, x1 * factor, last - first + 1))
    return lines


def _grey(pixels: Any, x: int, y: int) -> int:
    value = pixels[x, y]
    return int(value if isinstance(value, int | float) else value[0])


def _clusters_by_position(
    segments: Iterable[tuple[float, float, float]],
) -> list[list[tuple[float, float, float]]]:
    """Ruling pieces (position, start, end) grouped by position, within 2 pt of each other."""
    clusters: list[list[tuple[float, float, float]]] = []
    for segment in sorted(segments):
        if clusters and segment[0] - clusters[-1][-1][0] <= 2:
            clusters[-1].append(segment)
        else:
            clusters.append([segment])
    return clusters


def _join_collinear(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Join pieces of one ruling (same position within 2 pt, gaps under COLLINEAR_GAP).

    Text touching a ruling, or a faint stretch of it, breaks it into pieces; pieces at
    one position are the same line (text never makes long collinear dark runs).
    """
    clusters = _clusters_by_position(segments)
    joined: list[tuple[float, float, float]] = []
    for cluster in clusters:
        position = statistics.fmean(p for p, _, _ in cluster)
        pieces: list[list[float]] = []
        for _, start, end in sorted(cluster, key=lambda s: s[1]):
            if pieces and start - pieces[-1][1] <= COLLINEAR_GAP:
                pieces[-1][1] = max(pieces[-1][1], end)
            else:
                pieces.append([start, end])
        joined.extend((position, start, end) for start, end in pieces)
    return joined


def _complete(
    segment: tuple[float, float, float], across: list[tuple[float, float, float]], max_gap: float
) -> tuple[float, float, float]:
    """Extend a ruling whose end stops short (faint or touched by text) of a crossing ruling.

    An end already at a crossing ruling stays; otherwise it goes to the nearest crossing
    ruling that spans this one's position, within `max_gap` points (or a fifth of a long
    ruling's length: a faded page bottom lost 49 pt of a 480 pt border). Never past one:
    a row border that stops at a merged cell must not cut through it.
    """
    position, start, end = segment
    limit = max(max_gap, 0.2 * (end - start)) if max_gap >= MAX_GAP else max_gap
    spanning = [o for o, o_start, o_end in across if o_start - 6 <= position <= o_end + 6]
    if not any(abs(o - start) <= 4 for o in spanning):
        left = [o for o in spanning if start - limit <= o < start]
        start = max(left, default=start)
    if not any(abs(o - end) <= 4 for o in spanning):
        right = [o for o in spanning if end < o <= end + limit]
        end = min(right, default=end)
    return position, start, end


@dataclass(frozen=True)
class Rulings:
    """Ruling candidates seen in a page image: (position, start, end) in PDF points.

    Candidates include false ones: at the contrast a faint 0.5 pt ruling needs, the
    flat tops of serif letters ("Kommune") show as short ridges too. `ruled_tables`
    drops those that run through a word.
    """

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]
    raw: list[tuple[bool, float, float, float, float]]  # pixels, for erasing
    scale: float


def find_rulings(image: Image, scale: float) -> Rulings:
    """Horizontal and vertical ruling candidates of a (deskewed) page image."""
    raw_h = _segments(image, horizontal=True, px_per_pt=scale)
    raw_v = _segments(image, horizontal=False, px_per_pt=scale)
    horizontal = [(y / scale, x0 / scale, x1 / scale) for y, x0, x1, _ in raw_h]
    vertical = [(x / scale, y0 / scale, y1 / scale) for x, y0, y1, _ in raw_v]
    horizontal = _bridge_faint(horizontal, image, scale)
    raw = [(True, *seg) for seg in raw_h] + [(False, *seg) for seg in raw_v]
    return Rulings(horizontal, vertical, raw, scale)


def _bridge_faint(
    segments: list[tuple[float, float, float]], image: Image, scale: float
) -> list[tuple[float, float, float]]:
    """Join pieces of a horizontal ruling across a stretch too faint to pass as a ruling.

    A scan can lose contrast along a line (the bottom border of a page-long cell came in
    four pieces with a 61 pt gap). The gap is joined when most of it is still greyer
    than paper along the ruling's own row.
    """
    pixels = image.load()
    width, height = image.size
    clusters = _clusters_by_position(segments)
    out: list[tuple[float, float, float]] = []
    for cluster in clusters:
        y = round(statistics.fmean(p for p, _, _ in cluster) * scale)
        band = range(max(0, y - 2), min(height, y + 3))
        pieces: list[tuple[float, float, float]] = []
        for segment in sorted(cluster, key=lambda seg: seg[1]):
            if pieces and 0 < segment[1] - pieces[-1][2] <= 200:
                columns = range(round(pieces[-1][2] * scale), min(width, round(segment[1] * scale)))
                grey = sum(1 for x in columns if min(_grey(pixels, x, yy) for yy in band) < 200)
                if grey >= 0.6 * max(1, len(columns)):
                    position, start, end = pieces[-1]
                    pieces[-1] = (position, start, max(end, segment[2]))
                    continue
            pieces.append(segment)
        out.extend(pieces)
    return out


def erase_rulings(image: Image, rulings: Rulings) -> Image:
    """A copy of `image` with the rulings painted white, so OCR sees text only.

    Tesseract reads table grid lines as '|', '_' or drops the words touching them, and
    underlined words come out as garbage. All horizontal candidates (thin by
    construction) are erased, underlines included; vertical ones only when sure (long,
    or meeting a crossing ruling at both ends), since a letter stem must not be wiped.
    (Keeping the pixels where a stroke crosses the line, to save the tail of a 'g'
    through an underline, measured worse: tesseract then loses whole header words.)
    """
    from PIL import ImageDraw

    # light shading (table header cells) to white: tesseract skips text on grey
    cleaned = image.point(lambda v: 255 if v > 190 else v)
    draw = ImageDraw.Draw(cleaned)
    s = rulings.scale
    for horizontal, position, start, end, thickness in rulings.raw:
        across = rulings.vertical if horizontal else rulings.horizontal
        if not horizontal and not _sure((position / s, start / s, end / s), across):
            continue
        half = thickness / 2 + 1
        if horizontal:
            draw.rectangle((start - 2, position - half, end + 2, position + half), fill=255)
        else:
            draw.rectangle((position - half, start - 2, position + half, end + 2), fill=255)
    return cleaned


def _sure(segment: tuple[float, float, float], across: list[tuple[float, float, float]]) -> bool:
    """A ruling for certain: long, or running from one crossing ruling to another."""
    return segment[2] - segment[1] >= 100 or _meets_both(segment, across)


def _through_words(
    segment: tuple[float, float, float], words: Sequence[Word], horizontal: bool
) -> bool:
    """Is a ruling candidate part of one word's letters (serif feet, a letter stem)?

    It lies inside the word's band and within its extent. A ruling running under a line
    of text goes on through the gaps between words, so no single word covers it.
    """
    position, start, end = segment
    for w in words:
        if horizontal:
            band = (w.top + 0.3 * w.height, w.bottom)  # letters, not the box top; feet at bottom
            span = (w.x0, w.x1)
        else:
            width = w.x1 - w.x0
            band = (w.x0 + 0.15 * width, w.x1 - 0.15 * width)
            span = (w.top, w.bottom)
        inside = band[0] <= position <= band[1]
        if inside and min(end, span[1]) - max(start, span[0]) >= 0.7 * (end - start):
            return True
    return False


def _underline(
    segment: tuple[float, float, float],
    words: Sequence[Word],
    vertical: list[tuple[float, float, float]],
) -> bool:
    """Is a horizontal candidate the underline of the words sitting on it?

    It lies at the words' bottom edge, the words cover most of it, and it does not run
    from one vertical ruling to another as a cell border does.
    """
    position, start, end = segment
    if _meets_both(segment, vertical):
        return False
    crossing = [x for x, y0, y1 in vertical if y0 - 6 <= position <= y1 + 6]
    if crossing and end - start >= 0.85 * (max(crossing) - min(crossing)):
        return False  # spans the table: a border with the last text line sitting on it
    covered = 0.0
    for w in words:
        if -0.4 * w.height <= position - w.bottom <= 0.2 * w.height:
            covered += max(0.0, min(end, w.x1 + 3) - max(start, w.x0 - 3))
    return covered >= 0.6 * (end - start)


def _meets_both(
    segment: tuple[float, float, float], across: list[tuple[float, float, float]]
) -> bool:
    position, start, end = segment
    meets = [o for o, o_start, o_end in across if o_start - 4 <= position <= o_end + 4]
    return any(abs(m - start) <= 4 for m in meets) and any(abs(m - end) <= 4 for m in meets)


def ruled_tables(rulings: Rulings, words: Sequence[Word]) -> list[list[BBox]]:
    """Cell boxes (PDF points) of the ruled tables, via pdfplumber's own cell finder.

    Candidates running through words are dropped, broken rulings joined and extended
    to the rulings they should meet, then edges -> intersections -> cells as pdfplumber
    does for vector rulings.
    """
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    horizontal = _join_collinear(
        [s for s in rulings.horizontal if not _through_words(s, words, True)]
    )
    horizontal = [s for s in horizontal if not _underline(s, words, rulings.vertical)]
    vertical = [s for s in rulings.vertical if not _through_words(s, words, False)]
    # Text touching a ruling breaks horizontal rulings (cell text sits on them), rarely
    # vertical ones; a long stretch for verticals would bridge two stacked tables.
    horizontal = [_complete(seg, vertical, MAX_GAP) for seg in horizontal]
    vertical = [_complete(seg, horizontal, 6.0) for seg in vertical]
    reach = 4.0  # points: rulings drawn up to, not across, the perpendicular line
    edges: list[dict[str, Any]] = []
    for top, x0, x1 in horizontal:
        edges.append(
            {
                "x0": x0 - reach,
                "x1": x1 + reach,
                "top": top,
                "bottom": top,
                "width": x1 - x0 + 2 * reach,
                "orientation": "h",
            }
        )
    for left, y0, y1 in vertical:
        edges.append(
            {
                "x0": left,
                "x1": left,
                "top": y0 - reach,
                "bottom": y1 + reach,
                "height": y1 - y0 + 2 * reach,
                "orientation": "v",
            }
        )
    if not edges:
        return []
    merged = merge_edges(
        edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3
    )
    intersections = edges_to_intersections(merged, 3, 3)
    cells = intersections_to_cells(intersections)
    return [list(table) for table in cells_to_tables(cells) if len(table) >= 2]
