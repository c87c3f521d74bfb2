"""Checks on a PDF's structure before its pages are interpreted, so a hostile file ends in
a clear error within seconds instead of minutes in the content-stream interpreter.

A page's content streams are inflated in chunks and counted, never held whole: a
delaftale page draws well under 100 KB of operators (the samples' largest: 24 KB), a
detailed map a few MB. pdfminer interprets about 0.5 MB of operators a second, so the
limits keep any document's interpretation under half a minute.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from ..errors import CorruptDocumentError

MAX_PAGE_CONTENT = 4 << 20  # bytes of content-stream operators on one page
MAX_DOCUMENT_CONTENT = 12 << 20  # and on all pages together
MAX_PAGES = 5000
_CHUNK = 1 << 20


def check_file(path: Path) -> None:
    """`check_pages` before any page is loaded by pdfium (which interprets a page's content
    when it loads it: 1 GB for a 50 MB stream). A PDF pdfminer cannot open is left to the
    extractor to report."""
    import pdfplumber

    try:
        plumber = pdfplumber.open(path)
    except Exception:
        return
    try:
        check_pages(path, plumber)
    finally:
        plumber.close()


def check_pages(path: Path, plumber: Any) -> None:
    """Raise CorruptDocumentError for a page whose content inflates past the limit."""
    from pdfminer.pdftypes import resolve1

    try:
        pages = plumber.pages
    except Exception:  # damaged page tree: the extractor says so
        return
    if len(pages) > MAX_PAGES:
        raise CorruptDocumentError(path, f"has {len(pages)} pages (at most {MAX_PAGES})")
    everything = 0
    for page in pages:
        contents = resolve1(page.page_obj.attrs.get("Contents"))
        streams = contents if isinstance(contents, list) else [contents]
        total = sum(_inflated_size(resolve1(s), MAX_PAGE_CONTENT) for s in streams if s)
        if total > MAX_PAGE_CONTENT:
            raise CorruptDocumentError(
                path,
                f"page {page.page_number}: its content stream inflates to more than "
                f"{MAX_PAGE_CONTENT >> 20} MB (a decompression bomb?); refusing to read it",
            )
        everything += total
        if everything > MAX_DOCUMENT_CONTENT:
            raise CorruptDocumentError(
                path,
                f"its pages' content streams inflate to more than "
                f"{MAX_DOCUMENT_CONTENT >> 20} MB in all; refusing to read it",
            )


def _inflated_size(stream: Any, limit: int) -> int:
    """The stream's decoded size, counted up to just past `limit`."""
    raw = getattr(stream, "rawdata", None)
    if raw is None:
        data = getattr(stream, "data", None)
        return len(data) if data is not None else 0
    filters = stream.attrs.get("Filter") if hasattr(stream, "attrs") else None
    names = filters if isinstance(filters, list) else [filters]
    if not any(getattr(n, "name", n) == "FlateDecode" for n in names if n is not None):
        return len(raw)
    inflater = zlib.decompressobj()
    total = 0
    pending = raw
    try:
        while pending and total <= limit:
            total += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return total  # damaged data: the interpreter reports what it can read
    return total
