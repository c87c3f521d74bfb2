"""PDF extractor on text-layer PDFs and on bad input (fixtures in tests/data/pdf)."""

from __future__ import annotations

from pathlib import Path

import pytest

from delaftale_cli.document import Document
from delaftale_cli.errors import CorruptDocumentError, EncryptedDocumentError, InputError
from delaftale_cli.extractors.pdf import extract
from delaftale_cli.extractors.pdf_layout import Word

DATA = Path(__file__).parents[1] / "data" / "pdf"
SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture(scope="module")
def long_doc() -> Document:
    return extract(DATA / "template-long.pdf", ocr="never")


def tables(document: Document) -> list:
    return [b.table for b in document.blocks if b.table is not None]


def test_indicator_table_spans_four_pages_as_one_table(long_doc: Document) -> None:
    indicator, *forms = tables(long_doc)
    assert long_doc.pages == 5 and long_doc.text_source == "native"
    assert indicator.n_cols == 6 and len(indicator.rows) == 13
    assert indicator.rows[0][:2] == ("Delmål", "Indikator")
    # the row cut by the page 1/2 break is one row again
    assert "afgangspr" in indicator.rows[1][1] and "klasse har opnået" in indicator.rows[1][1]
    # the sub-goal merged over two rows is repeated and marked
    assert (
        indicator.rows[2][0]
        == indicator.rows[1][0]
        == ("Flere unge skal klare sig bedre i dansk og matematik")
    )
    assert indicator.merged == frozenset({(2, 0), (4, 0), (6, 0), (8, 0), (10, 0), (12, 0)})
    assert all(len(row) == 6 for row in indicator.rows)
    assert len(forms) == 3 and all(f.n_cols == 2 and len(f.rows) == 4 for f in forms)


def test_form_cells_keep_paragraphs_and_list_items(long_doc: Document) -> None:
    form = tables(long_doc)[1]
    assert form.rows[0] == ("Aktivitetsnavn:", "Relationel Velfærd")
    assert form.rows[3][1] == (
        "Aktiviteten vil fokusere på at:\n- Fremme trivsel blandt unge.\n"
        "- Styrke forældres kompetencer.\nTeamet arbejder ud fra opnået samtykke."
    )


def test_paragraphs_headings_lists_and_labels(long_doc: Document) -> None:
    blocks = [b for b in long_doc.blocks if b.table is None]
    assert blocks[0].kind == "heading" and blocks[0].level == 1
    assert blocks[0].text == "Delaftale for indsatsområdet Uddannelse og livschancer"
    labels = [b.text for b in blocks if b.bold]
    assert "Delaftalens parter:" in labels and "Delaftalen gælder fra - til:" in labels
    assert [b.text for b in blocks if b.kind == "list_item"] == [
        "Viceskolechef Børn og Unge, Viborg Kommune",
        "Leder af den boligsociale indsats",
        "Relationel Velfærd",
        "Skole/familie samarbejde",
        "Læringsmiljø for børn og voksne",
    ]
    assert all(b.page is not None and 1 <= b.page <= 5 for b in long_doc.blocks)


def test_page_furniture_is_removed(long_doc: Document) -> None:
    text = long_doc.plain_text()
    assert "LANDSBYGGEFONDEN" not in text
    assert not any(b.text.strip().isdigit() for b in long_doc.blocks)


def test_table_text_is_not_repeated_as_paragraphs(long_doc: Document) -> None:
    paragraphs = " ".join(b.text for b in long_doc.blocks if b.table is None)
    assert "Aktivitetsnavn" not in paragraphs and "Datakilde" not in paragraphs


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(" ".join(a.split()), " ".join(b.split())) / 100


