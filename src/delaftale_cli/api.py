"""The library entry points: everything the CLI does is callable from here.

The library checks its own options (`UsageError` for a value that does not exist), never
prints and never exits; progress goes to an optional callback (see `progress.py`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, printable, unreadable
from .models import Agreement, Repair
from .options import OcrMode, choose
from .progress import Progress, ProgressCallback, notify

__all__ = ["file_sha256", "parse_bytes", "parse_file", "read_stream", "sniff_suffix"]

# A document parsed from memory (standard input) is held whole, then copied to a temporary
# file; a delaftale, even scanned, is a few MB, so more than this is refused (a pipe from
# /dev/zero never ends). A larger file can be parsed by its path.
MAX_STREAM_BYTES = 256 << 20


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(
    path: str | Path,
    *,
    repair: bool = True,
    ocr: OcrMode | str = OcrMode.AUTO,
    progress: ProgressCallback | None = None,
) -> Agreement:
    """Read one delaftale (Word, PDF, Markdown/HTML or text) into a validated `Agreement`.

    Raises `InputError` (or a subclass) when the file cannot be read or is not a delaftale,
    `UsageError` for an option value that does not exist, and `OcrUnavailableError` when
    OCR is needed but tesseract (with Danish data) is not installed.
    """
    mode = choose(OcrMode, ocr, "ocr")
    source = Path(path)
    _refuse_undecodable_name(source)
    for _attempt in range(CHANGED_RETRIES + 1):
        sha = _sha256_of(source)
        agreement = _parse_once(source, sha, repair=repair, ocr=mode, progress=progress)
        if _sha256_of(source) == sha:  # not rewritten while it was read
            return agreement
    raise InputError(
        source,
        "changed while it was being read (twice); convert it once it is no longer written to",
    )


def _refuse_undecodable_name(source: Path) -> None:
    """An output records its source's name as JSON text, which cannot hold bytes that are
    not UTF-8; such a file is refused as `batch` refuses it (shown with \\xNN escapes)."""
    try:
        str(source).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            printable(source), "the file name is not valid UTF-8; rename the file to convert it"
        ) from None


CHANGED_RETRIES = 1  # a file rewritten while read is read again this many times


def _sha256_of(source: Path) -> str:
    from .extractors import refuse_special

    refuse_special(source)  # never hash a FIFO or /dev/zero
    try:
        return file_sha256(source)
    except OSError as exc:
        raise unreadable(source, exc) from exc


def _parse_once(
    source: Path, sha: str, *, repair: bool, ocr: OcrMode, progress: ProgressCallback | None
) -> Agreement:
    from .extractors import extract
    from .parser import parse_document

    document = extract(source, ocr=ocr, progress=progress)
    repairs: list[Repair] = []
    if repair:
        from .repair.document import repair_document

        if not lexicon_is_compiled():
            notify(progress, Progress("lexicon", str(source)))
        document, repairs = repair_document(document)
    agreement = parse_document(document, sha256=sha)
    agreement.repairs = repairs
    return agreement


def parse_bytes(
    data: bytes,
    name: str = "-",
    *,
    repair: bool = True,
    ocr: OcrMode | str = OcrMode.AUTO,
    progress: ProgressCallback | None = None,
) -> Agreement:
    """Like `parse_file` for a document held in memory (e.g. read from standard input);
    the format is sniffed from the bytes and `source.path` is `name`."""
    choose(OcrMode, ocr, "ocr")
    if not data:
        raise InputError(name, "is empty (0 bytes)")
    if len(data) > MAX_STREAM_BYTES:
        raise InputError(name, _stream_too_large())
    with tempfile.TemporaryDirectory(prefix="delaftale-") as folder:
        temp = Path(folder) / f"input{sniff_suffix(data)}"
        temp.write_bytes(data)
        try:
            agreement = parse_file(temp, repair=repair, ocr=ocr, progress=progress)
        except InputError as exc:
            if exc.path == str(temp):
                exc.path = name
                exc.args = (exc.describe(),)
            raise
    agreement.source.path = name
    return agreement


def read_stream(stream: BinaryIO, name: str = "-") -> bytes:
    """All of a binary stream (standard input) for `parse_bytes`, in chunks; InputError when
    it has more than MAX_STREAM_BYTES, read no further (the stream may never end)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(1 << 20, MAX_STREAM_BYTES + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > MAX_STREAM_BYTES:
            raise InputError(name, _stream_too_large())
    return b"".join(chunks)


def _stream_too_large() -> str:
    return (
        f"is over {MAX_STREAM_BYTES >> 20} MB, more than a delaftale can be; refusing to read "
        "more (to parse a larger file, give its path instead of standard input)"
    )


def sniff_suffix(data: bytes) -> str:
    """The file suffix that bytes of a document call for: .pdf, .docx, .html, .md or .txt."""
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        return ".docx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<body", b"<h1", b"<p", b"<table")):
        return ".html"
    lines = head.splitlines()
    if any(line.startswith((b"# ", b"## ", b"| ", b"|-", b"**")) for line in lines):
        return ".md"
    return ".txt"


def lexicon_is_compiled() -> bool:
    """Whether the repair lexicon is cached already (else the first repair compiles it for a
    few seconds). Answers True when it cannot tell, so no note is ever wrong twice."""
    try:
        from .repair import lexicon

        if lexicon.load_lexicon.cache_info().currsize:
            return True
        aff, dic = lexicon.find_dictionary()
        key = lexicon._source_key(aff, dic, lexicon.find_frequency_list())
        return os.path.isfile(lexicon.cache_dir() / f"lexicon-da-{key}.marshal")
    except Exception:  # the repair layer changed shape: better no note than a crash
        return True
