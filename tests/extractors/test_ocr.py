"""OCR text layers and OCR runs give the structure of the text PDF (needs tesseract + dan)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from delaftale_cli.document import Document
from delaftale_cli.errors import InputError, OcrUnavailableError
from delaftale_cli.extractors import ocr as ocr_engine
from delaftale_cli.extractors import pdf
from delaftale_cli.extractors.pdf import extract

DATA = Path(__file__).parents[1] / "data" / "pdf"

if shutil.which("tesseract") is None and not os.environ.get("CI"):
    pytest.skip("tesseract is not installed (CI installs it)", allow_module_level=True)

FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def folded(text: str) -> str:
    """Whitespace and the letters an English OCR model cannot read (æøå) normalised."""
    return " ".join(text.split()).lower().translate(FOLD)


def cell_accuracy(reference: Document, other: Document) -> float:
    """Share of the reference's table cells that the other document reproduces (>= 0.9)."""
    ours = [b.table for b in reference.blocks if b.table is not None]
    theirs = [b.table for b in other.blocks if b.table is not None]
    total = good = 0
    for a, b in zip(ours, theirs, strict=False):
        for r, row in enumerate(a.rows):
            for c, cell in enumerate(row):
                total += 1
                other_cell = b.rows[r][c] if r < len(b.rows) and c < b.n_cols else ""
                good += fuzz.ratio(folded(cell), folded(other_cell)) >= 90
    return good / total if total else 0.0


def same_structure(reference: Document, other: Document) -> None:
    ours = [b.table for b in reference.blocks if b.table is not None]
    theirs = [b.table for b in other.blocks if b.table is not None]
    assert [(len(t.rows), t.n_cols) for t in theirs] == [(len(t.rows), t.n_cols) for t in ours]
    assert [t.merged for t in theirs] == [t.merged for t in ours]
    assert [b.kind for b in other.blocks if b.table is None] == [
        b.kind for b in reference.blocks if b.table is None
    ]


def test_ocr_layer_is_detected_and_rebuilt_like_the_text_pdf() -> None:
    text = extract(DATA / "template-long.pdf", ocr="never")
    layer = extract(DATA / "template-long.ocr.pdf", ocr="never")
    assert layer.text_source == "ocr_layer"
    same_structure(text, layer)
    assert cell_accuracy(text, layer) >= 0.95
    assert "LANDSBYGGEFONDEN" not in layer.plain_text()


def test_scan_is_ocrd_in_danish_into_the_same_tables() -> None:
    text = extract(DATA / "text-2p.pdf", ocr="never")
    scan = extract(DATA / "scan-2p.pdf", ocr="auto")
    assert scan.text_source == "ocr_run"
    same_structure(text, scan)
    assert cell_accuracy(text, scan) >= 0.95
    assert "indsatsområdet" in scan.plain_text()  # Danish letters: the dan model ran


def test_force_reocrs_a_text_pdf() -> None:
    forced = extract(DATA / "text-2p.pdf", ocr="force")
    assert forced.text_source == "ocr_run"
    same_structure(extract(DATA / "text-2p.pdf", ocr="never"), forced)


def test_mixed_pdf_reads_text_pages_and_ocrs_image_pages() -> None:
    document = extract(DATA / "mixed-text-and-scan.pdf", ocr="auto")
    assert document.text_source == "ocr_run"
    text = document.plain_text()
    assert "Delaftale for indsatsområdet" in text  # page 1, text layer
    assert "Data kommer" in text  # page 2, OCR (the table runs on from page 1)


def test_garbage_ocr_layer_is_replaced_by_an_ocr_run() -> None:
    document = extract(DATA / "garbage-ocr-layer.pdf", ocr="auto")
    assert any(code == "ocr_layer_garbage" for code, _ in document.warnings)
    assert "scribble" in document.plain_text()


def test_upside_down_scan_is_turned_and_read() -> None:
    document = extract(DATA / "scan-upside-down.pdf", ocr="auto")
    assert any(code == "page_rotated" for code, _ in document.warnings)
    assert "Delaftale for indsatsområdet" in document.plain_text()


def test_a_blank_scan_is_an_error_not_empty_output() -> None:
    with pytest.raises(InputError, match="no readable text"):
        extract(DATA / "blank-page.pdf", ocr="auto")


def test_huge_page_image_is_read_with_bounded_rendering(tmp_path: Path) -> None:
    assert "Delaftale for" in extract(DATA / "huge-image.pdf", ocr="auto").plain_text()
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    page = document.new_page(14400, 14400)  # the largest page PDF allows (200 x 200 in)
    rendered = ocr_engine.render_page(page, ocr_engine.OCR_DPI)
    assert rendered.image.width * rendered.image.height <= ocr_engine.MAX_RENDER_PIXELS * 1.01


def test_a_page_over_its_time_limit_is_a_warning_and_the_rest_survives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf, "PAGE_OCR_TIMEOUT", 0.01)
    document = extract(DATA / "mixed-text-and-scan.pdf", ocr="auto")
    assert any(code == "ocr_timeout" for code, _ in document.warnings)
    assert "Delaftale for indsatsområdet" in document.plain_text()


def test_missing_engine_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(OcrUnavailableError) as caught:
        extract(DATA / "scan-2p.pdf", ocr="auto")
    assert "tesseract is not installed" in str(caught.value)
    assert "scan-2p.pdf" in str(caught.value)
    assert "apt-get install tesseract-ocr tesseract-ocr-dan" in str(caught.value)


def test_missing_danish_data_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a tessdata folder without dan
    with pytest.raises(OcrUnavailableError, match="no 'dan' \\(Danish\\) language data"):
        extract(DATA / "scan-2p.pdf", ocr="auto")
