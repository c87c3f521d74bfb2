"""The Word extractor on .docx files built here with python-docx."""

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from delaftale_cli.errors import CorruptDocumentError, InputError
from delaftale_cli.extractors import extract


def _save(document: docx.document.Document, tmp_path: Path, name: str = "a.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def test_paragraphs_lists_and_tables_in_document_order(tmp_path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "LANDSBYGGEFONDEN"
    d.add_heading("Delaftale for indsatsområdet Tryghed og trivsel", level=1)
    label = d.add_paragraph()
    label.add_run("Delaftalens parter:").bold = True
    d.add_paragraph("Leder af Sundhedsplejen", style="List Bullet")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Formål:"
    table.rows[0].cells[1].text = "At styrke trivslen."
    d.add_paragraph("Efter tabellen.")
    doc = extract(_save(d, tmp_path))
    kinds = [(b.kind, b.text, b.bold) for b in doc.blocks if b.table is None]
    assert kinds == [
        ("heading", "Delaftale for indsatsområdet Tryghed og trivsel", False),
        ("paragraph", "Delaftalens parter:", True),
        ("list_item", "Leder af Sundhedsplejen", False),
        ("paragraph", "Efter tabellen.", False),
    ]
    assert [b.kind for b in doc.blocks].index("table") == 3
    assert "LANDSBYGGEFONDEN" not in doc.plain_text()  # page header left out


def test_merged_cells_are_resolved_once_per_grid_position(tmp_path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: a sub-goal over two rows
    table.cell(0, 1).merge(table.cell(0, 2))  # horizontal merge
    table.cell(1, 0).text = "Delmål A"
    doc = extract(_save(d, tmp_path))
    grid = doc.blocks[0].table
    assert grid is not None
    assert grid.rows == (
        ("r0c0", "r0c1\nr0c2", "r0c1\nr0c2"),
        ("Delmål A", "r1c1", "r1c2"),
        ("Delmål A", "r2c1", "r2c2"),
    )
    assert grid.merged == frozenset({(0, 2), (2, 0)})


def test_nested_table_and_list_items_inside_a_cell(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    cell = outer.rows[0].cells[1]
    cell.text = "Indhold"
    cell.add_paragraph("Første punkt", style="List Bullet")
    inner = cell.add_table(rows=1, cols=2)
    inner.rows[0].cells[0].text = "Indre A"
    inner.rows[0].cells[1].text = "Indre B"
    outer.rows[0].cells[0].text = "Indhold og praksis:"
    table = extract(_save(d, tmp_path)).blocks[0].table
    assert table is not None
    assert table.rows[0][1] == "Indhold\n- Første punkt\nIndre A | Indre B"


def test_line_breaks_and_decomposed_accents_are_normalised(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Bo\u0308rn og fa\u030aglige")  # NFD: ö written as o + combining
    p.add_run().add_break(WD_BREAK.LINE)
    p.add_run("næste linje")
    block = extract(_save(d, tmp_path)).blocks[0]
    assert block.text == "Börn og fåglige\nnæste linje"


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "not a Word .docx file"),
        (b"\x00\x01garbage" * 100, "not a Word .docx file"),
    ],
)
def test_broken_packages_are_input_errors(tmp_path: Path, payload: bytes, problem: str) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(payload)
    with pytest.raises(InputError, match=problem):
        extract(path)


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "notword.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hej")
    with pytest.raises(CorruptDocumentError, match="not a Word document"):
        extract(path)


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1 << 20)
            for _ in range(600):  # 600 MB of zeros, about 600 KB packed
                member.write(chunk)
    assert path.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(CorruptDocumentError, match="zip bomb"):
        extract(path)
