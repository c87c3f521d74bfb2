"""Makers of hostile and unusual inputs, written into a test's tmp_path (none is committed).

Each maker writes one file (or special file) and returns its path. PDFs are written by
hand with a correct cross-reference table, so they are what a damaged or malicious
producer leaves, not what a library refuses to write.
"""

from __future__ import annotations

import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def pdf_from_objects(objects: list[bytes], root: int = 1, junk: bytes = b"") -> bytes:
    """A PDF of `objects` (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(junk + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out) - len(junk))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out) - len(junk)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, compress: bool = True) -> bytes:
    if compress:
        packed = zlib.compress(data, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _text_page_objects(content: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf_reference_loop(path: Path) -> Path:
    """A page tree whose Kids point back at itself, and an object that is itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Parent 2 0 R /Count 1 >>",
    ]
    path.write_bytes(pdf_from_objects(objects))
    return path


def pdf_huge_content_stream(path: Path, megabytes: int = 50) -> Path:
    """One page whose content stream inflates to `megabytes` MB of drawing operators."""
    unit = b"0 0 m 1 1 l S\n"
    content = unit * (megabytes * (1 << 20) // len(unit))
    path.write_bytes(pdf_from_objects(_text_page_objects(content)))
    return path


def pdf_with_junk_before_header(path: Path, text_pdf: Path) -> Path:
    """A real PDF with 600 bytes of mail-gateway junk before %PDF (pdfium opens it)."""
    path.write_bytes(b"X-Junk: " + b"j" * 590 + b"\r\n" + text_pdf.read_bytes())
    return path


def docx_zip_bomb(path: Path, inflated_mb: int = 512, lie: bool = True) -> Path:
    """A real .docx whose document.xml inflates to `inflated_mb` MB; with `lie`, its zip
    headers claim 2 KB (as a bomb's do, to pass size checks)."""
    source = SAMPLES / "viborg-uddannelse.docx"
    name = "word/document.xml"
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for info in original.infolist():
            if info.filename != name:
                package.writestr(info, original.read(info.filename), zipfile.ZIP_DEFLATED)
                continue
            with package.open(name, "w") as member:
                member.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><!--')
                chunk = b" " * (1 << 20)
                for _ in range(inflated_mb):
                    member.write(chunk)
                member.write(b"--></w:body></w:document>")
    if lie:
        _lie_about_size(path, name.encode(), 2048)
    return path


def _lie_about_size(path: Path, name: bytes, size: int) -> None:
    data = bytearray(path.read_bytes())
    lie = struct.pack("<I", size)
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.find(signature)
        while at != -1:
            if data[at + name_at : at + name_at + len(name)] == name:
                data[at + size_at : at + size_at + 4] = lie
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def png_decompression_bomb(path: Path, side: int = 40_000) -> Path:
    """A black-and-white PNG of side x side pixels: a few hundred KB on disk."""
    raw_row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(raw_row) for _ in range(side)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def truncated_png(path: Path) -> Path:
    data = (SAMPLES / "viborg-uddannelse.page1.png").read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def seed_text() -> str:
    return (SAMPLES / "viborg-uddannelse.seed.txt").read_text(encoding="utf-8")


def utf16_text(path: Path, bom: bool = True) -> Path:
    path.write_bytes(seed_text().encode("utf-16" if bom else "utf-16-le"))
    return path


def cp1252_text(path: Path) -> Path:
    text = (SAMPLES / "randers-uddannelse.seed.md").read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252", "replace"))
    return path


def text_with_control_characters(path: Path) -> Path:
    text = seed_text()
    cut = len(text) // 2
    dirty = "\x1b[31m\x07\x00\x08\x1b]0;title\x07"
    path.write_text(text[:cut] + dirty + text[cut:], encoding="utf-8")
    return path


def html_with_scripts(path: Path) -> Path:
    body = "".join(f"<p>{line}</p>\n" for line in seed_text().split("\n") if line.strip())
    path.write_text(
        "<!doctype html><html><head><style>p { color: SECRETSTYLE; }</style>"
        "<script>var x = 'SECRETSCRIPT';</script></head><body>"
        "<template><p>SECRETTEMPLATE</p></template><!-- SECRETCOMMENT -->"
        + body
        + "<script>document.write('SECRETSCRIPT')</script></body></html>",
        encoding="utf-8",
    )
    return path


def rtf_named_txt(path: Path) -> Path:
    shutil.copyfile(SAMPLES / "viborg-uddannelse.rtf", path)
    return path


def huge_text(path: Path, megabytes: int = 200) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(megabytes << 20)  # sparse: costs no disk
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to(path: Path, target: str) -> Path:
    path.symlink_to(target)
    return path


def agreement_json() -> str:
    return (SAMPLES / "viborg-uddannelse.docx.snapshot.json").read_text(encoding="utf-8")


def json_padded(path: Path, megabytes: float, *, sparse: bool = False) -> Path:
    """A valid agreement JSON of `megabytes` MB: the sample followed by spaces. `sparse`:
    followed by a hole instead (no disk, but NUL bytes), for a file refused by its size
    before a byte of it is read."""
    with open(path, "wb") as handle:
        handle.write(agreement_json().encode("utf-8"))
        size = int(megabytes * (1 << 20))
        if sparse:
            handle.truncate(size)
        else:
            handle.write(b" " * max(0, size - handle.tell()))
    return path


def json_with_sections(path: Path, megabytes: int) -> Path:
    """A valid agreement JSON of about `megabytes` MB: its other_sections repeated."""
    import json

    data = json.loads(agreement_json())
    sections = data["other_sections"]
    one = len(json.dumps(sections, ensure_ascii=False, indent=2).encode("utf-8"))
    data["other_sections"] = sections * max(1, (megabytes << 20) // one)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def json_nested(path: Path, depth: int = 100_000) -> Path:
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    return path


def json_replacing(path: Path, old: str, new: str) -> Path:
    text = agreement_json()
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def yaml_alias_bomb(path: Path, levels: int = 20) -> Path:
    lines = ['a: &a ["lol", "lol"]']
    for i in range(levels):
        name, prev = chr(98 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def pdf_with_form_fields(path: Path, values: dict[str, str], page_text: str = "") -> Path:
    """One page (with `page_text` drawn, if any) and a text field per `values` item, its
    value typed in (so it is in the form, not in the page's content stream)."""
    content = b"BT /F1 12 Tf 72 760 Td (%s) Tj ET" % page_text.encode("latin-1")
    objects = _text_page_objects(content if page_text else b"")
    first = len(objects) + 2  # objects[5] is the AcroForm, the fields follow it
    refs = " ".join(f"{first + i} 0 R" for i in range(len(values)))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>"
    objects.append(b"<< /Fields [%s] >>" % refs.encode())
    for i, (name, value) in enumerate(values.items()):
        encoded = b"\xfe\xff" + value.encode("utf-16-be")
        objects.append(
            b"<< /FT /Tx /T (%s) /V <%s> /Type /Annot /Subtype /Widget /Rect [72 %d 400 %d]"
            b" /P 3 0 R >>" % (name.encode(), encoded.hex().encode(), 600 - 30 * i, 620 - 30 * i)
        )
    path.write_bytes(pdf_from_objects(objects))
    return path


def pdf_without_tounicode(path: Path, text_pdf: Path, pages: int = 1) -> Path:
    """The first `pages` pages of a LibreOffice-rendered PDF with every font's /ToUnicode
    map taken away (the key renamed, so every offset stays valid): the glyphs draw the
    text, and no reader can map them back to letters (pdfminer says "(cid:12)")."""
    import io

    import pypdfium2

    source = pypdfium2.PdfDocument(str(text_pdf))
    subset = pypdfium2.PdfDocument.new()
    subset.import_pages(source, list(range(pages)))
    buffer = io.BytesIO()
    subset.save(buffer)
    data = buffer.getvalue()
    assert b"/ToUnicode" in data
    path.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    return path


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _shifted_cmap() -> bytes:
    """A ToUnicode CMap that maps each letter code to the next letter (a->b, z->a): the
    wrong letters a broken producer leaves, with the right glyphs drawn."""
    pairs = [
        (code, (code - base + 1) % 26 + base)
        for base in (ord("A"), ord("a"))
        for code in range(base, base + 26)
    ]
    entries = b"".join(b"<%02X> <%04X>\n" % pair for pair in pairs)
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Shifted def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n" % len(pairs) + entries + b"endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )


def pdf_with_wrong_unicode_map(path: Path, lines: int = 45) -> Path:
    """One page of the seed agreement drawn in Helvetica whose ToUnicode map gives every
    letter as the next one: it shows right and reads as garbage ("Efmbgubmf")."""
    text = seed_text().splitlines()[:lines]
    content = b"BT /F1 10 Tf 12 TL 56 790 Td\n" + b"".join(
        _pdf_string(line) + b" '\n" for line in text
    )
    objects = _text_page_objects(content + b"ET")
    objects[4] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
        b" /ToUnicode 6 0 R >>"
    )
    objects.append(_stream(_shifted_cmap()))
    path.write_bytes(pdf_from_objects(objects))
    return path


def docx_with_entity(path: Path, entity: str = "foo", declared: str | None = None) -> Path:
    """The sample .docx with `&entity;` at the start of its first text run (the title);
    with `declared`, the part's DOCTYPE declares the entity as that text."""
    source = SAMPLES / "viborg-uddannelse.docx"
    name = "word/document.xml"
    with zipfile.ZipFile(source) as original:
        xml = original.read(name).decode("utf-8")
        start = xml.index(">", xml.index("<w:t")) + 1
        xml = xml[:start] + f"&{entity};" + xml[start:]
        if declared is not None:
            head = xml.index("?>") + 2
            doctype = f'<!DOCTYPE w:document [<!ENTITY {entity} "{declared}">]>'
            xml = xml[:head] + doctype + xml[head:]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for info in original.infolist():
                data = xml.encode("utf-8") if info.filename == name else original.read(info)
                package.writestr(info, data)
    return path


def docx_with_long_text(path: Path, million_chars: int) -> Path:
    """The sample .docx with `million_chars` million characters of words in its first
    paragraph: a few KB zipped, far more text than any agreement."""
    source = SAMPLES / "viborg-uddannelse.docx"
    name = "word/document.xml"
    with zipfile.ZipFile(source) as original:
        xml = original.read(name).decode("utf-8")
        start = xml.index(">", xml.index("<w:t")) + 1
        million = "boligsocial indsats " * 50_000  # runs: lxml refuses a 10 MB text node
        words = "</w:t></w:r>" + f"<w:r><w:t>{million}</w:t></w:r>" * million_chars + "<w:r><w:t>"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for info in original.infolist():
                data = original.read(info)
                if info.filename == name:
                    data = (xml[:start] + words + xml[start:]).encode("utf-8")
                package.writestr(info, data, zipfile.ZIP_DEFLATED)
    return path


def zip_of_docx(path: Path) -> Path:
    """A zip whose only member is the sample .docx (an archive saved as .docx)."""
    with zipfile.ZipFile(path, "w") as package:
        package.write(SAMPLES / "viborg-uddannelse.docx", "viborg-uddannelse.docx")
    return path


def truncated_docx(path: Path) -> Path:
    """The first half of the sample .docx (a download cut off)."""
    data = (SAMPLES / "viborg-uddannelse.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def docx_without_document(path: Path) -> Path:
    """A zip with a content-types part and no word/document.xml."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    return path


def symlink_loop(path: Path) -> Path:
    """A symbolic link to itself (resolving it loops)."""
    path.symlink_to(path.name)
    return path


def unix_socket(path: Path) -> Path:
    import socket

    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return path


def garbage_tiff(path: Path) -> Path:
    """A TIFF header followed by random bytes (Pillow warns about its EXIF, then fails)."""
    import random

    path.write_bytes(b"II*\x00" + random.Random(12).randbytes(5000))
    return path


def pdf_header_only(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    return path