@pytest.mark.parametrize("name", ["viborg", "randers"])
def test_samples_match_their_word_original(name: str) -> None:
    pdf, docx = SAMPLES / f"{name}-uddannelse.pdf", SAMPLES / f"{name}-uddannelse.docx"
    if not pdf.exists() or not docx.exists():
        pytest.skip("samples not built")
    from delaftale_cli.extractors import extract as extract_any

    from_pdf, from_docx = extract(pdf), extract_any(docx)
    pdf_tables, docx_tables = tables(from_pdf), tables(from_docx)
    assert [(len(t.rows), t.n_cols) for t in pdf_tables] == [
        (len(t.rows), t.n_cols) for t in docx_tables
    ]
    assert [t.merged for t in pdf_tables] == [t.merged for t in docx_tables]
    for ours, theirs in zip(pdf_tables, docx_tables, strict=True):
        for row, other in zip(ours.rows, theirs.rows, strict=True):
            assert all(similarity(a, b) >= 0.9 for a, b in zip(row, other, strict=True)), row
    pdf_blocks = [(b.kind, b.text) for b in from_pdf.blocks if b.table is None]
    docx_blocks = [(b.kind, b.text) for b in from_docx.blocks if b.table is None]
    assert [kind for kind, _ in pdf_blocks] == [kind for kind, _ in docx_blocks]
    assert all(
        similarity(a, b) >= 0.95 for (_, a), (_, b) in zip(pdf_blocks, docx_blocks, strict=True)
    )


def test_rotated_page_is_read_upright() -> None:
    document = extract(DATA / "rotated-text-90.pdf", ocr="never")
    assert any(b.text.startswith("Delaftale for indsatsområdet") for b in document.blocks)


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("truncated.pdf", CorruptDocumentError, "damaged or truncated"),
        ("random-bytes.pdf", CorruptDocumentError, "damaged or truncated"),
        ("encrypted.pdf", EncryptedDocumentError, "password-protected"),
        ("scan-2p.pdf", InputError, "has no text layer; rerun with ocr='auto'"),
        ("blank-page.pdf", InputError, "has no text layer"),
        ("huge-image.pdf", InputError, "has no text layer"),
        ("mixed-text-and-scan.pdf", InputError, "page 2 has no text layer"),
        ("garbage-ocr-layer.pdf", InputError, "OCR text layer is unreadable"),
    ],
)
def test_bad_input_is_an_input_error(name: str, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        extract(DATA / name, ocr="never")
    assert message in str(caught.value)
    assert name in str(caught.value)
    assert "--ocr" not in str(caught.value)  # the library names parameters, the CLI flags


def line(text: str, top: float) -> list[Word]:
    """The words of one 8 pt line at `top`, 5 pt per character (a page's header band)."""
    words, x = [], 62.0
    for token in text.split():
        words.append(Word(token, x, top, x + 5 * len(token), top + 8, size=8))
        x += 5 * len(token) + 3
    return words


def test_a_running_header_misread_differently_on_each_page_is_furniture() -> None:
    from delaftale_cli.extractors.pdf_assemble import PageContent, remove_furniture
    from delaftale_cli.extractors.pdf_layout import group_lines

    headers = (  # OCR of one header on three pages, moved a little by skew
        "Helhedsplan for Kornmarken og Ryttervaenget 2024-2028",
        "Helhedsplan for Kornmarken og Rytterveenget 2024-2028",
        "Helhedsplan for Kornmarken og Ryttervænget 2024-2O28",
    )
    BODY = ("Naboerne mødes i haven.", "Caféen holder åbent.", "Klubben har 40 medlemmer.")
    pages = []
    for n, header in enumerate(headers):
        page = PageContent(number=n + 1, height=842.0)
        page.lines = group_lines(line(header, 40.0 + 3 * n) + line(BODY[n], 300))
        pages.append(page)
    remove_furniture(pages)
    assert [[ln.text for ln in p.lines] for p in pages] == [[text] for text in BODY]


def test_a_logo_read_as_a_few_capitals_in_the_header_band_is_furniture() -> None:
    """OCR reads the page's logo differently per page ('ØQ—', 'OØQ—'); a short band line
    of real words ('Formål', 'SSP Hjørring') stays."""
    from delaftale_cli.extractors.pdf_assemble import PageContent, remove_furniture
    from delaftale_cli.extractors.pdf_layout import group_lines

    marks = ("ØQ—", "OØQ—", "| —")
    kept = ("Formål", "SSP Hjørring", "Klubben har 40 medlemmer.")
    pages = []
    for n, (mark, text) in enumerate(zip(marks, kept, strict=True)):
        page = PageContent(number=n + 1, height=842.0)
        page.lines = group_lines(line(mark, 40.0) + line(text, 70.0 + n))
        pages.append(page)
    remove_furniture(pages)
    assert [[ln.text for ln in p.lines] for p in pages] == [[text] for text in kept]
