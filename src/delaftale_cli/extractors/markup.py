"""Markdown, HTML fragments and plain text (placeholder: one paragraph per line)."""

from __future__ import annotations

from pathlib import Path

from ..document import Block, Document


def extract(path: Path, *, ocr: str = "auto") -> Document:
    text = path.read_text(encoding="utf-8")
    blocks = [Block("paragraph", line.strip()) for line in text.splitlines() if line.strip()]
    return Document(path=str(path), format="text", blocks=blocks)
