"""The library entry points: everything the CLI does is callable from here."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from .errors import unreadable
from .models import Agreement, Repair

OcrMode = Literal["auto", "never", "force"]


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(path: str | Path, *, repair: bool = True, ocr: OcrMode = "auto") -> Agreement:
    """Read one delaftale (Word, PDF, Markdown/HTML or text) into a validated `Agreement`.

    Raises `InputError` (or a subclass) when the file cannot be read or is not a delaftale.
    """
    from .extractors import extract
    from .parser import parse_document

    source = Path(path)
    try:
        sha = file_sha256(source)
    except OSError as exc:
        raise unreadable(source, exc) from exc
    document = extract(source, ocr=ocr)
    repairs: list[Repair] = []
    if repair:
        from .repair.document import repair_document

        document, repairs = repair_document(document)
    agreement = parse_document(document, sha256=sha)
    agreement.repairs = repairs
    return agreement
