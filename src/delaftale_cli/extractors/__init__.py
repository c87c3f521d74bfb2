"""Extractors: one module per input format behind one interface, and the registry of them.

Every backend module has `extract(path, *, ocr, progress) -> Document` (the `Extractor`
protocol). `BACKENDS` lists them with their suffixes and a content sniffer; `parse`,
`batch` (which suffixes a folder contributes) and the docs read it, so a new format is one
module and one line here. `sniff_format` decides by content first (magic bytes), then by
suffix, so a PDF named .docx is read as what it is, an RTF named .txt is read as RTF, and
random bytes are refused clearly.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..document import Document, Table
from ..errors import CorruptDocumentError, InputError, UnsupportedFormatError, unreadable
from ..options import OcrMode, SourceFormat
from ..progress import ProgressCallback

HEAD_BYTES = 2048
PDF_HEADER_WINDOW = 1024  # pdfium and Acrobat accept junk this long before "%PDF-"
ODT_MIME = b"mimetypeapplication/vnd.oasis.opendocument.text"


class Extractor(Protocol):
    """What a backend module provides."""

    def __call__(
        self, path: Path, *, ocr: OcrMode = ..., progress: ProgressCallback | None = ...
    ) -> Document: ...


def _utf16(head: bytes) -> bool:
    """A BOM, or text whose every other byte is NUL (UTF-16 without BOM)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:512]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2], sample[1::2]
    return odd.count(0) > 0.9 * len(odd) or even.count(0) > 0.9 * len(even)


def _is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[: PDF_HEADER_WINDOW + 5]


def _is_odt(head: bytes) -> bool:
    return head[30:78] == ODT_MIME


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_ole(head: bytes) -> bool:
    return head.startswith(b"\xd0\xcf\x11\xe0")


def _is_rtf(head: bytes) -> bool:
    return head.lstrip().startswith(b"{\\rtf")


def _is_image(head: bytes) -> bool:
    return head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"))


def _never(head: bytes) -> bool:
    return False


@dataclass(frozen=True)
class Backend:
    """One input format: its module, the suffixes folders contribute, a content sniffer and
    the system package it needs (named in the error when it is missing)."""

    format: SourceFormat
    module: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    label: str
    needs: str | None = None

    def extractor(self) -> Extractor:
        module = importlib.import_module(f"{__name__}.{self.module}")
        return module.extract  # type: ignore[no-any-return,unused-ignore]


