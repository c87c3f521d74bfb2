"""The intermediate document model every extractor produces.

A document is an ordered list of blocks in reading order. Tables are fully resolved:
every row has one string per column, and a cell merged across rows or columns has its
text repeated in each position it covers (marked in `Table.merged`). Inside a cell,
paragraphs are separated by "\n" and list items start with "- ".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .options import SourceFormat, TextSource

__all__ = ["Block", "BlockKind", "Document", "SourceFormat", "Table", "TextSource"]

BlockKind = Literal["heading", "paragraph", "list_item", "table"]


@dataclass(frozen=True)
class Table:
    """A table: `rows[r][c]` is the text of a cell; all rows have the same length.

    `merged` holds the (row, col) positions covered by a merged cell that starts above
    or to the left of them (their text is a copy), so a sub-goal merged over several
    rows can be told from two equal cells.
    """

    rows: tuple[tuple[str, ...], ...]
    merged: frozenset[tuple[int, int]] = frozenset()

    @property
    def n_cols(self) -> int:
        return len(self.rows[0]) if self.rows else 0


@dataclass(frozen=True)
class Block:
    """One unit of reading order: a heading, paragraph, list item or table.

    `bold` marks a paragraph set entirely in bold (the template's field labels often
    are); `page` is 1-based where the format has pages. `number` is a list item's number
    as written before it ("8." of "8. Aktiviteter", where a text layer gives no other sign
    that the line is a numbered heading); "" for bullets and where the format does not say.
    """

    kind: BlockKind
    text: str = ""
    page: int | None = None
    level: int = 0
    bold: bool = False
    table: Table | None = None
    number: str = ""


@dataclass
class Document:
    """What an extractor returns: blocks plus facts about the source."""

    path: str
    format: SourceFormat
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    text_source: TextSource = TextSource.NATIVE
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # where each page's text came from (PDFs); `text_source` sums it up
    page_sources: dict[int, TextSource] = field(default_factory=dict)

    def plain_text(self) -> str:
        """All text in reading order, table cells tab-separated, one block per line."""
        out: list[str] = []
        for block in self.blocks:
            if block.table is not None:
                out.extend("\t".join(row) for row in block.table.rows)
            else:
                out.append(block.text)
        return "\n".join(out)
