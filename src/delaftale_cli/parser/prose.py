"""Turning blocks into the clean prose of a text field."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Block
from ..textnorm import clean_inline, strip_markup


def clean_text(text: str) -> str:
    """One line of field text: markup removed, spaces normalised."""
    return clean_inline(strip_markup(text))


def table_lines(block: Block) -> list[str]:
    """A table kept as prose: one line per row, distinct cells joined by " | "."""
    assert block.table is not None
    lines = []
    for row in block.table.rows:
        cells = [clean_text(c.replace("\n", " ")) for c in row]
        distinct = [c for c in dict.fromkeys(cells) if c]
        if distinct:
            lines.append(" | ".join(distinct))
    return lines


def blocks_to_text(blocks: Iterable[Block]) -> str | None:
    """Paragraphs separated by a blank line; consecutive list items as "- " lines."""
    out: list[str] = []
    previous_list = False
    for block in blocks:
        if block.table is not None:
            pieces = [(False, line) for line in table_lines(block)]
        else:
            text = clean_text(block.text.replace("\n", " "))
            pieces = [(block.kind == "list_item", text)] if text else []
        for is_list, text in pieces:
            if is_list:
                text = "- " + text
            if out:
                out.append("\n" if is_list and previous_list else "\n\n")
            out.append(text)
            previous_list = is_list
    return "".join(out) or None
