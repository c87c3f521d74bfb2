"""Apply the repair layer to a whole extracted document."""

from __future__ import annotations

from dataclasses import replace

from ..document import Block, Document, Table
from ..models import Repair
from . import repair_texts


def repair_document(document: Document) -> tuple[Document, list[Repair]]:
    """Repair every block and table cell of `document`, using the whole document as evidence."""
    texts: list[str] = []
    for block in document.blocks:
        if block.table is not None:
            texts.extend(cell for row in block.table.rows for cell in row)
        else:
            texts.append(block.text)
    repaired, counts = repair_texts(texts)
    it = iter(repaired)
    blocks: list[Block] = []
    for block in document.blocks:
        if block.table is not None:
            rows = tuple(tuple(next(it) for _ in row) for row in block.table.rows)
            blocks.append(replace(block, table=Table(rows, block.table.merged)))
        else:
            blocks.append(replace(block, text=next(it)))
    repairs = [
        Repair(original=orig, corrected=corr, count=n)
        for (orig, corr), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return replace(document, blocks=blocks), repairs
