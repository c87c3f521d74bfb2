"""The activity overview list and the activity forms."""

from __future__ import annotations

import re
from collections import Counter

from ..codes import WarningCode
from ..document import Block
from ..models import Activity, ParseWarning
from .labels import FORM_KEYS
from .prose import blocks_to_text, clean_text
from .sections import Form

# A numbered line whose number the extractor left in the text ("2. Skole/forældre ...").
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")

# An English OCR model reads a column of list numbers as stray letters: "P Relationel
# Velfærd", then "N" or "O" alone on a line.
_OCR_MARKER = re.compile(r"^[A-Za-z@|]\s+(?=[A-ZÆØÅ0-9])")


def _is_short_line(block: Block) -> bool:
    text = clean_text(block.text)
    return (
        block.table is None
        and bool(text)
        and len(text.split()) <= 12
        and not text.endswith((":", "."))
    )


def activity_names(blocks: list[Block], *, ocr: bool) -> tuple[list[str], list[Block]]:
    """The overview list: its list items (else its short lines); lead-ins and prose are
    leftovers. In OCR text, marker debris is stripped and kept as a leftover."""
    numbered = [b for b in blocks if b.table is None and _NUMBERED.match(b.text)]
    items = [b for b in blocks if (b.kind == "list_item" and b.text.strip()) or b in numbered]
    if ocr or not items:
        items = [b for b in blocks if b.kind == "list_item" or _is_short_line(b)]
    names: list[str] = []
    rest = [b for b in blocks if b not in items]
    for block in items:
        name = clean_text(_NUMBERED.sub("", block.text))
        if ocr:
            name = _OCR_MARKER.sub("", name)
            if len(name) <= 2:
                rest.append(block)
                continue
        names.append(name)
    return names, rest


def read_form(index: int, form: Form) -> tuple[Activity, list[ParseWarning]]:
    """One activity from its form; a field not found is null with a warning."""
    values = {key: blocks_to_text(form.fields.get(key, [])) for key in FORM_KEYS}
    name = values["name"]
    activity = Activity(
        name=clean_text(name.replace("\n\n", " ")) if name else None,
        purpose=values["purpose"],
        target_group=values["target_group"],
        content=values["content"],
        responsibilities=values["responsibilities"],
    )
    warnings = [
        ParseWarning(
            code=WarningCode.MISSING_FIELD,
            message=f"activity {index} ({activity.name or 'unnamed'}): no '{key}' found",
        )
        for key in FORM_KEYS
        if values[key] is None
    ]
    return activity, warnings


def municipality_from_text(blocks: list[Block]) -> str | None:
    counts: Counter[str] = Counter()
    for block in blocks:
        texts = [c for row in block.table.rows for c in row] if block.table else [block.text]
        for text in texts:
            for m in re.finditer(
                r"\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\s+Kommunes?\b", text
            ):
                counts[m.group(1)] += 1
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return f"{name} Kommune" if n >= 2 else None
