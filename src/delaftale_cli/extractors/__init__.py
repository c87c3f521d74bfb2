"""Extractors: one module per input format, each with `extract(path, ocr=...) -> Document`.

`extract` picks the module from the file's content (magic bytes), not only its name,
so a PDF named .docx is read as what it is and random bytes are refused clearly.
"""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import CorruptDocumentError, InputError, UnsupportedFormatError, unreadable
from ..options import OcrMode, SourceFormat
from ..progress import ProgressCallback

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = ".docx, .pdf, .md, .html, .txt"


def sniff_format(path: Path) -> SourceFormat:
    """Decide the format of `path`: docx, pdf, markdown, html or text. Raises InputError."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if not head:
        raise CorruptDocumentError(path, "is empty (0 bytes)")
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return SourceFormat.PDF
    if head.startswith(b"PK\x03\x04") and suffix != ".pdf":
        return SourceFormat.DOCX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormatError(
            path, "is an old binary Word (.doc) or encrypted Office file; save it as .docx"
        )
    if suffix == ".pdf":
        raise CorruptDocumentError(path, "is not a PDF (no %PDF header)")
    if suffix in {".docx", ".docm", ".dotx"}:
        raise CorruptDocumentError(path, "is not a Word .docx file (not a zip package)")
    if suffix in MARKDOWN_SUFFIXES:
        return SourceFormat.MARKDOWN
    if suffix in HTML_SUFFIXES:
        return SourceFormat.HTML
    if suffix in TEXT_SUFFIXES:
        return SourceFormat.TEXT
    raise UnsupportedFormatError(
        path, f"unsupported file type '{suffix or '(none)'}' (supported: {SUPPORTED})"
    )


def extract(
    path: str | Path, *, ocr: OcrMode = OcrMode.AUTO, progress: ProgressCallback | None = None
) -> Document:
    """Read `path` into the shared document model; `progress` hears of each page OCR'd."""
    source = Path(path)
    fmt = sniff_format(source)
    if fmt == "pdf":
        from . import pdf  # type: ignore[attr-defined,unused-ignore]

        return pdf.extract(source, ocr=ocr, progress=progress)  # type: ignore[no-any-return,unused-ignore]
    if fmt == "docx":
        from . import docx

        return docx.extract(source, ocr=ocr)
    from . import markup

    try:
        return markup.extract(source, ocr=ocr)
    except InputError:
        raise
    except MemoryError as exc:
        raise CorruptDocumentError(source, "is too large to read (out of memory)") from exc
    except Exception as exc:  # pragma: no cover - defensive: never a traceback for input
        raise CorruptDocumentError(source, f"cannot be read as {fmt}: {exc}") from exc
