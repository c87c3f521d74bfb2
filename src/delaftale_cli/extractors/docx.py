"""Word .docx files (python-docx): body paragraphs and tables in document order.

Quirks handled here: merged cells (gridSpan, vMerge) resolved into a complete grid,
nested tables flattened into their cell's text, content controls (w:sdt) unwrapped,
tracked deletions skipped, numbered/bulleted paragraphs read as list items.
Page headers and footers are not part of the body and are left out.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..document import Block, Document, Table
from ..errors import CorruptDocumentError, EncryptedDocumentError
from ..options import OcrMode, SourceFormat
from ..progress import ProgressCallback
from ..textnorm import clean_inline, fix_encoding
from . import docx_entities

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SKIPPED_ANCESTORS = (W + "del", W + "moveFrom", MC_FALLBACK)  # deleted text; text boxes' copy
MAX_COMMENT_CHARS = 200
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # a real delaftale is a few MB; more is a zip bomb
MAX_RATIO = 200


def _check_package(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            names = {info.filename for info in infos}
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(path, "is not a Word .docx file (damaged or not a zip)") from exc
    except OSError as exc:
        raise CorruptDocumentError(path, f"cannot be read ({exc})") from exc
    if "EncryptedPackage" in names:
        raise EncryptedDocumentError(path, "is password-protected; save it without a password")
    if "word/document.xml" not in names:
        raise CorruptDocumentError(
            path, "is a zip file but not a Word document (no word/document.xml)"
        )
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_UNCOMPRESSED or (total > 50 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise CorruptDocumentError(
            path, f"inflates to {total // (1024 * 1024)} MB (a zip bomb?); refusing to read it"
        )
    _check_members(path)


def _check_members(path: Path) -> None:
    """Inflate every XML part in chunks and check it against its header: a part whose data
    is larger than its header says (a zip bomb's lie) would be inflated whole by zipfile's
    read(), gigabytes at once; here it ends at the header's size with a CRC error."""
    try:
        with zipfile.ZipFile(path) as package:
            for info in package.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with package.open(info) as member:
                    while member.read(1 << 20):
                        pass
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise CorruptDocumentError(
            path, f"is damaged or a zip bomb (its data does not match its sizes: {exc})"
        ) from exc


def _iter_block_elements(parent: Any) -> Iterator[Any]:
    """Body-level w:p and w:tbl in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _iter_block_elements(content)
        elif child.tag in (W + "p", W + "tbl"):
            yield child


def _run_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        # a text box is stored twice (DrawingML, and VML in mc:Fallback): read it once
        if any(anc.tag in SKIPPED_ANCESTORS for anc in node.iterancestors()):
            continue
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append(" ")
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return fix_encoding("".join(parts))


def _on(elem: Any) -> bool:
    return elem is not None and elem.get(W + "val") not in ("0", "false", "off", "none")


class _Styles:
    """Looks up paragraph-style facts (bold, heading, list) through basedOn chains."""

    def __init__(self, document: Any) -> None:
        self._by_id: dict[str, Any] = {}
        try:
            for style in document.styles.element.iter(W + "style"):
                self._by_id[style.get(W + "styleId")] = style
        except Exception:  # a package without styles.xml is still readable
            self._by_id = {}

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id in self._by_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id[style_id]
            yield style
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else None

    def name(self, style_id: str | None) -> str:
        for style in self._chain(style_id):
            name = style.find(W + "name")
            return (name.get(W + "val") if name is not None else "") or ""
        return ""

    def bold(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            rpr = style.find(W + "rPr")
            if rpr is not None and rpr.find(W + "b") is not None:
                return _on(rpr.find(W + "b"))
        return False

    def outline_level(self, style_id: str | None) -> int | None:
        for style in self._chain(style_id):
            ppr = style.find(W + "pPr")
            if ppr is not None and ppr.find(W + "outlineLvl") is not None:
                return int(ppr.find(W + "outlineLvl").get(W + "val", "9"))
        return None

    def numbered(self, style_id: str | None) -> bool:
        for style in self._chain(style_id):
            ppr = style.find(W + "pPr")
            if ppr is not None and ppr.find(W + "numPr") is not None:
                return True
        return False


def _paragraph_block(p: Any, styles: _Styles) -> Block | None:
    text = _run_text(p)
    lines = [clean_inline(line) for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        return None
    ppr = p.find(W + "pPr")
    style_id = None
    numbered = False
    level = 0
    outline = None
    if ppr is not None:
        pstyle = ppr.find(W + "pStyle")
        style_id = pstyle.get(W + "val") if pstyle is not None else None
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            num_id = numpr.find(W + "numId")
            numbered = num_id is None or num_id.get(W + "val") != "0"
            ilvl = numpr.find(W + "ilvl")
            level = int(ilvl.get(W + "val", "0")) if ilvl is not None else 0
        if ppr.find(W + "outlineLvl") is not None:
            outline = int(ppr.find(W + "outlineLvl").get(W + "val", "9"))
    name = styles.name(style_id).lower()
    if outline is None:
        outline = styles.outline_level(style_id)
    numbered = numbered or styles.numbered(style_id) or name.startswith("list")
    if name.startswith(("heading", "title")) or (outline is not None and outline < 9):
        return Block("heading", text, level=(outline or 0) + 1)
    style_bold = styles.bold(style_id)
    runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    bold = bool(runs) and all(
        _on(r.find(f"{W}rPr/{W}b")) if r.find(f"{W}rPr/{W}b") is not None else style_bold
        for r in runs
    )
    if numbered:
        return Block("list_item", text, level=level, bold=bold)
    return Block("paragraph", text, bold=bold)


def _cell_text(tc: Any, styles: _Styles) -> str:
    lines: list[str] = []
    for elem in _iter_block_elements(tc):
        if elem.tag == W + "tbl":
            nested = _table(elem, styles)
            for row in nested.rows:
                cells = [c.replace("\n", " ") for c in row if c]
                if cells:
                    lines.append(" | ".join(dict.fromkeys(cells)))
            continue
        block = _paragraph_block(elem, styles)
        if block is None:
            continue
        prefix = "- " if block.kind == "list_item" else ""
        lines.extend(prefix + line for line in block.text.split("\n"))
    return "\n".join(lines)


def _table(tbl: Any, styles: _Styles) -> Table:
    grid: list[list[str]] = []
    origin: list[list[tuple[int, int] | None]] = []
    merged: set[tuple[int, int]] = set()
    for r, tr in enumerate(tbl.iterchildren(W + "tr")):
        row: list[str] = []
        row_origin: list[tuple[int, int] | None] = []
        trpr = tr.find(W + "trPr")
        before = 0
        if trpr is not None and trpr.find(W + "gridBefore") is not None:
            before = int(trpr.find(W + "gridBefore").get(W + "val", "0"))
        row.extend([""] * before)
        row_origin.extend([None] * before)
        cells = []
        for child in tr.iterchildren():
            if child.tag == W + "tc":
                cells.append(child)
            elif child.tag == W + "sdt":  # a content control wrapping cells
                cells.extend(child.iter(W + "tc"))
        for tc in cells:
            tcpr = tc.find(W + "tcPr")
            span = 1
            vmerge = None
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                span = max(1, int(gs.get(W + "val", "1"))) if gs is not None else 1
                vm = tcpr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val") or "continue"
            c = len(row)
            if vmerge == "continue" and r > 0 and c < len(grid[r - 1]):
                text = grid[r - 1][c]
                src = origin[r - 1][c] or (r - 1, c)
                for k in range(span):
                    merged.add((r, c + k))
            else:
                text = _cell_text(tc, styles)
                src = (r, c)
            for k in range(span):
                row.append(text)
                row_origin.append(src)
                if k:
                    merged.add((r, c + k))
        grid.append(row)
        origin.append(row_origin)
    width = max((len(row) for row in grid), default=0)
    rows = tuple(tuple(row + [""] * (width - len(row))) for row in grid)
    return Table(rows, frozenset(merged))


def extract(
    path: Path, *, ocr: OcrMode = OcrMode.AUTO, progress: ProgressCallback | None = None
) -> Document:
    """Read a .docx into the shared document model."""
    _check_package(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    repaired, notes = docx_entities.repair(path)  # &name; in the XML: text kept
    try:
        document = docx.Document(io.BytesIO(repaired) if repaired is not None else str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptDocumentError(path, f"is not a readable Word document ({exc})") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends: damaged XML
        raise CorruptDocumentError(path, f"has damaged document XML ({exc})") from exc
    styles = _Styles(document)
    blocks: list[Block] = []
    for elem in _iter_block_elements(document.element.body):
        if elem.tag == W + "tbl":
            table = _table(elem, styles)
            if table.rows and any(cell for row in table.rows for cell in row):
                blocks.append(Block("table", table=table))
        else:
            block = _paragraph_block(elem, styles)
            if block is not None:
                blocks.append(block)
    warnings = notes + _comments_warning(document)
    return Document(
        path=str(path), format=SourceFormat.DOCX, blocks=blocks, pages=None, warnings=warnings
    )


def _comments_warning(document: Any) -> list[tuple[str, str]]:
    """Word comments are review notes, not the agreement's text: kept in a warning that
    counts them and quotes each, never dropped silently."""
    part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()
            if rel.reltype.endswith("/comments")
        ),
        None,
    )
    if part is None:
        return []
    from lxml import etree

    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return [("word_comments", "the document's comments cannot be read (damaged XML)")]
    texts = []
    for comment in root.iter(W + "comment"):
        text = clean_inline(" ".join(t.text or "" for t in comment.iter(W + "t")))
        author = comment.get(W + "author") or "?"
        texts.append(f"{author}: {text[:MAX_COMMENT_CHARS]!r}")
    if not texts:
        return []
    return [
        (
            "word_comments",
            f"{len(texts)} Word comment(s), not part of the text: " + "; ".join(texts),
        )
    ]
