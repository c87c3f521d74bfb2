"""Build gold/OCR text pairs for the repair layer from correctly spelled Danish text.

Each source text is cut into chunks of about 350 words at paragraph boundaries; every
chunk is written as a flat ODT page in one of several fonts, converted to PDF by
LibreOffice, rasterised with `pdftoppm -r 200 -gray` and OCR'd with `tesseract -l eng`
(the English model mangles æ, ø and å the way real archive scans do). The result is
NAME.gold.txt / NAME.ocr.txt pairs that /work/shared/eval/score_repair.py reads.

Fonts and resolutions rotate over the chunks (six fonts; 200 and 300 dpi). With
`--heldout DIR`, every third chunk of each source goes to DIR instead of OUT_DIR (a part
generated once and never looked at while tuning); sources given after `--dev-only` (text
that was tuned on before) go to OUT_DIR only.

Usage: python tools/make_repair_devset.py OUT_DIR [--heldout DIR] SOURCE.txt ...
       [--dev-only SOURCE.txt ...]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.sax.saxutils import escape

# (font family, size in pt, justified)
FONTS = [
    ("Liberation Sans", 11, False),
    ("DejaVu Serif", 11, True),
    ("Liberation Serif", 12, True),
    ("DejaVu Sans", 9, False),
    ("P052", 11, True),
    ("Nimbus Sans", 10, False),
]
DPIS = [200, 300]
HELDOUT_EVERY = 3
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


def write_fodt(chunk: str, font: tuple[str, int, bool], path: Path) -> None:
    """`chunk` as a flat ODT document in `font`."""
    family, size, justified = font
    paragraphs = "\n".join(
        f'<text:p text:style-name="Standard">{escape(p)}</text:p>' for p in chunk.split("\n")
    )
    path.write_text(
        FODT.format(
            font=family,
            size=size,
            align="justify" if justified else "start",
            paragraphs=paragraphs,
        ),
        encoding="utf-8",
    )


def ocr_pdf(pdf: Path, dpi: int) -> str:
    """Rasterise `pdf` at `dpi` and OCR every page with the English model."""
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True)
    texts = []
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    for image in sorted(pdf.parent.glob(f"{prefix.name}-*.pgm")):
        result = subprocess.run(
            ["tesseract", str(image), "-", "-l", "eng"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        texts.append(result.stdout)
        image.unlink()
    return "\n".join(texts)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[0])
    args = argv[1:]
    heldout_dir: Path | None = None
    if args[:1] == ["--heldout"]:
        heldout_dir = Path(args[1])
        args = args[2:]
    sources: list[tuple[Path, bool]] = []
    dev_only = False
    for arg in args:
        if arg == "--dev-only":
            dev_only = True
            continue
        sources.append((Path(arg), dev_only))
    for d in (out_dir, heldout_dir):
        if d is not None:
            d.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, str, Path, tuple[str, int, bool], int]] = []
    for source, only_dev in sources:
        for i, chunk in enumerate(chunks(source.read_text(encoding="utf-8")), 1):
            n = len(jobs)
            font = FONTS[n % len(FONTS)]
            dpi = DPIS[(n // len(FONTS)) % len(DPIS)]
            target = out_dir
            if heldout_dir is not None and not only_dev and i % HELDOUT_EVERY == 0:
                target = heldout_dir
            jobs.append((f"{source.stem}_{i:02d}", chunk, target, font, dpi))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, chunk, _, font, _ in jobs:
            write_fodt(chunk, font, work / f"{name}.fodt")
        # one LibreOffice start for all documents
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless"]
            + ["--convert-to", "pdf", "--outdir", str(work)]
            + [str(work / f"{name}.fodt") for name, *_ in jobs],
            check=True,
            capture_output=True,
        )

        def run(job: tuple[str, str, Path, tuple[str, int, bool], int]) -> str:
            name, chunk, target, font, dpi = job
            ocr = ocr_pdf(work / f"{name}.pdf", dpi)
            (target / f"{name}.gold.txt").write_text(chunk + "\n", encoding="utf-8")
            (target / f"{name}.ocr.txt").write_text(ocr, encoding="utf-8")
            words = len(chunk.split())
            return f"{target.name}/{name}: {font[0]} {font[1]}pt {dpi} dpi, {words} words"

        with ThreadPoolExecutor(max_workers=2) as pool:
            for line in pool.map(run, jobs):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
