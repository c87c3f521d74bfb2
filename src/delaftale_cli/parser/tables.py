"""Tables that are layout, not data, become plain blocks so every format reads the same.

Layout tables (one cell per row) and the activity forms' two-column label | value tables
are unrolled; a label cell becomes a bold paragraph. A long label that a text layer broke
over two or three lines, or a page break over two rows, is joined again.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Block, Table
from .indicators import is_indicator_table
from .labels import match_label


def _cell_blocks(text: str, page: int | None) -> list[Block]:
    blocks = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            blocks.append(Block("list_item", line[2:].strip(), page=page))
        else:
            blocks.append(Block("paragraph", line, page=page))
    return blocks


def _distinct_cells(row: tuple[str, ...], r: int, table: Table) -> list[str]:
    cells = [c for i, c in enumerate(row) if c.strip() and (r, i) not in table.merged]
    return list(dict.fromkeys(cells))


def _is_label(cell: str) -> bool:
    return bool(cell.strip()) and match_label(cell.split("\n")[0], emphasised=True) is not None


def join_label_rows(table: Table) -> Table:
    """Join two rows of a label | value form whose label cells are one label broken over
    a page break ("Ansvars- og" / "rollefordeling:"): neither half is a label, the two
    together are; the value cells are the two halves of one text."""
    rows: list[tuple[str, ...]] = []
    merged: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        flags = {c for c in range(len(row)) if (r, c) in table.merged}
        if rows and not flags and not any((len(rows) - 1, c) in merged for c in range(len(row))):
            before, label = rows[-1][0].strip(), row[0].strip()
            halves = before and label and not _is_label(before) and not _is_label(label)
            if halves and _is_label(both := f"{before} {label}"):
                values = zip(rows[-1][1:], row[1:], strict=True)
                rows[-1] = (both, *(_join_halves(a, b) for a, b in values))
                continue
        merged |= {(len(rows), c) for c in flags}
        rows.append(row)
    if len(rows) == len(table.rows):
        return table
    return Table(rows=tuple(rows), merged=frozenset(merged))


def _join_halves(a: str, b: str) -> str:
    a, b = a.rstrip(), b.lstrip()
    if not a or not b:
        return a or b
    return a + ("\n" if a.endswith((".", ":", "!", "?")) else " ") + b


def _label_run_on(table: Table, after: Block | None) -> tuple[Table, bool]:
    """A form table's last label broken by a page break whose second half came out as a
    paragraph ("Ansvars- og" in the table, "rollefordeling: text" after it): the table
    with that row completed, and whether the paragraph was taken."""
    if after is None or after.table is not None or not table.rows or table.n_cols < 2:
        return table, False
    last = table.rows[-1]
    head, colon, rest = after.text.partition(":")
    label = f"{last[0].strip()} {head.strip()}:"
    if not colon or not last[0].strip() or _is_label(last[0]) or not _is_label(label):
        return table, False
    row = (label, _join_halves(last[1], rest.strip()), *last[2:])
    return Table(rows=(*table.rows[:-1], row), merged=table.merged), True


def unroll_tables(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        table = block.table
        if table is None or is_indicator_table(block):
            out.append(block)
            continue
        table = join_label_rows(table)
        table, skip = _label_run_on(table, blocks[i + 1] if i + 1 < len(blocks) else None)
        rows = [_distinct_cells(row, r, table) for r, row in enumerate(table.rows)]
        if all(len(cells) <= 1 for cells in rows):
            for cells in rows:
                for cell in cells:
                    out.extend(_cell_blocks(cell, block.page))
            continue
        labelled = [
            cells
            for cells in rows
            if cells and match_label(cells[0].split("\n")[0], emphasised=True)
        ]
        if table.n_cols >= 2 and labelled and len(labelled) * 2 >= len([c for c in rows if c]):
            for r, row in enumerate(table.rows):
                first = row[0].strip()
                if first and (r, 0) not in table.merged:
                    out.append(Block("paragraph", first, page=block.page, bold=True))
                for c, cell in enumerate(row[1:], start=1):
                    if cell.strip() and (r, c) not in table.merged:
                        out.extend(_cell_blocks(cell, block.page))
            continue
        out.append(replace(block, table=table))
    return out


def join_wrapped_labels(blocks: list[Block]) -> list[Block]:
    """Rejoin a long label that a text layer broke over two or three lines
    ("Aktiviteter, som skal bidrage ... og understøtte" / "opnåelsen af ... :")."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        joined = None
        if block.kind == "paragraph" and not block.text.rstrip().endswith((".", ":")):
            parts = [block]
            for nxt in blocks[i + 1 : i + 3]:
                if nxt.kind != "paragraph" or ":" in parts[-1].text or match_label(nxt.text):
                    break
                parts.append(nxt)
                text = " ".join(p.text.strip() for p in parts)
                if text.endswith(":") and match_label(text) is not None:
                    if match_label(block.text) is None:
                        joined = (
                            len(parts),
                            Block("paragraph", text, page=block.page, bold=block.bold),
                        )
                    break
        if joined:
            out.append(joined[1])
            i += joined[0]
        else:
            out.append(block)
            i += 1
    return out
