"""Form-field values of a PDF are read, not lost (issue 12)."""

from __future__ import annotations

from pathlib import Path

from delaftale_cli.extractors import extract
from tests.hostile.makers import pdf_with_form_fields


def test_filled_form_fields_become_paragraphs(tmp_path: Path) -> None:
    path = pdf_with_form_fields(
        tmp_path / "form.pdf",
        {"Parter": "Bestyrelsen for den boligsociale indsats", "Periode": "01.08.2025-31.07.2029"},
        page_text="Delaftalens parter:",
    )
    texts = [block.text for block in extract(path, ocr="never").blocks]
    assert "Delaftalens parter:" in texts[0]
    assert texts[-2:] == [
        "Parter: Bestyrelsen for den boligsociale indsats",
        "Periode: 01.08.2025-31.07.2029",
    ]


def test_a_pdf_whose_text_is_only_in_form_fields_is_not_empty(tmp_path: Path) -> None:
    path = pdf_with_form_fields(tmp_path / "only-form.pdf", {"Navn": "Uddannelse og Livschancer"})
    blocks = extract(path, ocr="never").blocks
    assert [b.text for b in blocks] == ["Navn: Uddannelse og Livschancer"]