# In sniffing order: content signatures first, the text formats (sniffed by suffix) last.
BACKENDS: tuple[Backend, ...] = (
    Backend(SourceFormat.PDF, "pdf", (".pdf",), _is_pdf, "a PDF (no %PDF header)"),
    Backend(
        SourceFormat.ODT, "office", (".odt",), _is_odt, "an OpenDocument .odt file", "libreoffice"
    ),
    Backend(
        SourceFormat.DOCX,
        "docx",
        (".docx", ".docm"),
        _is_zip,
        "a Word .docx file (not a zip package)",
    ),
    Backend(
        SourceFormat.DOC, "office", (".doc",), _is_ole, "a Word 97-2003 .doc file", "libreoffice"
    ),
    Backend(SourceFormat.RTF, "office", (".rtf",), _is_rtf, "an RTF file", "libreoffice"),
    Backend(
        SourceFormat.IMAGE,
        "image",
        (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
        _is_image,
        "a PNG, JPEG or TIFF image",
        "tesseract-ocr",
    ),
    Backend(SourceFormat.MARKDOWN, "markup", (".md", ".markdown"), _never, "Markdown"),
    Backend(SourceFormat.HTML, "markup", (".html", ".htm"), _never, "HTML"),
    Backend(SourceFormat.TEXT, "markup", (".txt", ".text"), _never, "text"),
)
BY_FORMAT = {backend.format: backend for backend in BACKENDS}
SUFFIXES = frozenset(s for backend in BACKENDS for s in backend.suffixes)
SUPPORTED = ", ".join(backend.suffixes[0] for backend in BACKENDS)


def _by_suffix(suffix: str) -> Backend | None:
    return next((b for b in BACKENDS if suffix in b.suffixes), None)


def refuse_special(path: Path) -> None:
    """Refuse what is not a regular file (FIFO, device, socket, a link to one) before
    opening it: reading a FIFO blocks forever, /dev/zero never ends."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            import errno

            if exc.errno == errno.ELOOP:
                raise InputError(path, "is a symbolic link that loops (too many levels)") from exc
            raise InputError(path, "is a broken symbolic link") from exc
        raise unreadable(path, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "a special file"
        )
        raise InputError(path, f"is {kind}, not a regular file; refusing to read it")


def sniff_format(path: Path) -> SourceFormat:
    """Decide the format of `path` by content, then by suffix. Raises InputError."""
    refuse_special(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    if not head:
        raise CorruptDocumentError(path, "is empty (0 bytes)")
    suffix = path.suffix.lower()
    named = _by_suffix(suffix)
    if named is not None and named.format == SourceFormat.PDF and not _is_pdf(head):
        raise CorruptDocumentError(path, f"is not {named.label}")
    for backend in BACKENDS:
        if backend.sniff(head):
            moved = named is not None and named.format == SourceFormat.ODT
            if backend.format == SourceFormat.DOCX and moved:  # an .odt, mimetype not first
                return SourceFormat.ODT
            return backend.format
    if _utf16(head):
        return named.format if named is not None and named.module == "markup" else SourceFormat.TEXT
    if named is None:
        raise UnsupportedFormatError(
            path, f"unsupported file type '{suffix or '(none)'}' (supported: {SUPPORTED})"
        )
    if named.module != "markup":
        raise CorruptDocumentError(path, f"is not {named.label}")
    return named.format


# ANSI escape sequences (ESC [ ... letter), then C0 controls but tab and newline, DEL, C1
_CONTROLS = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    return _CONTROLS.sub("", text) if text else text


def without_control_characters(document: Document) -> Document:
    """Remove NUL, terminal escape sequences and other control characters from every text
    of `document` (they are never part of an agreement and would reach the JSON)."""
    blocks = []
    for block in document.blocks:
        table = block.table
        if table is not None:
            rows = tuple(tuple(_clean(cell) for cell in row) for row in table.rows)
            table = Table(rows=rows, merged=table.merged)
        blocks.append(replace(block, text=_clean(block.text), table=table))
    document.blocks = blocks
    return document


# A delaftale has some 100,000 characters. Repair and parsing cost about 0.75 s and 30 MB
# per million characters (measured on 61.6 MB of text: 45 s, 1.9 GB), so a document with
# more than this many is refused before them: a .docx or .odt inflates to much more text
# than its file size, past what markup's MAX_TEXT_BYTES bounds for text files.
MAX_DOCUMENT_CHARS = 16_000_000


def _bounded(path: Path, document: Document) -> Document:
    """`document`, or a clear error when it has more text than MAX_DOCUMENT_CHARS."""
    total = 0
    for block in document.blocks:
        total += len(block.text)
        if block.table is not None:
            total += sum(len(cell) for row in block.table.rows for cell in row)
    if total > MAX_DOCUMENT_CHARS:
        raise CorruptDocumentError(
            path,
            f"has {total / 1e6:.1f} million characters of text, more than a delaftale can "
            f"have (at most {MAX_DOCUMENT_CHARS // 1_000_000} million)",
        )
    return document


def extract(
    path: str | Path, *, ocr: OcrMode = OcrMode.AUTO, progress: ProgressCallback | None = None
) -> Document:
    """Read `path` into the shared document model; `progress` hears of each page OCR'd."""
    source = Path(path)
    fmt = sniff_format(source)
    backend = BY_FORMAT[fmt]
    try:
        document = backend.extractor()(source, ocr=ocr, progress=progress)
        return _bounded(source, without_control_characters(document))
    except InputError:
        raise
    except MemoryError as exc:
        raise CorruptDocumentError(source, "is too large to read (out of memory)") from exc
    except RecursionError as exc:
        raise CorruptDocumentError(source, f"is nested too deeply to read as {fmt}") from exc
    except Exception as exc:
        if backend.module != "markup":
            raise
        # pragma: no cover - defensive: never a traceback for text input
        raise CorruptDocumentError(source, f"cannot be read as {fmt}: {exc}") from exc
