"""PDF last stage, the document: pages' lines and tables without running headers,
footers and page numbers, assembled in reading order into paragraphs, headings, list
items and tables joined across page breaks, with line-end hyphens settled document-wide.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..document import Block, Table, TextSource
from .pdf_layout import (
    BREAK_MARK,
    HYPHEN_MARK,
    Line,
    LineGaps,
    TablePart,
    build_paragraphs,
    continues_table,
    group_lines,
    join_parts,
    join_wrapped,
    rerender,
    resolve_hyphens,
    table_block,
    typical_line_gaps,
)

PAGE_NUMBER = re.compile(r"^(side\s*|page\s*)?\d{1,3}(\s*(af|/|of)\s*\d{1,3})?$", re.IGNORECASE)
# A running header read by OCR differs by a few letters per page; 85 keeps "Side 2 af 8"
# apart from a heading that merely starts alike, and a line of under 8 letters ("Side #")
# is settled by the exact rule and PAGE_NUMBER.
FURNITURE_SIMILARITY = 85
MIN_FURNITURE_LETTERS = 8
# A logo in the header band, read by OCR, comes out as a few capitals and signs that differ
# per page ("ØQ—", "OØQ—"): a band line of at most 4 letters without two small letters in
# a row is such a mark, not text (no word of the body is that short and that shaped).
LOGO_LETTERS = 4
_SMALL_PAIR = re.compile(r"[a-zæøåéü]{2}")


@dataclass
class PageContent:
    """What one page contributes before document-level clean-up."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[TablePart] = field(default_factory=list)
    source: TextSource = TextSource.NATIVE


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


def remove_furniture(pages: list[PageContent]) -> None:
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
            if in_band and (len(text) <= 2 or _logo_mark(text)):
                continue
            if len(text) <= 2 and not any(ch.isalnum() for ch in text):
                continue
            kept.append(line)
        page.lines = kept


def _logo_mark(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    return letters <= LOGO_LETTERS and _SMALL_PAIR.search(text) is None


def _lexicon_knows() -> Callable[[str], bool] | None:
    """The Danish lexicon's word test, for line breaks the layout cannot settle alone;
    None where no dictionary is installed."""
    try:
        from ..repair.lexicon import load_lexicon

        return load_lexicon().knows
    except RuntimeError:
        return None


def settle_hyphens(blocks: list[Block]) -> list[Block]:
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


def assemble(pages: list[PageContent]) -> list[Block]:
    """Paragraphs and tables of all pages in reading order, joined across page breaks."""
    body = _body_size(pages)
    heading_size = body * 1.2 if body else None
    # line spacing differs between body and cells, and OCR boxes space lines differently
    regions: list[tuple[str, list[Line]]] = [(f"body:{p.source}", p.lines) for p in pages]
    for page in pages:
        for table in page.tables:
            table.region = f"cell:{page.source}"
            regions += [(table.region, group_lines(w)) for w, _ in table.cell_words.values()]
    gaps = typical_line_gaps(regions)
    for page in pages:
        for table in page.tables:
            rerender(table, gaps)
    return _assemble_blocks(pages, heading_size, gaps)


def _assemble_blocks(
    pages: list[PageContent], heading_size: float | None, gaps: LineGaps
) -> list[Block]:
    items: list[tuple[int, Any]] = []
    heading_sizes: set[int] = set()
    for page in pages:
        paragraphs = build_paragraphs(
            page.lines, heading_size=heading_size, region=f"body:{page.source}", usual_gaps=gaps
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
