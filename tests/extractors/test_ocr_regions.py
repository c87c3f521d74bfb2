"""An OCR text layer is judged region by region; poor regions are re-read (issue 4).

The fixture (tests/data/pdf/build_fixtures.py `damaged_ocr_layer`) is a scanned page
under an English OCR layer that lost words in one table cell ("Flere unge skal ip ec i
dansk og matematik": "ec" stretched over the ink of "sig bedre") and skipped the "2023"
of another. Needs tesseract with Danish data.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from delaftale_cli.document import Document, Table
from delaftale_cli.errors import OcrUnavailableError
from delaftale_cli.extractors import ocr as ocr_engine
from delaftale_cli.extractors import pdf
from delaftale_cli.extractors.pdf import extract
from delaftale_cli.extractors.pdf_layout import Word

DATA = Path(__file__).parents[1] / "data" / "pdf"
DAMAGED = DATA / "damaged-ocr-layer.pdf"
SUB_GOAL = "Flere unge skal klare sig bedre i dansk og matematik"

if shutil.which("tesseract") is None and not os.environ.get("CI"):
    pytest.skip("tesseract is not installed (CI installs it)", allow_module_level=True)


def first_table(document: Document) -> Table:
    return next(b.table for b in document.blocks if b.table is not None)


def reread_notes(document: Document) -> list[str]:
    return [message for code, message in document.warnings if code == "ocr_layer_reread"]


def test_auto_rereads_the_damaged_cells_and_keeps_the_layer_elsewhere() -> None:
    document = extract(DAMAGED, ocr="auto")
    assert document.text_source == "ocr_layer"  # still mostly the layer's text
    row = first_table(document).rows[1]
    assert row[0] == SUB_GOAL  # "ip", "ec" re-read in Danish
    assert row[4] == "2023"  # a cell with ink but no layer words
    assert row[3] == "95% Viborg Kommune"  # a good cell stays as the layer read it
    notes = reread_notes(document)
    assert len(notes) == 1 and notes[0].startswith("page 1: 2 table cells")
    assert "Delaftale for indsatsomradet" in document.plain_text()  # layer text, not re-read


def test_never_runs_no_ocr_and_keeps_the_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ocr(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("OCR ran under --ocr never")

    monkeypatch.setattr(ocr_engine, "ocr_cells", no_ocr)
    monkeypatch.setattr(ocr_engine, "ocr_words", no_ocr)
    document = extract(DAMAGED, ocr="never")
    row = first_table(document).rows[1]
    assert " ip " in row[0] and " ec " in row[0]
    assert row[4] == ""
    assert not reread_notes(document)


def test_one_tesseract_run_per_page_over_the_poor_regions_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[list[tuple[float, float, float, float]]] = []
    real = ocr_engine.ocr_cells

    def counting(image: Any, scale: float, cells: Any, **kwargs: Any) -> Any:
        calls.append(list(cells))
        return real(image, scale, cells, **kwargs)

    monkeypatch.setattr(ocr_engine, "ocr_cells", counting)
    extract(DAMAGED, ocr="auto")
    assert len(calls) == 1
    area = sum((x1 - x0) * (bottom - top) for x0, top, x1, bottom in calls[0])
    assert area < 0.25 * 612 * 792  # a few cells and lines, far from the whole page


def test_a_worse_reread_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    def garbage(image: Any, scale: float, cells: Any, **kwargs: Any) -> Any:
        words = [Word("xq", x0 + 6, top + 4, x0 + 16, top + 13) for x0, top, _, _ in cells]
        return words, 10.0

    monkeypatch.setattr(ocr_engine, "ocr_cells", garbage)
    document = extract(DAMAGED, ocr="auto")
    assert "ec" in first_table(document).rows[1][0].split()
    assert "xq" not in document.plain_text()
    assert "nothing re-read" in reread_notes(document)[0]


def test_without_tesseract_the_layer_is_kept_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(lang: str = "dan", path: Any = None) -> None:
        raise OcrUnavailableError(path, "OCR engine tesseract is not installed")

    monkeypatch.setattr(ocr_engine, "check_tesseract", missing)
    document = extract(DAMAGED, ocr="auto")
    assert " ec " in first_table(document).rows[1][0]
    assert any(code == "ocr_layer_poor" for code, _ in document.warnings)


def test_a_timeout_keeps_the_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "PAGE_OCR_TIMEOUT", 0.001)
    document = extract(DAMAGED, ocr="auto")
    assert " ec " in first_table(document).rows[1][0]
    assert any(code == "ocr_timeout" for code, _ in document.warnings)
