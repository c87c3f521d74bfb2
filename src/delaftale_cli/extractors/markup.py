"""Markdown, HTML fragments and plain text, as other converters leave them.

Converters (like the one behind seed 003) write Markdown with HTML inside (`<p>`,
`<u>`, `<ol>`), tab- or pipe-separated table rows, `--|--` remnants and tables cut
at page breaks. Plain text (like seed 000, a PDF's text layer) wraps paragraphs at a
fixed width and puts short lines (names, labels) on lines of their own.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, Document, Table
from ..errors import CorruptDocumentError, TextEncodingError
from ..options import OcrMode, SourceFormat
from ..progress import ProgressCallback
from ..textnorm import clean_inline, fix_encoding, strip_markup

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
# "1. august 2025" is a date, not list item 1.
_BULLET = re.compile(rf"^\s*(?:[-*+•·▪●◦]|\d{{1,2}}[.)](?!\s*(?:{_MONTHS})\b))\s+(?=\S)", re.I)
# An English OCR model reads round bullets as "e", "o", "¢" or "«".
_OCR_BULLET = re.compile(r"^\s*[eo¢«]\s+(?=\S)")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*$")
_BLOCK_TAGS = re.compile(r"</?(?:p|div|li|br|h[1-6]|tr)(?:\s[^<>]*)?/?>", re.I)
_LIST_OPEN = re.compile(r"<(ol|ul)(?:\s[^<>]*)?>(.*?)(?:</\1>|$)", re.I | re.S)


# A delaftale as text is well under 1 MB. Every MB of text costs about 0.75 s and 30 MB
# of memory in repair and parsing (measured: 61.6 MB took 45 s and 1.9 GB), so 16 MB
# keeps a file within 60 s and 2 GB with room to spare; as MAX_DOCUMENT_CHARS does.
MAX_TEXT_BYTES = 16 << 20
# Never read: the content of <script>, <style>, <template> and comments in HTML.
_HIDDEN_HTML = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|template|noscript)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S
)


def _read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM) or UTF-16 (BOM, or NULs in every other
    byte). Anything else is refused, naming the encoding it looks like."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise CorruptDocumentError(
            path,
            f"is {size / (1 << 20):.1f} MB of text, too large for a delaftale "
            f"(at most {MAX_TEXT_BYTES >> 20} MB)",
        )
    raw = path.read_bytes()
    utf16 = _utf16_codec(raw)
    if utf16 is not None:
        try:
            return raw.decode(utf16)
        except UnicodeDecodeError as exc:
            raise TextEncodingError(
                path, f"is damaged UTF-16 text (at offset {exc.start})"
            ) from exc
    if b"\x00" in raw[:4096]:
        raise CorruptDocumentError(path, "is binary data, not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(raw)
        hint = f"; it looks like {guess}: save it as UTF-8" if guess else ""
        raise TextEncodingError(
            path,
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}){hint}",
        ) from exc


def _utf16_codec(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:4096]
    if len(sample) >= 8:
        if sample[1::2].count(0) > 0.9 * len(sample[1::2]):
            return "utf-16-le"
        if sample[0::2].count(0) > 0.9 * len(sample[0::2]):
            return "utf-16-be"
    return None


def _guess_encoding(raw: bytes) -> str | None:
    """The encoding `raw` is likely in: Windows' cp1252 when it decodes to Danish letters
    (charset-normalizer tends to call short Danish texts cp1250), else charset-normalizer's
    best guess, if any."""
    try:
        if any(ch in raw.decode("cp1252") for ch in "æøåÆØÅ"):
            return "cp1252 (Windows Western European)"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of pdfminer.six
        return None
    best = from_bytes(raw[: 1 << 20]).best()
    return best.encoding if best is not None else None


def hide_html(text: str) -> str:
    """`text` without HTML script, style, template and noscript elements and comments."""
    return _HIDDEN_HTML.sub(" ", text)


def split_run_on_list(text: str, marker: str) -> list[str]:
    """Split a list a converter glued into one line: "1. NPU2. Sprog3. ..." or "• a• b".

    Numbered items are split only at the next number in sequence, so numbers inside an
    item ("2024 medarbejdertimer", "0.-10. klasse") are left alone.
    """
    if marker == "ol":
        items: list[str] = []
        pos = 0
        expected = 1
        while True:
            found = re.compile(rf"(?<!\d){expected}\.\s+").search(text, pos)
            if found is None:
                break
            if expected > 1:
                items.append(text[pos : found.start()])
            pos = found.end()
            expected += 1
        if expected == 1:
            return [text]
        items.append(text[pos:])
        return [item for item in (clean_inline(i) for i in items) if item]
    parts = re.split(r"\s*[•·▪]\s*", text)
    return [p for p in (clean_inline(x) for x in parts) if p]


def _html_to_lines(text: str) -> list[str]:
    """HTML fragment -> lines; list items get a "- " prefix."""

    def lists(match: re.Match[str]) -> str:
        body = match.group(2)
        if re.search(r"<li\b", body, re.I):
            chunks = re.split(r"<li(?:\s[^<>]*)?>", body, flags=re.I)
            items = [strip_markup(c) for c in chunks]
        else:
            items = split_run_on_list(strip_markup(body), match.group(1).lower())
        return "\n" + "\n".join("- " + clean_inline(i) for i in items if clean_inline(i)) + "\n"

    text = _LIST_OPEN.sub(lists, text)
    text = _BLOCK_TAGS.sub("\n", text)
    return [clean_inline(strip_markup(line)) for line in text.split("\n")]


def _cell(text: str) -> str:
    return "\n".join(line for line in _html_to_lines(text) if line)


def _line_blocks(line: str) -> list[Block]:
    """A Markdown/HTML line (outside tables) -> blocks."""
    heading = _MD_HEADING.match(line)
    if heading:
        text = clean_inline(strip_markup(heading.group(2)))
        return [Block("heading", text, level=len(heading.group(1)))]
    bold = _BOLD_LINE.match(line)
    if bold:
        return [Block("paragraph", clean_inline(strip_markup(bold.group(2))), bold=True)]
    blocks = []
    for part in _html_to_lines(line):
        if not part:
            continue
        if _BULLET.match(part):
            blocks.append(Block("list_item", clean_inline(_BULLET.sub("", part))))
        else:
            blocks.append(Block("paragraph", part))
    return blocks


def _markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if table_rows:
            width = max(len(r) for r in table_rows)
            rows = tuple(tuple(r + [""] * (width - len(r))) for r in table_rows)
            blocks.append(Block("table", table=Table(rows)))
            table_rows.clear()

    for raw_line in text.split("\n"):
        line = raw_line.rstrip()
        if not line.strip():
            continue  # blank lines: page breaks may cut a table; keep collecting it
        if _SEPARATOR_ROW.match(line):
            continue
        if "\t" in line or (line.lstrip().startswith("|") and line.count("|") >= 2):
            cells = line.split("\t") if "\t" in line else line.strip().strip("|").split("|")
            if all(re.fullmatch(r"\s*:?-*:?\s*", c) for c in cells):
                continue  # a "--|--" remnant split on tabs
            table_rows.append([_cell(c) for c in cells])
            continue
        flush_table()
        blocks.extend(_line_blocks(line))
    flush_table()
    return blocks


# "fore-\nbyggelse" was split by the layout; "børne-\nog ungeområdet" is a suspended
# compound whose hyphen is real.
_LINE_END_HYPHEN = re.compile(r"(\w)- (?!(?:og|eller|samt|til|&)\b)(?=[a-zæøå])")


def _text_blocks(text: str) -> list[Block]:
    """Plain text: blank-line separated paragraphs whose wrapped lines are re-joined.

    A line that reaches (nearly) the text's usual width was wrapped by the layout and
    continues on the next line; a clearly shorter line ends its paragraph.
    """
    lines = [clean_inline(line) for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    wrap_width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    threshold = wrap_width * 0.75
    blocks: list[Block] = []
    current: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal current, kind
        if current:
            joined = " ".join(current)
            joined = _LINE_END_HYPHEN.sub(r"\1", joined)
            blocks.append(Block(kind, joined))  # type: ignore[arg-type]
        current, kind = [], "paragraph"

    for line in lines:
        if not line:
            flush()
            continue
        bullet = _BULLET.match(line) or _OCR_BULLET.match(line)
        if bullet:
            flush()
            kind = "list_item"
            line = line[bullet.end() :]
        current.append(line)
        if len(line) < threshold or line.endswith(":"):
            flush()
    flush()
    return blocks


def _drop_page_furniture(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, str]]]:
    """Remove running headers a text layer repeats on every page: a one-word all-caps line
    ("LANDSBYGGEFONDEN") or a stray letter from a logo ("o") standing alone more than once.
    What is removed is reported, never dropped silently."""
    counts: dict[str, int] = {}
    for block in blocks:
        counts[block.text] = counts.get(block.text, 0) + 1

    def furniture(text: str) -> bool:
        single_word_caps = " " not in text and text.isupper() and len(text) >= 4
        return counts[text] >= 2 and (len(text) <= 2 or single_word_caps)

    dropped = {
        b.text: counts[b.text] for b in blocks if b.kind == "paragraph" and furniture(b.text)
    }
    if not dropped:
        return blocks, []
    kept = [b for b in blocks if not (b.kind == "paragraph" and b.text in dropped)]
    listing = ", ".join(f"{text!r} x{n}" for text, n in sorted(dropped.items()))
    return kept, [("page_furniture_removed", f"removed repeated page headers: {listing}")]


def extract(
    path: Path, *, ocr: OcrMode = OcrMode.AUTO, progress: ProgressCallback | None = None
) -> Document:
    """Read Markdown, HTML or plain text into the shared document model."""
    suffix = path.suffix.lower()
    text = fix_encoding(_read_text(path)).replace("\r\n", "\n").replace("\r", "\n")
    if suffix in {".md", ".markdown", ".html", ".htm"}:
        text = hide_html(text)
        html = suffix in {".html", ".htm"}
        fmt = SourceFormat.HTML if html else SourceFormat.MARKDOWN
        blocks = _markdown_blocks(text)
    else:
        blocks, warnings = _drop_page_furniture(_text_blocks(text))
        return Document(path=str(path), format=SourceFormat.TEXT, blocks=blocks, warnings=warnings)
    return Document(path=str(path), format=fmt, blocks=blocks)
