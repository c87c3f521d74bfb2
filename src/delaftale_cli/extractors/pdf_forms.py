"""Text typed into a PDF's form fields (AcroForm): kept, not lost.

A field's value lives in the form, not in the page's content stream, so the page text
never shows it. Each filled text field becomes a paragraph after the page text,
"name: value" (or the value alone when the field has no readable name).
"""

from __future__ import annotations

from typing import Any

from ..document import Block

MAX_FIELDS = 2000  # a form with more is not a delaftale's; and the walk stays bounded
MAX_DEPTH = 16


def form_blocks(plumber: Any) -> list[Block]:
    """Paragraphs for the filled text fields of the PDF that `plumber` has open."""
    from pdfminer.pdftypes import resolve1

    try:
        form = resolve1(plumber.doc.catalog.get("AcroForm"))
        fields = resolve1(form.get("Fields")) if isinstance(form, dict) else None
    except Exception:  # a damaged form must not cost the document its text
        return []
    if not isinstance(fields, list):
        return []
    found: list[tuple[str, str]] = []
    _walk(fields, "", found, 0, set())
    return [Block("paragraph", f"{name}: {value}" if name else value) for name, value in found]


def _walk(
    fields: list[Any], parent: str, found: list[tuple[str, str]], depth: int, seen: set[int]
) -> None:
    from pdfminer.pdftypes import resolve1

    if depth > MAX_DEPTH:
        return
    for ref in fields:
        if len(found) >= MAX_FIELDS:
            return
        key = id(ref) if not hasattr(ref, "objid") else ref.objid
        if key in seen:  # a field that is its own kid: a loop
            continue
        seen.add(key)
        field = resolve1(ref)
        if not isinstance(field, dict):
            continue
        name = _text(resolve1(field.get("T")))
        full = f"{parent}.{name}" if parent and name else name or parent
        value = _text(resolve1(field.get("V")))
        if value and _is_text_field(field):  # text and choice fields; not checkboxes
            found.append((full, value))
        kids = resolve1(field.get("Kids"))
        if isinstance(kids, list):
            _walk(kids, full, found, depth + 1, seen)


def _is_text_field(field: dict[str, Any]) -> bool:
    from pdfminer.pdftypes import resolve1

    kind = resolve1(field.get("FT"))
    return kind is None or getattr(kind, "name", kind) in ("Tx", "Ch")


def _text(value: Any) -> str:
    from pdfminer.utils import decode_text

    if isinstance(value, bytes):
        return " ".join(decode_text(value).split())
    if isinstance(value, str):
        return " ".join(value.split())
    return ""
