"""A PDF page whose text layer is unreadable: told from a readable one, and read with OCR."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pdfplumber
import pytest

from delaftale_cli.errors import InputError
from delaftale_cli.extractors import pdf, pdf_textlayer
from tests.conftest import SAMPLES, require_tool
from tests.hostile import makers


def _chars(text: str) -> list[dict[str, object]]:
    """pdfplumber-like chars: one per character, words parted by a wide gap."""
    out, x = [], 0.0
    for ch in text:
        if ch == " ":
            x += 5.0
            continue
        out.append({"text": ch, "x0": x, "x1": x + 5.0, "top": 0.0, "size": 10.0})
        x += 5.0
    return out


SENTENCE = "en delaftale om uddannelse og livschancer for unge i boligområdet " * 4


def test_readable_danish_text_is_readable() -> None:
    assert pdf_textlayer.unreadable(_chars(SENTENCE)) is None


@pytest.mark.parametrize("glyph", ["\ue000", "\ufffd", "\x03", "\U000f0001"])
def test_unmapped_glyphs_make_a_page_unreadable(glyph: str) -> None:
    text = "".join(glyph if i % 3 == 0 else ch for i, ch in enumerate(SENTENCE))
    reason = pdf_textlayer.unreadable(_chars(text))
    assert reason is not None and "no Unicode mapping" in reason


def test_cid_glyphs_make_a_page_unreadable() -> None:
    chars = [
        {"text": f"(cid:{i % 40})", "x0": i, "x1": i + 1, "top": 0, "size": 10} for i in range(200)
    ]
    assert "200 of 200" in (pdf_textlayer.unreadable(chars) or "")


def test_a_few_symbol_bullets_are_not_unreadable() -> None:
    bullets = "\uf0b7 " + SENTENCE  # a Wingdings bullet: private use, one in many letters
    assert pdf_textlayer.unreadable(_chars(bullets)) is None


def test_letters_that_form_no_words_are_unreadable() -> None:
    shifted = SENTENCE.translate(
        str.maketrans("abcdefghijklmnopqrstuvwxyz", "bcdefghijklmnopqrstuvwxyza")
    )
    reason = pdf_textlayer.unreadable(_chars(shifted))
    assert reason is not None and "wrong letters" in reason


def test_without_a_lexicon_only_unmapped_glyphs_count(monkeypatch: pytest.MonkeyPatch) -> None:
    shifted = SENTENCE.replace("e", "q").replace("a", "x")
    assert pdf_textlayer.unreadable(_chars(shifted)) is not None
    monkeypatch.setattr(pdf_textlayer, "_lexicon_knows", lambda: None)
    assert pdf_textlayer.unreadable(_chars(shifted)) is None


def test_few_words_are_not_judged() -> None:
    assert pdf_textlayer.unreadable(_chars("xqz wvk 1234 5678"), known=lambda w: False) is None


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(re.findall(r"[^\W\d_]{2,}|\d+", text.lower()))


def _text(document: object) -> str:
    blocks = document.blocks  # type: ignore[attr-defined]
    cells = [c for b in blocks if b.table for row in b.table.rows for c in row]
    return " ".join([b.text for b in blocks] + cells)


@pytest.fixture(scope="module")
def no_tounicode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("textlayer")
    return makers.pdf_without_tounicode(folder / "no-map.pdf", SAMPLES / "viborg-uddannelse.pdf")


def test_no_tounicode_page_is_read_with_ocr(no_tounicode: Path, tmp_path: Path) -> None:
    require_tool("tesseract")
    truth_pdf = tmp_path / "truth.pdf"  # the same page with its maps
    truth_pdf.write_bytes(no_tounicode.read_bytes().replace(b"/ToUnicodX", b"/ToUnicode"))
    truth = _words(_text(pdf.extract(truth_pdf, ocr="never")))
    with pdfplumber.open(no_tounicode) as plumber:
        before = _words(plumber.pages[0].extract_text() or "")
    document = pdf.extract(no_tounicode)
    after = _words(_text(document))
    total = sum(truth.values())
    assert total > 300
    assert sum((truth & before).values()) < 0.05 * total  # the layer really is garbage
    assert sum((truth & after).values()) >= 0.95 * total
    codes = [code for code, _ in document.warnings]
    assert codes.count("pdf_text_unreadable") == 1
    assert document.page_sources[1] == "ocr_run"


def test_no_tounicode_under_ocr_never_is_refused(no_tounicode: Path) -> None:
    with pytest.raises(InputError, match="page 1: the text layer is unreadable"):
        pdf.extract(no_tounicode, ocr="never")


def test_wrong_unicode_map_is_read_with_ocr(tmp_path: Path) -> None:
    require_tool("tesseract")
    path = makers.pdf_with_wrong_unicode_map(tmp_path / "shifted.pdf")
    document = pdf.extract(path)
    text = _text(document)
    assert "Delaftale for indsatsomr" in text
    assert "Efmbgubmf" not in text
    assert any(code == "pdf_text_unreadable" for code, _ in document.warnings)


def test_readable_sample_pages_are_not_reread(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ocr(*args: object, **kwargs: object) -> object:
        raise AssertionError("a readable page was OCR'd")

    monkeypatch.setattr(pdf, "ocr_run", no_ocr)
    document = pdf.extract(SAMPLES / "randers-uddannelse.pdf")
    assert not any(code == "pdf_text_unreadable" for code, _ in document.warnings)
