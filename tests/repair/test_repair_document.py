"""Repairing a whole extracted document: blocks and table cells share evidence."""

from __future__ import annotations

from delaftale_cli.document import Block, Document, Table
from delaftale_cli.repair.document import repair_document


def test_blocks_and_cells_are_repaired_and_listed() -> None:
    table = Table(rows=(("Delmal", "Baseline ar"), ("Flere bgrn i skole", "2023")))
    document = Document(
        path="x.pdf",
        format="pdf",
        blocks=[
            Block(kind="heading", text="Delaftale for indsatsomradet Uddannelse"),
            Block(kind="paragraph", text="Bgrn og foraeldre deltager pa lige fod."),
            Block(kind="table", table=table),
        ],
    )
    repaired, repairs = repair_document(document)
    assert repaired.blocks[0].text == "Delaftale for indsatsområdet Uddannelse"
    assert repaired.blocks[1].text == "Børn og forældre deltager på lige fod."
    assert repaired.blocks[2].table is not None
    assert repaired.blocks[2].table.rows == (
        ("Delmål", "Baseline år"),
        ("Flere børn i skole", "2023"),
    )
    found = {(r.original, r.corrected): r.count for r in repairs}
    assert found[("Delmal", "Delmål")] == 1
    assert found[("bgrn", "børn")] == 1
    assert document.blocks[1].text.startswith("Bgrn")  # the input is not changed


def test_a_clean_document_comes_back_unchanged() -> None:
    document = Document(
        path="x.docx",
        format="docx",
        blocks=[Block(kind="paragraph", text="Børn og forældre deltager på lige fod.")],
    )
    repaired, repairs = repair_document(document)
    assert repaired.blocks == document.blocks
    assert repairs == []
