"""Build gold/OCR text pairs for the repair layer from correctly spelled Danish text.

Each source text is cut into chunks of about 350 words at paragraph boundaries; every
chunk is written as a flat ODT page in one of several fonts, converted to PDF by
LibreOffice, rasterised with `pdftoppm -r 200 -gray` and OCR'd with `tesseract -l eng`
(the English model mangles æ, ø and å the way real archive scans do). The result is
NAME.gold.txt / NAME.ocr.txt pairs that /work/shared/eval/score_repair.py reads.

Usage: python tools/make_repair_devset.py OUT_DIR SOURCE.txt [SOURCE.txt ...]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

# (font family, size in pt, justified)
FONTS = [
    ("Liberation Sans", 11, False),
    ("DejaVu Serif", 11, True),
    ("Liberation Serif", 12, True),
    ("DejaVu Sans", 9, False),
]
CHUNK_WORDS = 350

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="F" svg:font-family="'{font}'"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.2cm" fo:text-align="{align}"/>
  <style:text-properties style:font-name="F" fo:font-size="{size}pt" fo:language="da"
   fo:country="DK"/>
 </style:style>
</office:styles>
<office:body><office:text>
{paragraphs}
</office:text></office:body></office:document>
"""


def chunks(text: str) -> list[str]:
    """Paragraph groups of about CHUNK_WORDS words."""
    out: list[str] = []
    current: list[str] = []
    words = 0
    for para in (p.strip() for p in text.split("\n")):
        if not para:
            continue
        current.append(para)
        words += len(para.split())
        if words >= CHUNK_WORDS:
            out.append("\n".join(current))
            current, words = [], 0
    if current:
        out.append("\n".join(current))
    return out


def ocr_chunk(chunk: str, font: tuple[str, int, bool], work: Path) -> str:
    """Render `chunk` in `font`, OCR it with the English model, return the OCR text."""
    family, size, justified = font
    paragraphs = "\n".join(
        f'<text:p text:style-name="Standard">{escape(p)}</text:p>' for p in chunk.split("\n")
    )
    doc = work / "page.fodt"
    doc.write_text(
        FODT.format(
            font=family,
            size=size,
            align="justify" if justified else "start",
            paragraphs=paragraphs,
        ),
        encoding="utf-8",
    )
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(doc)],
        check=True,
        capture_output=True,
    )
    for old in work.glob("page-*.pgm"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", str(work / "page.pdf"), str(work / "page")],
        check=True,
    )
    texts = []
    for image in sorted(work.glob("page-*.pgm")):
        result = subprocess.run(
            ["tesseract", str(image), "-", "-l", "eng"],
            check=True,
            capture_output=True,
            text=True,
        )
        texts.append(result.stdout)
    return "\n".join(texts)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source in map(Path, argv[1:]):
            for i, chunk in enumerate(chunks(source.read_text(encoding="utf-8")), 1):
                font = FONTS[n % len(FONTS)]
                n += 1
                name = f"{source.stem}_{i:02d}"
                (out_dir / f"{name}.gold.txt").write_text(chunk + "\n", encoding="utf-8")
                ocr = ocr_chunk(chunk, font, work)
                (out_dir / f"{name}.ocr.txt").write_text(ocr, encoding="utf-8")
                print(f"{name}: {font[0]} {font[1]}pt, {len(chunk.split())} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
