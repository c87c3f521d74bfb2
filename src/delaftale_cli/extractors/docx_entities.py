"""XML entity references in a Word package: replaced before python-docx reads it.

OOXML parts have no DTD, so `&name;` other than the five predefined entities is never
valid. A hand-edited or badly converted file has them anyway, and then lxml either
refuses the part ("Entity 'foo' not defined": the whole file lost) or, with a DOCTYPE
declaring the entity, keeps an entity node that python-docx skips together with the
text after it in the run (the title of an agreement came out empty). So each XML part
that has a DOCTYPE or such a reference is rewritten in memory first: an entity the
part's own DOCTYPE declares as plain text is replaced by that text (escaped), any
other is removed, the DOCTYPE is dropped, and a warning names what was done. Nothing
external is ever fetched, and expansion is bounded (MAX_VALUE, MAX_GROWTH).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import CorruptDocumentError

PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
NAME = rb"[A-Za-z_:][\w.:-]*"
ENTITY_REF = re.compile(rb"&(" + NAME + rb");")
DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]|\[.*?\])*>", re.DOTALL)
ENTITY_DECL = re.compile(rb"<!ENTITY\s+(" + NAME + rb")\s+(?:\"([^\"]*)\"|'([^']*)')\s*>")
MAX_VALUE = 1000  # bytes: a declared entity longer than a paragraph is not plain text
MAX_GROWTH = 16 << 20  # bytes a part may grow by replacements; more is an expansion bomb
MAX_NAMED = 5  # entity names quoted in a warning


def repair(path: Path) -> tuple[bytes | None, list[tuple[str, str]]]:
    """The package rewritten with its XML parts' entity references replaced (None when
    none has any), and a warning per rewritten part."""
    warnings: list[tuple[str, str]] = []
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            data = package.read(info)
            if b"<!DOCTYPE" not in data and not any(
                m.group(1) not in PREDEFINED for m in ENTITY_REF.finditer(data)
            ):
                continue
            parts[info.filename], note = _repair_part(path, info.filename, data)
            warnings.append(("xml_entities", note))
        if not parts:
            return None, []
        return _rewritten(package, parts), warnings


def _repair_part(path: Path, name: str, data: bytes) -> tuple[bytes, str]:
    declared = _declared(data)
    data = DOCTYPE.sub(b"", data, count=1)
    replaced: Counter[str] = Counter()
    removed: Counter[str] = Counter()

    def substitute(match: re.Match[bytes]) -> bytes:
        entity = match.group(1)
        if entity in PREDEFINED:
            return match.group(0)
        label = "&" + entity.decode("ascii", "replace") + ";"
        if entity in declared:
            replaced[label] += 1
            return declared[entity]
        removed[label] += 1
        return b""

    out = ENTITY_REF.sub(substitute, data)
    if len(out) - len(data) > MAX_GROWTH:
        raise CorruptDocumentError(
            path, f"{name}: its XML entities expand to more than {MAX_GROWTH >> 20} MB"
        )
    return out, _note(name, replaced, removed)


def _declared(data: bytes) -> dict[bytes, bytes]:
    """Entities the part's DOCTYPE declares as plain text, escaped for XML content."""
    doctype = DOCTYPE.search(data)
    if doctype is None:
        return {}
    out = {}
    for match in ENTITY_DECL.finditer(doctype.group(0)):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        if len(value) <= MAX_VALUE and b"&" not in value and b"<" not in value:
            text = value.decode("utf-8", "replace")
            out[match.group(1)] = escape(text).encode("utf-8")
    return out


def _note(name: str, replaced: Counter[str], removed: Counter[str]) -> str:
    def listed(counts: Counter[str]) -> str:
        names = ", ".join(list(counts)[:MAX_NAMED]) + (", ..." if len(counts) > MAX_NAMED else "")
        total = sum(counts.values())
        return f"{total} XML entit{'y' if total == 1 else 'ies'} ({names})"

    parts = []
    if replaced:
        parts.append(listed(replaced) + " replaced by the text the file declares")
    if removed:
        parts.append(listed(removed) + " undefined, removed")
    done = "; ".join(parts) if parts else "a DOCTYPE removed"
    return f"{name}: {done}; the surrounding text is kept"


def _rewritten(package: zipfile.ZipFile, parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = parts[info.filename] if info.filename in parts else package.read(info)
            out.writestr(info, data)
    return buffer.getvalue()
