"""Build the ground-truth corpus (`make corpus`): every content file in every layout, made
by every producer, each document with its truth beside it.

    build/corpus/<split>/<id>/<layout>.docx          python-docx, re-saved by LibreOffice
    build/corpus/<split>/<id>/<layout>.pdf           LibreOffice's PDF (tagged for some layouts)
    build/corpus/<split>/<id>/<layout>.ocr.pdf       scanned at 300 dpi (skew, noise, blur,
                                                     JPEG), OCR'd by tesseract -l eng
    build/corpus/<split>/<id>/<layout>.scan.pdf      the same kind of scan, image only
    build/corpus/<split>/<id>/<layout>.truth.json    what the document says

Needs soffice, pdftoppm, pdfunite and tesseract (eng). Rebuilding gives the same documents:
scan effects use a fixed seed per document and page. `--jobs` documents are scanned at once.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tools.build_samples import (
    build_ocr_pdf,
    build_scan_pdf,
    normalise_docx,
    normalise_pdf,
    soffice_convert,
)

from .content import AgreementContent, all_contents
from .layouts import LAYOUTS, Layout
from .render import render

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "build" / "corpus"
PRODUCERS = ("docx", "pdf", "ocr.pdf", "scan.pdf")
SCAN_DPI = 300  # what archive scanners are set to; the samples' scans are 200-250 dpi
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def document_dir(content: AgreementContent) -> Path:
    return CORPUS_DIR / content.split / content.id


def write_truth(path: Path, truth: dict[str, object]) -> None:
    text = json.dumps(truth, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    path.write_text(text + "\n", encoding="utf-8")


def build_word_and_pdf(content: AgreementContent, layout: Layout, work: Path) -> Path:
    """Render, re-save with LibreOffice and convert to PDF; returns the PDF in `work`."""
    out = document_dir(content)
    out.mkdir(parents=True, exist_ok=True)
    docx_bytes, truth = render(content, layout)
    raw_dir, lo_dir = work / "raw", work / "lo"
    raw_dir.mkdir()
    lo_dir.mkdir()
    raw = raw_dir / f"{layout.name}.docx"
    raw.write_bytes(docx_bytes)
    profile = work / "profile"
    docx = soffice_convert(raw, lo_dir, "docx:MS Word 2007 XML", profile)
    normalise_docx(docx)
    pdf = soffice_convert(docx, lo_dir, TAGGED_PDF if layout.tagged_pdf else "pdf", profile)
    normalise_pdf(pdf)
    shutil.copyfile(docx, out / f"{layout.name}.docx")
    shutil.copyfile(pdf, out / f"{layout.name}.pdf")
    write_truth(out / f"{layout.name}.truth.json", truth)
    return pdf


def build_scans(content_id: str, split: str, layout_name: str) -> str:
    """The .ocr.pdf and .scan.pdf of one document (run in a worker process)."""
    out = CORPUS_DIR / split / content_id
    pdf = out / f"{layout_name}.pdf"
    seed = sum(f"{content_id}/{layout_name}".encode()) * 1000
    with tempfile.TemporaryDirectory(prefix="delaftale-corpus-") as tmp:
        ocr_work, scan_work = Path(tmp) / "ocr", Path(tmp) / "scan"
        ocr_work.mkdir()
        scan_work.mkdir()
        build_ocr_pdf(pdf, out / f"{layout_name}.ocr.pdf", ocr_work, seed, dpi=SCAN_DPI)
        build_scan_pdf(pdf, out / f"{layout_name}.scan.pdf", scan_work, seed + 500, dpi=SCAN_DPI)
    return f"{split}/{content_id}/{layout_name}"


CORPUS_FONT = "Liberation Sans"  # the font render.py sets on every style


def _has_font(family: str) -> bool:
    """Whether fontconfig resolves `family` to itself rather than to a substitute."""
    found = subprocess.run(
        ["fc-match", "-f", "%{family}", family], capture_output=True, text=True, check=False
    )
    return family in found.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="content ids to build (default: all)")
    parser.add_argument("--layouts", nargs="*", default=[lay.name for lay in LAYOUTS])
    parser.add_argument("--no-scans", action="store_true", help="Word and PDF only")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    for tool in ("soffice", "pdftoppm", "pdfunite", "tesseract"):
        if shutil.which(tool) is None:
            print(f"corpus: {tool} is not installed", file=sys.stderr)
            return 1
    if not _has_font(CORPUS_FONT):
        # Without it LibreOffice substitutes a wider font: tables wrap differently and the
        # corpus measures another document than the one its figures were published for.
        hint = "Debian: apt-get install fonts-liberation"
        print(f"corpus: font {CORPUS_FONT!r} is missing ({hint})", file=sys.stderr)
        return 1
    contents = [c for c in all_contents() if not args.ids or c.id in args.ids]
    layouts = [lay for lay in LAYOUTS if lay.name in args.layouts]
    todo = []
    for content in contents:
        for layout in layouts:
            with tempfile.TemporaryDirectory(prefix="delaftale-corpus-") as tmp:
                build_word_and_pdf(content, layout, Path(tmp))
            print(f"{content.split}/{content.id}/{layout.name}: .docx .pdf", flush=True)
            todo.append((content.id, content.split, layout.name))
    if not args.no_scans:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for done in pool.map(build_scans, *zip(*todo, strict=True)):
                print(f"{done}: .ocr.pdf .scan.pdf", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
