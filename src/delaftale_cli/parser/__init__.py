"""Template-aware parser: from the document model to an `Agreement`."""

from __future__ import annotations

from ..document import Document
from ..models import Agreement, Source


def parse_document(document: Document, *, sha256: str) -> Agreement:
    """Placeholder: builds only the source record."""
    return Agreement(
        source=Source(
            path=document.path,
            sha256=sha256,
            format=document.format,
            pages=document.pages,
            text_source=document.text_source,
        )
    )
