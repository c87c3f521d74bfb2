"""Warning codes: what an output's `warnings` can say, how much it matters and what it means.

`docs/warnings.md` is generated from `WARNINGS` (`python -m delaftale_cli.codes`), and a
test fails when it is out of date.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from .options import Severity


class WarningCode(StrEnum):
    """The code of a `ParseWarning`."""

    MISSING_FIELD = "missing_field"
    PERIOD_UNPARSED = "period_unparsed"
    EMPTY_PAGE = "empty_page"
    PAGE_UNREADABLE = "page_unreadable"
    PAGE_ROTATED = "page_rotated"
    SIDEWAYS_TEXT = "sideways_text"
    PAGE_FURNITURE_REMOVED = "page_furniture_removed"
    OCR_LAYER_GARBAGE = "ocr_layer_garbage"
    PDF_TEXT_UNREADABLE = "pdf_text_unreadable"
    OCR_LAYER_POOR = "ocr_layer_poor"
    OCR_LAYER_REREAD = "ocr_layer_reread"
    OCR_LOW_CONFIDENCE = "ocr_low_confidence"
    OCR_TIMEOUT = "ocr_timeout"
    STAFF_UNPARSED = "staff_unparsed"
    STAFF_TOTAL_MISMATCH = "staff_total_mismatch"
    WORD_COMMENTS = "word_comments"
    XML_ENTITIES = "xml_entities"


class WarningInfo(NamedTuple):
    severity: Severity
    meaning: str


_I, _W, _E = Severity.INFO, Severity.WARNING, Severity.ERROR

WARNINGS: dict[WarningCode, WarningInfo] = {
    WarningCode.MISSING_FIELD: WarningInfo(
        _W, "A section or field of the template was not found; the field is null or empty."
    ),
    WarningCode.PERIOD_UNPARSED: WarningInfo(
        _W, "The period text was found but its dates could not be read; `period.text` has it."
    ),
    WarningCode.EMPTY_PAGE: WarningInfo(_I, "A page has no text and no image to read."),
    WarningCode.PAGE_UNREADABLE: WarningInfo(
        _E, "A page could not be read at all; its text is missing from the output."
    ),
    WarningCode.PAGE_ROTATED: WarningInfo(
        _I, "A scanned page lay turned; it was turned upright before OCR."
    ),
    WarningCode.SIDEWAYS_TEXT: WarningInfo(
        _I, "A page's text is drawn sideways; the page was read with OCR instead."
    ),
    WarningCode.PAGE_FURNITURE_REMOVED: WarningInfo(
        _I, "Repeated page headers or footers were removed from plain text."
    ),
    WarningCode.OCR_LAYER_GARBAGE: WarningInfo(
        _I, "A page's OCR text layer was garbage; the page was read again with OCR."
    ),
    WarningCode.PDF_TEXT_UNREADABLE: WarningInfo(
        _I,
        "A page's text layer is unreadable (fonts without a Unicode map, or glyphs mapped to "
        "the wrong letters); the page was read with OCR instead.",
    ),
    WarningCode.OCR_LAYER_POOR: WarningInfo(
        _W, "Parts of an OCR text layer read poorly and could not be re-read (no tesseract)."
    ),
    WarningCode.OCR_LAYER_REREAD: WarningInfo(
        _I, "Poorly read parts of an OCR text layer were read again; better readings kept."
    ),
    WarningCode.OCR_LOW_CONFIDENCE: WarningInfo(
        _W, "OCR read a page with low confidence; check its text against the document."
    ),
    WarningCode.OCR_TIMEOUT: WarningInfo(
        _E, "OCR of a page took too long and was stopped; that page's text is missing."
    ),
    WarningCode.STAFF_UNPARSED: WarningInfo(
        _W, "A staff line with numbers could not be read as hours; it is kept in other_sections."
    ),
    WarningCode.STAFF_TOTAL_MISMATCH: WarningInfo(
        _W,
        "A staff total ('I alt') differs from the sum of the lines above it on the same basis; "
        "the lines are kept, the total is not counted.",
    ),
    WarningCode.WORD_COMMENTS: WarningInfo(
        _I,
        "A Word document has comments (review notes, not its text); the warning counts and "
        "quotes them.",
    ),
    WarningCode.XML_ENTITIES: WarningInfo(
        _W,
        "A Word document's XML has entity references (`&name;`), which Word files never "
        "have: one its own DOCTYPE declares is replaced by that text, an undefined one is "
        "removed (its meaning is unknown); the text around them is kept.",
    ),
}


def severity(code: WarningCode | str) -> Severity:
    """The severity of a warning code."""
    return WARNINGS[WarningCode(code)].severity


def at_least(codes: list[WarningCode | str], threshold: Severity) -> list[WarningCode]:
    """The codes (with repeats) whose severity is `threshold` or higher."""
    return [WarningCode(c) for c in codes if severity(c).rank >= threshold.rank]


def markdown_table() -> str:
    """The contents of docs/warnings.md."""
    lines = [
        "# Warning codes",
        "",
        "<!-- generated from src/delaftale_cli/codes.py: python -m delaftale_cli.codes -->",
        "",
        "Every entry of an output's `warnings` has one of these codes. The severity decides",
        "what `--strict` fails on (`--fail-on`, default `warning`) and which files `batch`",
        "lists as needing review (`warning` and `error`).",
        "",
        "| code | severity | meaning |",
        "|---|---|---|",
    ]
    for code, info in WARNINGS.items():
        lines.append(f"| `{code.value}` | {info.severity.value} | {info.meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - the doc generator
    from pathlib import Path

    Path("docs/warnings.md").write_text(markdown_table(), encoding="utf-8")
