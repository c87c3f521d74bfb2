"""Page geometry to blocks: words -> lines -> paragraphs, and table cells -> `Table`.

Everything here works on `Word` boxes in PDF points (origin top-left), whatever produced
them: a native text layer, an invisible OCR layer, or a tesseract run. That is what lets
scans and text PDFs come out with the same structure.

Rules (lexicon-free, so they work on OCR noise and any language):

- A *line* is a run of words that overlap vertically, read left to right.
- A *paragraph break* falls between two lines when the vertical gap exceeds the region's
  usual line gap by more than ~15% of a line height (paragraph spacing), when font size
  or boldness changes, when the next line starts a list item, or when the first word of
  the next line would have fitted at the end of the previous line (so the previous line
  was ended on purpose, not wrapped).
- *Hyphenation*: a line ending in a soft hyphen is always joined. A line ending in "-"
  after a letter keeps the hyphen and a space before a conjunction ("børne- og
  ungeområdet"), keeps the hyphen without a space after a capitalised or non-alphabetic
  fragment ("Jennum-parken", "SOSU-uddannelsen", "18-29") or before a capital, and
  otherwise (lowercase on both sides) is a real split only if the document never
  writes that compound with a hyphen elsewhere (`resolve_hyphens`): "bolig-" +
  "områder" becomes "boligområder" unless "bolig-områder" occurs in the text.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..document import Block, Table

BULLET_GLYPHS = frozenset("•◦▪■●▸►➢✓❖·\uf0b7\uf0a7\uf076\uf0d8\uf0fc-–—*»")
# Bullets as an English OCR model reads them; only trusted before a capitalised word.
OCR_BULLET_CHARS = frozenset("¢°«»©+@®.•·*")
DASHES = frozenset({"-", "–", "—", "*"})
NUMBERING = re.compile(r"^(\d{1,2}|[a-zA-Z])[.)]$")
# A line opening with a short name and a colon ("Slagelse Kommune, Sundhedscentret: ...",
# "Formål: ...") after a finished sentence starts an item of its own: where OCR lost the
# bullet and the spacing, its words still say so. Up to 8 words before the colon.
LABEL_OPENING = re.compile(r"^[^\W\d_][^:.!?]{0,80}?\s?:\s+\S")
LABEL_OPENING_WORDS = 8
# A heading names something: a line without a word of three letters ("ØQ—", a scan's page
# edge read large) is no heading.
NAMING_WORD = re.compile(r"[^\W\d_]{3}")
CONJUNCTIONS = frozenset({"og", "eller", "samt", "and", "or", "til"})
TERMINAL = (".", ":", "!", "?")
SOFT_HYPHEN = "\u00ad"
HYPHEN_MARK = "\x1f"  # a line-end hyphen awaiting `resolve_hyphens`
BREAK_MARK = "\u2063"  # a line filled by one word, broken or wrapped: `resolve_hyphens` settles
WORD_JOINER = "\u2060"  # ends a line part that continues without a space
CELL_PADDING = 5.4  # points: Word's default left/right cell margin (0.19 cm)
# A broken word's piece ends less than one of its own letters before the column's edge
# (the next letter did not fit); a line ended before a whole word ends further away.
BROKEN_WORD_ROOM = 1.0
# OCR word boxes hug the ink, so a piece ends up to half a letter further from the edge;
# the wider room lets through more lines that merely ended on a whole word, which the
# lexicon then tells apart (`resolve_hyphens`)
OCR_BROKEN_WORD_ROOM = 1.5
# A new paragraph does not start in lowercase after an unfinished line, so such a line goes
# on over a gap up to a line's height above the usual: OCR places lines to within ~2 pt,
# and on the dev scans continued lines stood up to 0.55 line heights further apart than
# usual (paragraph gaps from 0.3), none further.
LOWERCASE_GOES_ON_GAP = 1.0
# A numbered line at this share of the heading size is a heading: OCR sizes a line by its
# letters, and "8. Aktiviteter" (no descenders) came out at 0.92 of it; body text numbered
# as a list stays at the body size, 0.83 of the heading size (1.2 times the body).
NUMBERED_HEADING_SHARE = 0.9
# A bullet OCR read as letters ("P", "W", "EF", "P w") is followed by a wider gap than
# any word spacing: on the development OCR layers, a word of one or two letters at a line
# start was followed by at most 0.84 em, a misread bullet by 0.99-1.6 em.
MISREAD_MARK_GAP = 0.95
MISREAD_MARK_LETTERS = 2  # per word of the mark; up to two such words ("P w")
_EM = 9.0  # points: a table font size, to estimate a word's width from its letters


@dataclass(frozen=True)
class Word:
    """One word box in PDF points (top-left origin)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bold: bool = False
    size: float = 0.0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return statistics.median(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return statistics.median(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def size(self) -> float:
        return statistics.median(w.size or w.height for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words if w.text.strip())

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Paragraph:
    """A paragraph or list item under construction."""

    lines: list[Line] = field(default_factory=list)
    kind: str = "paragraph"
    text_x0: float = 0.0  # where a list item's text (after the marker) starts
    number: str = ""  # a numbered list item's number as written ("8.")
    parts: list[str] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def text(self) -> str:
        return join_wrapped(self.parts)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words to lines, top to bottom; a word joins the line it overlaps most vertically."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        best: Line | None = None
        best_overlap = 0.0
        for line in lines[-4:]:
            overlap = min(line.bottom, word.bottom) - max(line.top, word.top)
            share = overlap / max(min(line.height, word.height), 0.1)
            if share > 0.5 and share > best_overlap:
                best, best_overlap = line, share
        if best is None:
            lines.append(Line([word]))
        else:
            best.words.append(word)
            best.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: line.top)
    return lines


def list_marker(
    line: Line, previous: Line | None, left: float, in_list: bool = False
) -> tuple[str, float] | None:
    """If `line` starts a list item, return (kind of marker, x where its text starts).

    Glyph bullets always count. Letters an OCR model makes of bullets ("e", "¢", "o")
    and numbering ("1.", "a)") count only before a capitalised word and when set off
    like a marker: indented, followed by a tab-wide gap, or in a running list. Any other
    small mark (under half an em wide, not a word) followed by a tab-wide gap is a bullet
    too, whatever OCR read it as ("LJ", "OJ").
    """
    first = line.words[0].text
    rest = line.words[1:]
    if first and first[0] in BULLET_GLYPHS and len(first) > 1 and first[0] not in "-–*":
        return "bullet", line.words[0].x0 + (line.words[0].x1 - line.words[0].x0) / len(first)
    if not rest:
        return None
    next_text = rest[0].text
    capitalised = next_text[:1].isupper() or next_text[:1].isdigit() or next_text[:1] in "(@"
    set_off = (
        line.x0 > left + 0.3 * line.size
        or rest[0].x0 - line.words[0].x1 > 0.6 * line.size
        or in_list
    )
    tab_after = rest[0].x0 - line.words[0].x1 > 0.6 * line.size
    if first in BULLET_GLYPHS and (first not in DASHES or capitalised or tab_after):
        return "bullet", rest[0].x0  # a dash before lowercase is a wrapped "– og ..."
    if _ocr_bullet(first) and set_off and capitalised:
        return "bullet", rest[0].x0
    # Word's own numbering is set off by a tab; "1) Fravær-procenten" typed at the start
    # of a paragraph with a plain space is text, as it is in the .docx.
    if NUMBERING.match(first) and set_off and capitalised:
        return "number", rest[0].x0
    mark = line.words[0]
    tab_gap = rest[0].x0 - mark.x1 > 0.6 * line.size
    small = mark.x1 - mark.x0 <= 0.55 * line.size
    if (
        small
        and tab_gap
        and capitalised
        and (not first.isalnum() or mark.height <= 0.6 * line.size)
    ):
        return "bullet", rest[0].x0
    text_at = _misread_mark(line)
    if text_at is not None:
        return "bullet", text_at
    return None


def _misread_mark(line: Line) -> float | None:
    """Where the text starts after a bullet OCR read as one or two short letter runs ("P",
    "EF", "P w"): the run has no digit and is followed by a gap wider than word spacing
    (`MISREAD_MARK_GAP`) and a capitalised word."""
    for count in (1, 2):
        if len(line.words) <= count:
            return None
        mark, after = line.words[:count], line.words[count]
        if any(len(w.text) > MISREAD_MARK_LETTERS or not w.text.isalpha() for w in mark):
            return None
        gap = after.x0 - mark[-1].x1
        if gap >= MISREAD_MARK_GAP * line.size and after.text[:1].isupper():
            return after.x0
    return None


def _ocr_bullet(token: str) -> bool:
    """'e', 'o', '«', '«+', '.«', '¢': what OCR models make of a bullet glyph."""
    if token in ("e", "o"):
        return True
    return len(token) <= 3 and set(token) <= OCR_BULLET_CHARS and set(token) != {"."}


def strip_marker(line: Line, marker: tuple[str, float] | None) -> str:
    if marker is None:
        return line.text
    first = line.words[0].text
    if len(first) > 1 and first[0] in BULLET_GLYPHS and marker[0] == "bullet":
        return " ".join([first[1:], *(w.text for w in line.words[1:])]).strip()
    # the words before the marker's text start: one, or two for a mark read as "P w"
    return " ".join(w.text for w in line.words[1:] if w.x0 >= marker[1] - 0.01)


# the document's usual line gap per (region kind, font size), from `typical_line_gaps`
LineGaps = Mapping[tuple[str, int], float]


def typical_line_gaps(
    regions: Iterable[tuple[str, Sequence[Line]]],
) -> LineGaps:
    """The document's usual gap between the lines of a paragraph, per region kind and size.

    The lower quartile of all gaps between consecutive lines of one size, separately
    for page body ("body") and table cells ("cell"), which are often spaced differently:
    a cell or page whose paragraphs are all one line long has no line gap of its own.
    """
    gaps: dict[tuple[str, int], list[float]] = {}
    for kind, lines in regions:
        for a, b in itertools.pairwise(lines):
            if round(a.size) == round(b.size) and b.top - a.bottom > -0.5 * a.height:
                gaps.setdefault((kind, round(a.size)), []).append(b.top - a.bottom)
    return {key: sorted(g)[len(g) // 4] for key, g in gaps.items() if len(g) >= 8}


def build_paragraphs(
    lines: Sequence[Line],
    *,
    heading_size: float | None = None,
    right: float | None = None,
    region: str = "body",
    usual_gaps: LineGaps | None = None,
) -> list[Paragraph]:
    """Lines of one region (page body or table cell) to paragraphs and list items.

    `right` is where the region's text may run to (a cell's inner edge); by default
    the longest line's end. `usual_gaps` are the document's usual line gaps, which settle a
    region too short to have a line gap of its own.
    """
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(max(line.x1 for line in lines), right or 0.0)
    median_height = statistics.median(line.height for line in lines)
    # the usual gap between the lines of one paragraph: a low quantile, since pages of
    # short paragraphs have more paragraph gaps than line gaps
    gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(lines))
    gaps = [g for g in gaps if g > -0.5 * median_height]
    line_gap = gaps[min(len(gaps) - 1, max(1, len(gaps) // 10))] if gaps else 0.0
    document_gaps = usual_gaps or {}
    key = (region, round(statistics.median(line.size for line in lines)))
    if key in document_gaps:
        line_gap = min(line_gap, document_gaps[key]) if gaps else document_gaps[key]
    # OCR places lines to within ~1 pt, so paragraph spacing must stand out more there
    spacing = 0.3 if ":ocr" in region else 0.15
    paragraph_gap = max(line_gap, 0.0) + max(1.5, spacing * median_height)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    previous: Line | None = None
    for line in lines:
        in_list = current is not None and current.kind == "list_item"
        marker = list_marker(line, previous, left, in_list)
        # (a heading does not start in lowercase: that is a wrapped line OCR sized big)
        is_heading = (
            heading_size is not None
            and line.size >= heading_size
            and not line.text[:1].islower()
            and NAMING_WORD.search(line.text) is not None
        )
        if _numbered_heading(line, marker, heading_size) and not _bullet_run_goes_on(
            paragraphs, previous, line, paragraph_gap
        ):
            marker, is_heading = None, True  # "8. Aktiviteter" keeps its number
        # a wrapped heading: OCR sizes vary with the letters, so a lowercase line carrying
        # the heading's unfinished phrase on counts too
        continues_heading = (
            current is not None
            and previous is not None
            and marker is None
            and current.kind == "heading"
            and line.top - previous.bottom <= 0.7 * median_height
            and not _fits_after(previous, line, right)  # a short heading did not wrap
            and (
                line.size >= 0.85 * current.lines[0].size
                or (line.text[:1].islower() and not previous.text.rstrip().endswith(TERMINAL))
            )
        )
        new = current is None or previous is None or marker is not None
        if continues_heading:
            is_heading, new = True, False
        elif not new and previous is not None and current is not None:
            gap = line.top - previous.bottom
            was_heading = current.kind == "heading"
            goes_on = line.text[:1].islower() and not previous.text.rstrip().endswith(TERMINAL)
            if goes_on:
                gap -= LOWERCASE_GOES_ON_GAP * median_height
            new = (
                gap > paragraph_gap
                or line.bold != previous.bold
                or is_heading != was_heading
                or _fits_after(previous, line, right)
                or (previous.text.rstrip().endswith((".", "!", "?")) and _opens_with_label(line))
                or (
                    # back at the margin after a list item's finished sentence; a typed
                    # "1) Fravær-" wraps to the margin without a hanging indent, mid-sentence
                    current.kind == "list_item"
                    and line.x0 < current.text_x0 - 0.5 * line.size
                    and previous.text.rstrip().endswith(TERMINAL)
                )
            )
            room = OCR_BROKEN_WORD_ROOM if ":ocr" in region else BROKEN_WORD_ROOM
            if not new and _broken_word(previous, line, right, room):
                # digits go on ("2023/2" + "4"); letters may be a word that just fitted
                digits = previous.text[-1:].isdigit()
                current.parts[-1] += WORD_JOINER if digits else BREAK_MARK
        if new:
            kind = "list_item" if marker else ("heading" if is_heading else "paragraph")
            current = Paragraph(kind=kind, text_x0=marker[1] if marker else line.x0)
            if marker is not None and marker[0] == "number":
                current.number = line.words[0].text
            paragraphs.append(current)
        assert current is not None
        current.lines.append(line)
        current.parts.append(strip_marker(line, marker))
        previous = line
    return [p for p in paragraphs if p.text.strip()]


def _opens_with_label(line: Line) -> bool:
    """Does the line open with "Name: ..." (see LABEL_OPENING)?"""
    match = LABEL_OPENING.match(line.text)
    return match is not None and len(match.group().split(":")[0].split()) <= LABEL_OPENING_WORDS


def _numbered_heading(
    line: Line, marker: tuple[str, float] | None, heading_size: float | None
) -> bool:
    """A numbered line set larger than the body is a numbered heading, not a list item.

    The number settles what the size alone cannot: OCR measures a line by its letters, so a
    heading with no descenders ("8. Aktiviteter") can come out a little under the heading
    size (`NUMBERED_HEADING_SHARE`).
    """
    if marker is None or marker[0] != "number" or heading_size is None:
        return False
    return (
        line.size >= NUMBERED_HEADING_SHARE * heading_size and not line.words[1].text[:1].islower()
    )


def _bullet_run_goes_on(
    paragraphs: Sequence[Paragraph], previous: Line | None, line: Line, paragraph_gap: float
) -> bool:
    """A numbered line that goes on a run of bullets, as close as they are and numbered past
    them, is one more item whose bullet OCR read as a number ("5. Snakkecafé" after four
    bullets, the first of them read without its bullet), not a numbered heading: a heading
    stands apart from the list before it by the space above it."""
    run = 0
    for paragraph in reversed(paragraphs):
        if _lone_mark(paragraph.text):
            continue  # a bullet OCR set on a line of its own ("O")
        if paragraph.kind != "list_item" or paragraph.number:
            break
        run += 1
    number = line.words[0].text.rstrip(".)")
    return (
        run > 0
        and previous is not None
        and number.isdigit()
        and int(number) > run
        and line.top - previous.bottom <= paragraph_gap
    )


def _lone_mark(text: str) -> bool:
    return len(text.strip()) <= MISREAD_MARK_LETTERS and text.strip().isalpha()


def _broken_word(previous: Line, line: Line, right: float, room: float) -> bool:
    """Was a word too wide for its column broken without a hyphen ("ungdomsuddannels" + "e",
    "2023/2" + "4")?

    Word processors break inside a word only when the word alone is wider than the line:
    the piece then stands alone on its line and fills it up to the last character that
    fits, and the word goes on in lowercase (or in digits after a digit) on the next line.
    """
    if len(previous.words) != 1 or not line.words:
        return False
    piece, first = previous.words[0].text, line.text[:1]
    goes_on = first.islower() or (first.isdigit() and piece[-1:].isdigit())
    if not (piece[-1:].isalnum() and goes_on):
        return False
    rest = line.words[0]
    letter = max(
        (previous.x1 - previous.x0) / max(1, len(piece)),
        (rest.x1 - rest.x0) / max(1, len(rest.text)),
    )
    return previous.x1 + room * letter >= right


def _fits_after(previous: Line, line: Line, right: float) -> bool:
    """True when `line`'s first word would have fitted on `previous` (a deliberate break)."""
    first = line.words[0]
    space = 0.3 * previous.size
    slack = 0.8 * previous.size  # OCR boxes hug the ink: words look narrower than set
    return previous.x1 + space + (first.x1 - first.x0) < right - slack


def join_wrapped(parts: Sequence[str]) -> str:
    """Join the lines of one paragraph, undoing end-of-line hyphenation (see module doc).

    A split that needs the whole document to decide ("tale-" + "hørekonsulent") is
    joined with HYPHEN_MARK, for `resolve_hyphens` to settle once all text is known.
    """
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
            continue
        first_word = part.split()[0]
        if text.endswith((SOFT_HYPHEN, WORD_JOINER)):
            text = text[:-1] + part
        elif text.endswith(BREAK_MARK):
            text = text + part
        elif text.endswith("-") and len(text) >= 2 and (text[-2].isalnum() or text[-2] == "."):
            fragment = text[:-1].split()[-1]
            if first_word.strip(",.;:").lower() in CONJUNCTIONS:
                text = text + " " + part  # "børne- og ungeområdet"
            elif first_word[:1].islower() and fragment.islower() and fragment.isalpha():
                text = text[:-1] + HYPHEN_MARK + part
            else:
                text = text + part  # "Jennum-parken", "SOSU-uddannelsen", "18-29"
        elif text.endswith("/") and len(text) >= 2 and text[-2].isalnum():
            text = text + part  # "boligområde/" + "målgruppe"
        else:
            text = text + " " + part
    return re.sub(r"[ \t\r\f\v]+", " ", text.replace(SOFT_HYPHEN, "")).strip()


def resolve_hyphens(
    texts: Sequence[str], known: Callable[[str], bool] | None = None
) -> dict[str, str]:
    """Settle each HYPHEN_MARK and BREAK_MARK split by what the document writes elsewhere.

    "tale" + "hørekonsulent" after a hyphen becomes "tale-hørekonsulent" if that form
    occurs somewhere in the text (and the closed form does not), otherwise
    "talehørekonsulent". A line filled by one word is a word broken where the line ended
    ("Udgangspu" + "nkt") unless that piece is a word the document uses on its own and
    the closed form is not ("Baseline" + "år" in a narrow header cell); given `known`
    (a lexicon's test), a closed form it knows is closed and two pieces it knows while it
    does not know the closed form are two words ("sprogkompetencer" + "ved").
    Returns a replacement for every marked word.
    """
    marked = re.compile(r"(\w*)([\u2063\x1f])(\w*)")
    plain = " ".join(t for t in texts if not marked.search(t))
    plain += " " + " ".join(marked.sub(" ", t) for t in texts if marked.search(t))
    words = set(re.findall(r"[\w-]+", plain.lower()))
    decisions: dict[str, str] = {}
    for text in texts:
        for before, mark, after in marked.findall(text):
            closed = before + after
            if mark == HYPHEN_MARK:  # the hyphenated compound itself is the evidence
                other = evidence = before + "-" + after
            else:  # the piece used as a word of its own is
                other, evidence = before + " " + after, before
            keep = evidence.lower() in words and closed.lower() not in words
            if mark == BREAK_MARK and known is not None and after:
                keep = not known(closed) and (keep or (known(before) and known(after)))
            decisions[before + mark + after] = other if keep else closed
    return decisions


def cell_text(
    words: Sequence[Word],
    right: float | None = None,
    region: str = "cell",
    gaps: LineGaps | None = None,
) -> str:
    """Text of one table cell: paragraphs separated by newlines, list items as '- '.

    `right` is the cell's right edge; text may run to CELL_PADDING before it.
    """
    inner = right - CELL_PADDING if right is not None else None
    paragraphs = build_paragraphs(group_lines(words), right=inner, region=region, usual_gaps=gaps)
    out = []
    for paragraph in paragraphs:
        prefix = "- " if paragraph.kind == "list_item" else ""
        out.append(prefix + paragraph.text)
    return "\n".join(out)


# --- tables -------------------------------------------------------------------------


BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class TablePart:
    """A table as found on one page, before joining across pages."""

    page: int
    bbox: BBox
    col_edges: list[float]  # x of each column start, plus the table's right edge
    rows: list[list[str]]
    origin: list[list[tuple[int, int]]]  # (row, col) of the cell each position shows
    # per column: does the last row's cell text run down to the table's bottom edge
    # (so it may continue on the next page)?
    reaches_bottom: list[bool] = field(default_factory=list)
    # per column: room (points) left at the end of the last row's last text line
    last_line_room: list[float] = field(default_factory=list)
    # the words of each cell, by anchor (row, col), and the cell's right edge
    cell_words: dict[tuple[int, int], tuple[list[Word], float]] = field(default_factory=dict)
    region: str = "cell"  # key of the line-gap statistics its cells are read with


def rerender(part: TablePart, gaps: LineGaps) -> None:
    """Recompute the cell texts with the document's usual line gaps (`typical_line_gaps`)."""
    texts = {
        anchor: cell_text(words, right, part.region, gaps)
        for anchor, (words, right) in part.cell_words.items()
    }
    for r, row in enumerate(part.origin):
        for c, anchor in enumerate(row):
            if anchor in texts:
                part.rows[r][c] = texts[anchor]


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= tolerance:
            continue
        result.append(value)
    return result


def _covered(edges: Sequence[float], low: float, high: float, tolerance: float) -> list[int]:
    """Indices of the grid lines (column/row starts) inside [low, high)."""
    return [i for i, edge in enumerate(edges) if low - tolerance <= edge < high - tolerance]


def build_table(page: int, cells: Sequence[BBox], words: Sequence[Word]) -> TablePart | None:
    """Resolve a table's cell boxes into a full grid with merged cells repeated.

    Column starts are the distinct left edges of cells (row starts: top edges), so a
    cell spanning several columns covers every column start inside it.
    """
    if len(cells) < 2:
        return None
    tolerance = 2.5
    xs = _cluster((c[0] for c in cells), tolerance)
    ys = _cluster((c[1] for c in cells), tolerance)
    right = max(c[2] for c in cells)
    bottom = max(c[3] for c in cells)
    grid_text: list[list[str | None]] = [[None] * len(xs) for _ in ys]
    origin = [[(r, c) for c in range(len(xs))] for r in range(len(ys))]
    remaining = list(words)
    reaches_bottom = [False] * len(xs)
    last_line_room = [0.0] * len(xs)
    cell_words: dict[tuple[int, int], tuple[list[Word], float]] = {}
    for cell in sorted(cells, key=lambda c: (c[1], c[0])):
        cols = _covered(xs, cell[0], cell[2], tolerance)
        rows = _covered(ys, cell[1], cell[3], tolerance)
        if not cols or not rows:
            continue
        inside = [w for w in remaining if cell[0] <= w.cx <= cell[2] and cell[1] <= w.cy <= cell[3]]
        taken = {id(w) for w in inside}
        remaining = [w for w in remaining if id(w) not in taken]
        text = cell_text(inside, right=cell[2])
        cell_words[(rows[0], cols[0])] = (inside, cell[2])
        if inside and rows[-1] == len(ys) - 1:
            line_height = statistics.median(w.height for w in inside)
            full = max(w.bottom for w in inside) >= cell[3] - 1.8 * line_height
            room = max(0.0, cell[2] - CELL_PADDING - group_lines(inside)[-1].x1)
            for c in cols:
                reaches_bottom[c] = full
                last_line_room[c] = room
        for r in rows:
            for c in cols:
                if grid_text[r][c] is None:
                    grid_text[r][c] = text
                    origin[r][c] = (rows[0], cols[0])
    text_rows = [[text or "" for text in row] for row in grid_text]
    bbox = (min(c[0] for c in cells), min(c[1] for c in cells), right, bottom)
    return TablePart(
        page, bbox, [*xs, right], text_rows, origin, reaches_bottom, last_line_room, cell_words
    )


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split())) / 100


def _similar_rows(a: Sequence[str], b: Sequence[str]) -> bool:
    """Equal rows, up to OCR noise (a header row repeated on the next page)."""
    return len(a) == len(b) and all(_similarity(x, y) >= 0.85 for x, y in zip(a, b, strict=True))


def continues_table(a: TablePart, b: TablePart) -> bool:
    """Is part `b` (top of the next page) more of table `a` (bottom of the page before)?

    It must share `a`'s columns. And it must not open a new table of the same form: a
    first row whose first cell repeats `a`'s first cell ("Aktivitetsnavn:") while the
    rest differs starts the next activity form; a whole repeated row is a repeated
    header and the table goes on.
    """
    if not same_columns(a, b) or not a.rows or not b.rows:
        return False
    first_a, first_b = a.rows[0], b.rows[0]
    if _similar_rows(first_a, first_b):
        return True
    return not (first_a[0] and _similarity(first_a[0], first_b[0]) >= 0.8)


def join_cell_text(before: str, after: str, room: float | None = None) -> str:
    """Join the two halves of a cell cut by a page break.

    The paragraph goes on unless the second half starts a list item, or the first
    half's last line left room (`room`, points) for the second half's first word (the
    paragraph had ended; without `room`, a sentence end is taken as the end).
    """
    if not after:
        return before
    if not before:
        return after
    first_word = after.split()[0]
    if first_word[:1].islower():
        ended = False  # a new paragraph does not start in lowercase
    elif room is not None:
        ended = room > 0.5 * _EM * (len(first_word) + 1)
    else:
        ended = before.rstrip().endswith((".", "!", "?"))
    if after.startswith("- ") or ended:
        return before + "\n" + after
    head, _, last_line = before.rpartition("\n")
    first_line, _, tail = after.partition("\n")
    joined = join_wrapped([last_line, first_line])
    return "\n".join(part for part in (head, joined, tail) if part)


def same_columns(a: TablePart, b: TablePart, tolerance: float = 4.0) -> bool:
    """Do two table parts share their column layout?"""
    return len(a.col_edges) == len(b.col_edges) and all(
        abs(x - y) <= tolerance for x, y in zip(a.col_edges, b.col_edges, strict=True)
    )


def is_split_row(last: Sequence[str], first: Sequence[str], reaches_bottom: Sequence[bool]) -> bool:
    """Is `first` (top of the next page) the rest of `last` (bottom of the previous page)?

    Both must hold: some column that had text in `last` is empty in `first` (those cells
    had finished), and every filled cell of `first` sits under a cell of `last` whose
    text ran down to the page break (only cut-off cells continue; a new row would also
    fill the short cells, like the "75%" next to a long indicator). Empty cells alone
    prove nothing: a new row whose merged first cell runs on from above looks the same.
    The text itself is no guide: a cut cell may go on with a new paragraph or list item.
    Undecidable, and taken as a split: a new row whose only filled cells are under the
    cut ones and whose other cells are empty.
    """
    full = list(reaches_bottom) or [True] * len(last)
    triples = list(zip(last, first, full, strict=False))
    finished = any(p and not f for p, f, _ in triples)
    only_cut_cells = all(not f or (p and cut) for p, f, cut in triples)
    return finished and only_cut_cells and any(first)


def join_parts(a: TablePart, b: TablePart) -> TablePart:
    """Append part `b` (top of the next page) to part `a` (see `is_split_row`).

    A repeated header row is dropped, and so is an empty row at the top of `b`. A column
    merged vertically somewhere in the table and empty at the top of `b` is taken as that
    merged cell running on past the break.
    """
    rows_b = [list(r) for r in b.rows]
    drop = 1 if len(rows_b) > 1 and a.rows and _similar_rows(rows_b[0], a.rows[0]) else 0
    # the empty rest of a row cut by the page break holds nothing: drop it, or it would be
    # read as cells merged down from the row above
    while drop < len(rows_b) - 1 and not any(cell.strip() for cell in rows_b[drop]):
        drop += 1
    rows_b = rows_b[drop:]
    origin_b = [[(max(r0 - drop, 0), c0) for r0, c0 in row] for row in b.origin[drop:]]
    rows = [list(r) for r in a.rows]
    origin = [list(o) for o in a.origin]
    if not rows_b or not rows:
        return TablePart(
            a.page,
            a.bbox,
            a.col_edges,
            rows + rows_b,
            origin + origin_b,
            b.reaches_bottom,
            b.last_line_room,
        )
    last = len(rows) - 1
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    if is_split_row(rows[last], rows_b[0], a.reaches_bottom):
        rooms: list[float | None] = list(a.last_line_room) or [None] * len(rows[last])
        rows[last] = [
            join_cell_text(p, f, room)
            for p, f, room in zip(rows[last], rows_b[0], rooms, strict=False)
        ]
        for c in range(len(rows[last])):
            anchors[(0, c)] = origin[last][c]
        rows_b, origin_b, offset = rows_b[1:], origin_b[1:], last
    else:
        # (each part's origins count from its own first row)
        merged_cols = {
            c
            for part_origin in (origin, origin_b)
            for r, row in enumerate(part_origin)
            for c, (r0, _) in enumerate(row)
            if r0 != r
        }
        for c, text in enumerate(rows_b[0]):
            if not text and rows[last][c] and c in merged_cols and origin_b[0][c] == (0, c):
                anchors[(0, c)] = origin[last][c]
        offset = len(rows)
    for row, orig in zip(rows_b, origin_b, strict=True):
        rows.append(row)
        origin.append([anchors.get((r0, c0), (r0 + offset, c0)) for r0, c0 in orig])
    return TablePart(a.page, a.bbox, a.col_edges, rows, origin, b.reaches_bottom, b.last_line_room)


def finish_table(part: TablePart) -> Table:
    """The resolved `Table`: merged positions repeat their anchor cell's (final) text."""
    rows = [list(row) for row in part.rows]
    for r, row in enumerate(part.origin):
        for c, (r0, c0) in enumerate(row):
            rows[r][c] = part.rows[r0][c0]
    merged = frozenset(
        (r, c) for r, row in enumerate(part.origin) for c, (r0, c0) in enumerate(row) if r0 != r
    )
    width = len(part.col_edges) - 1
    return Table(
        rows=tuple(tuple(row[:width]) + ("",) * (width - len(row)) for row in rows),
        merged=merged,
    )


def table_block(part: TablePart) -> Block:
    return Block(kind="table", page=part.page, table=finish_table(part))
