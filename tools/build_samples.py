"""Build the bundled sample agreements in samples/ (`make samples`).

For each content file tools/sample_content/<name>.yaml this writes
  samples/<name>.docx      laid out as Landsbyggefonden's delaftale template, written with
                           python-docx and re-saved by LibreOffice (as users' files are),
  samples/<name>.pdf       that .docx converted to PDF by LibreOffice,
  samples/<name>.ocr.pdf   the PDF rasterised, given mild scan effects and OCR'd by
                           tesseract (-l eng) into page images with an invisible text layer,
and for the names in SCAN_ONLY also samples/<name>.scan.pdf (page images, no text layer).
The formats old archives hold are made from the .docx and .pdf as users make them:
  samples/<name>.doc .odt .rtf   the .docx saved by LibreOffice as Word 97, ODF and RTF,
and for the names in IMAGES
  samples/<name>.scan.tif        every page rasterised by pdftoppm at 300 dpi, thresholded
                                 to black and white, one multi-page CCITT G4 TIFF (what an
                                 office scanner's "scan to TIFF" writes),
  samples/<name>.page1.png       page 1 at 200 dpi in grey (a screenshot-like page),
  samples/<name>.page1.jpg       page 1 at 300 dpi with mild scan effects, JPEG (a scan
                                 saved page by page).
`--archive-only` builds just these from the committed .docx and .pdf.
The seed texts the samples were written from are copied next to them unchanged.

Needs soffice (LibreOffice), pdftoppm and pdfunite (poppler-utils) and tesseract with the
eng language data. Random scan effects use a fixed seed per page, so the page images are
repeatable; LibreOffice and tesseract stamp dates into their PDFs (see `normalise_docx` for
what is done to keep the .docx stable).

Content markup (the strings in the YAML files): one paragraph per line;
  "# text"   heading (the agreement title)
  "## text"  bold label paragraph (the template's section labels)
  "- text"   bulleted list item
  "1. text"  numbered list item; consecutive numbered lines form one list, numbered 1, 2, ...
  "> text"   indented paragraph inside a list (does not end it)
  "\\text"   a plain paragraph even if it starts like one of the above
inline "**bold**" and "__underlined__" runs. Inside a table cell the same markup applies.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
CONTENT_DIR = ROOT / "tools" / "sample_content"
SAMPLES_DIR = ROOT / "samples"
SEEDS_DIR = Path(os.environ.get("DELAFTALE_SEEDS", "/work/shared/seeds"))

# sample name -> (seed file, name of its copy in samples/)
SEED_COPIES = {
    "viborg-uddannelse": ("000_64843216cd8f4282.txt", "viborg-uddannelse.seed.txt"),
    "randers-uddannelse": ("003_49cb2ac97c73f52d.txt", "randers-uddannelse.seed.md"),
}
SCAN_ONLY = ("randers-uddannelse",)
IMAGES = ("viborg-uddannelse",)
ARCHIVE_TARGETS = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf"}
TIFF_DPI = 300
TIFF_THRESHOLD = 160  # grey level below which a pixel is ink
PNG_DPI = 200
JPG_DPI = 300
JPG_QUALITY = 60

BODY_FONT = "Liberation Sans"
INDICATOR_FONT_PT = 9
FIXED_DATE = "2025-06-01T00:00:00Z"
FIXED_ZIP_TIME = (2025, 6, 1, 0, 0, 0)
FIXED_PDF_DATE = time.strptime("20250601000000", "%Y%m%d%H%M%S")

OCR_DPI = 250
SCAN_ONLY_DPI = 200
SCAN_JPEG_QUALITY = 40
SCAN_ONLY_JPEG_QUALITY = 45
NOISE_LEVELS = 6  # sensor noise: uniform, +-6 of 255 grey levels
BLUR_RADIUS = 0.8
TESSERACT_TIMEOUT_S = 300


# --------------------------------------------------------------------------- Word document


def build_docx(content: dict[str, Any], out: Path) -> None:
    """Write the agreement described by `content` as a python-docx document."""
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc, content.get("page_header", ""))
    writer = MarkupWriter(doc)
    for item in content["body"]:
        if isinstance(item, str) and item == "page_break":
            doc.add_page_break()
        elif isinstance(item, str):
            writer.write(doc, item)
        elif "indicator_table" in item:
            add_indicator_table(doc, writer, item["indicator_table"])
        elif "activity" in item:
            add_activity_form(doc, writer, item["activity"])
        else:
            raise ValueError(f"unknown body item: {item!r}")
    props = doc.core_properties
    props.title = content.get("title", "Delaftale")
    props.author = "Boligsocial helhedsplan"
    props.last_modified_by = "Boligsocial helhedsplan"
    props.revision = 1
    props.comments = ""
    props.language = "da-DK"
    doc.save(str(out))


def _setup_styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name in ("Normal", "Heading 1", "List Bullet", "List Number"):
        style = doc.styles[name]
        _set_font(style.element.get_or_add_rPr(), BODY_FONT)
    lang = OxmlElement("w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "da-DK")
    normal.element.get_or_add_rPr().append(lang)
    heading = doc.styles["Heading 1"]
    heading.font.size = Pt(16)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(12)
    for name in ("List Bullet", "List Number"):
        doc.styles[name].paragraph_format.space_after = Pt(3)


def _set_font(rpr: Any, font: str) -> None:
    """Set all four font slots and drop theme fonts (which would override them)."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(slot), font)


def _setup_page(doc: Any, header_text: str) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    if header_text:
        para = section.header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = para.add_run(header_text)
        run.bold = True
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_field(footer)


def _add_page_field(para: Paragraph) -> None:
    """A PAGE field, so each page shows its own number."""
    run = para.add_run()
    run.font.size = Pt(9)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


INLINE = re.compile(r"(\*\*.+?\*\*|__.+?__)")
NUMBERED = re.compile(r"^\d+\.\s")


@dataclass
class _ListState:
    num_id: int | None = None


class MarkupWriter:
    """Writes content markup (see module docstring) into a document body or table cell."""

    def __init__(self, doc: Any) -> None:
        numbering = doc.part.numbering_part.element
        style_num_id = doc.styles["List Number"].element.pPr.numPr.numId.val
        num = numbering.num_having_numId(style_num_id)
        self._numbering = numbering
        self._abstract_id = num.abstractNumId.val

    def write(self, container: Any, markup: str) -> None:
        """Append the paragraphs of `markup` to `container` (a Document or a _Cell)."""
        state = _ListState()
        for line in markup.splitlines():
            line = line.strip()
            if line:
                self._write_line(container, line, state)

    def _write_line(self, container: Any, line: str, state: _ListState) -> None:
        if line.startswith("# "):
            para = container.add_paragraph(style="Heading 1")
            _add_runs(para, line[2:])
            state.num_id = None
        elif line.startswith("## "):
            para = container.add_paragraph()
            para.add_run(_strip_inline(line[3:])).bold = True
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.space_before = Pt(8)
            state.num_id = None
        elif line.startswith("- "):
            _add_runs(container.add_paragraph(style="List Bullet"), line[2:])
            state.num_id = None
        elif NUMBERED.match(line):
            if state.num_id is None:
                state.num_id = self._new_numbered_list()
            para = container.add_paragraph(style="List Number")
            _set_num_id(para, state.num_id)
            _add_runs(para, NUMBERED.sub("", line, count=1))
        elif line.startswith("> "):
            para = container.add_paragraph()
            para.paragraph_format.left_indent = Cm(0.63)
            para.paragraph_format.space_after = Pt(3)
            _add_runs(para, line[2:])
        else:
            _add_runs(container.add_paragraph(), line.removeprefix("\\"))
            state.num_id = None

    def _new_numbered_list(self) -> int:
        """A numbering instance of the List Number definition that starts again at 1."""
        num = self._numbering.add_num(self._abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)


def _set_num_id(para: Paragraph, num_id: int) -> None:
    num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _strip_inline(text: str) -> str:
    return text.replace("**", "").replace("__", "")


def _add_runs(para: Paragraph, text: str) -> None:
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            para.add_run(part[2:-2]).bold = True
        elif part.startswith("__") and part.endswith("__") and len(part) > 4:
            para.add_run(part[2:-2]).underline = True
        else:
            para.add_run(part)


def _fill_cell(
    writer: MarkupWriter, cell: _Cell, markup: str, *, bold: bool = False, size: float = 10
) -> None:
    """Write markup into a cell, replacing the empty paragraph a new cell starts with."""
    first = cell.paragraphs[0]
    writer.write(cell, f"**{markup}**" if bold and markup else markup)
    if len(cell.paragraphs) > 1 and not first.text:
        first._p.getparent().remove(first._p)
    for para in cell.paragraphs:
        para.paragraph_format.space_after = Pt(2)
        for run in para.runs:
            run.font.size = Pt(size)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _new_table(doc: Any, n_rows: int, widths_cm: list[float]) -> Table:
    table = doc.add_table(rows=n_rows, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)
    return table


def _repeat_as_header(table: Table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def add_indicator_table(doc: Any, writer: MarkupWriter, spec: dict[str, Any]) -> None:
    """The 'Delmål og indikatorer' table: one row per indicator, the Delmål cell of each
    sub-goal merged vertically over its indicator rows."""
    columns: list[str] = spec["columns"]
    groups: list[dict[str, Any]] = spec["sub_goals"]
    n_rows = 1 + sum(len(g["rows"]) for g in groups)
    table = _new_table(doc, n_rows, spec["widths_cm"])
    _repeat_as_header(table)
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        _fill_cell(writer, cell, title, bold=True, size=INDICATOR_FONT_PT)
        _shade(cell, "D9E2F3")
    row_index = 1
    for group in groups:
        rows: list[list[str]] = group["rows"]
        for offset, values in enumerate(rows):
            if len(values) != len(columns) - 1:
                raise ValueError(f"indicator row needs {len(columns) - 1} cells: {values!r}")
            for col, value in enumerate(values, start=1):
                cell = table.cell(row_index + offset, col)
                _fill_cell(writer, cell, str(value), size=INDICATOR_FONT_PT)
        goal_cell = table.cell(row_index, 0)
        if len(rows) > 1:
            goal_cell = goal_cell.merge(table.cell(row_index + len(rows) - 1, 0))
        _fill_cell(writer, goal_cell, group["goal"], size=INDICATOR_FONT_PT)
        row_index += len(rows)
    doc.add_paragraph()


def add_activity_form(doc: Any, writer: MarkupWriter, rows: list[list[str]]) -> None:
    """One activity form: a two-column table, label | value."""
    table = _new_table(doc, len(rows), [4.0, 13.0])
    for row, (label, value) in zip(table.rows, rows, strict=True):
        _fill_cell(writer, row.cells[0], label, bold=True)
        _shade(row.cells[0], "F2F2F2")
        _fill_cell(writer, row.cells[1], value)
    doc.add_paragraph()


# --------------------------------------------------------------------------- LibreOffice


def soffice_convert(src: Path, out_dir: Path, target: str, profile: Path) -> Path:
    """Convert `src` with headless LibreOffice into out_dir; returns the written file."""
    cmd = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        str(src),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    ext = target.split(":")[0]
    out = out_dir / f"{src.stem}.{ext}"
    if not out.exists():
        raise RuntimeError(f"LibreOffice wrote no {out.name}")
    return out


def normalise_docx(path: Path) -> None:
    """Give the zip entries and the document properties fixed dates, so rebuilding gives
    the same bytes when LibreOffice writes the same XML."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms)",
                    rb"\g<1>" + FIXED_DATE.encode() + rb"\g<2>",
                    data,
                )
            if info.filename == "docProps/app.xml":
                data = re.sub(rb"<TotalTime>\d+</TotalTime>", b"<TotalTime>0</TotalTime>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)
    path.write_bytes(buf.getvalue())


def normalise_pdf(path: Path) -> None:
    """Overwrite the creation date, file ID and LibreOffice's checksum in a PDF with fixed
    values of the same length (so the cross-reference offsets stay valid)."""
    data = path.read_bytes()
    data = re.sub(
        rb"/CreationDate\(D:\d{14}",
        lambda m: b"/CreationDate(D:" + b"20250601000000"[: len(m.group()) - 16],
        data,
    )
    data = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"0" * 32, data)
    # the file ID: hex strings (LibreOffice) or binary literal strings (pdfunite)
    hex_id = rb"<[0-9A-Fa-f]+>"
    literal_id = rb"\((?:\\.|[^\\)])*\)"
    data = re.sub(
        rb"(/ID\s*\[\s*)("
        + hex_id
        + rb"|"
        + literal_id
        + rb")(\s*)("
        + hex_id
        + rb"|"
        + literal_id
        + rb")(\s*\])",
        lambda m: m[1] + _zeroed(m[2]) + m[3] + _zeroed(m[4]) + m[5],
        data,
        flags=re.DOTALL,
    )
    path.write_bytes(data)


def _zeroed(pdf_string: bytes) -> bytes:
    """A PDF string token of the same length with its content replaced by zeros."""
    return pdf_string[:1] + b"0" * (len(pdf_string) - 2) + pdf_string[-1:]


# --------------------------------------------------------------------------- scans


def rasterise(pdf: Path, out_dir: Path, dpi: int) -> list[Path]:
    """Greyscale page images of `pdf` (PGM), in page order."""
    prefix = out_dir / "page"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True, timeout=600
    )
    return sorted(out_dir.glob("page-*.pgm"))


def scan_effects(image: Any, seed: int) -> Any:
    """Mild scanner look: a slight skew (< 1 degree), sensor noise and a little blur."""
    from PIL import Image, ImageChops, ImageFilter

    rng = random.Random(seed)
    angle = rng.uniform(0.25, 0.8) * rng.choice((-1, 1))
    img = image.convert("L").rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
    noise = noise.point(lambda v: 128 + (v - 128) * NOISE_LEVELS // 128)
    img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    return img.filter(ImageFilter.GaussianBlur(radius=BLUR_RADIUS))


def scanned_pages(pdf: Path, work: Path, dpi: int, seed_base: int) -> Iterator[Any]:
    from PIL import Image

    raw = work / f"raw{dpi}"
    raw.mkdir()
    for index, page in enumerate(rasterise(pdf, raw, dpi)):
        with Image.open(page) as img:
            yield scan_effects(img, seed_base + index)


def build_ocr_pdf(pdf: Path, out: Path, work: Path, seed_base: int, dpi: int = OCR_DPI) -> int:
    """Scan-like page images of `pdf`, OCR'd by tesseract -l eng into one searchable PDF."""
    page_pdfs: list[Path] = []
    for index, img in enumerate(scanned_pages(pdf, work, dpi, seed_base)):
        jpg = work / f"scan-{index + 1:03d}.jpg"
        # tesseract embeds a JPEG input as is, which keeps the PDF small
        img.save(jpg, "JPEG", quality=SCAN_JPEG_QUALITY, optimize=True, dpi=(dpi, dpi))
        base = work / f"ocr-{index + 1:03d}"
        subprocess.run(
            ["tesseract", "-l", "eng", "--dpi", str(dpi), str(jpg), str(base), "pdf"],
            check=True,
            capture_output=True,
            timeout=TESSERACT_TIMEOUT_S,
        )
        page_pdfs.append(base.with_suffix(".pdf"))
    if len(page_pdfs) == 1:
        shutil.copyfile(page_pdfs[0], out)
    else:
        subprocess.run(["pdfunite", *map(str, page_pdfs), str(out)], check=True, timeout=120)
    normalise_pdf(out)
    return len(page_pdfs)


def build_scan_pdf(
    pdf: Path, out: Path, work: Path, seed_base: int, dpi: int = SCAN_ONLY_DPI
) -> int:
    """Image-only PDF (no text layer) of scan-like pages of `pdf`."""
    pages = list(scanned_pages(pdf, work, dpi, seed_base))
    first, rest = pages[0], pages[1:]
    first.save(
        out,
        "PDF",
        resolution=float(dpi),
        save_all=True,
        append_images=rest,
        quality=SCAN_ONLY_JPEG_QUALITY,
        optimize=True,
        creationDate=FIXED_PDF_DATE,
        modDate=FIXED_PDF_DATE,
    )
    return len(pages)


# --------------------------------------------------------------------------- archives


def normalise_odt(path: Path) -> None:
    """Fixed zip times and document dates, as `normalise_docx` (the mimetype entry stays
    first and stored, as ODF requires)."""
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info, data in entries:
            if info.filename == "meta.xml":
                data = re.sub(
                    rb"(<(?:meta:creation-date|dc:date)>)[^<]*(</)",
                    rb"\g<1>2025-06-01T00:00:00\g<2>",
                    data,
                )
                data = re.sub(
                    rb"<meta:editing-duration>[^<]*<", b"<meta:editing-duration>PT0S<", data
                )
            if info.filename in ("content.xml", "styles.xml"):
                data = _renumber_list_ids(data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)
    path.write_bytes(buf.getvalue())


def _renumber_list_ids(data: bytes) -> bytes:
    """LibreOffice gives each list a random xml:id ("list72987753"); number them in order."""
    ids: dict[bytes, bytes] = {}

    def number(match: re.Match[bytes]) -> bytes:
        return ids.setdefault(match[0], b"list%d" % (len(ids) + 1))

    return re.sub(rb"\blist\d{6,}\b", number, data)


def normalise_rtf(path: Path) -> None:
    """Fixed \\creatim / \\revtim / \\printim dates."""
    data = path.read_bytes()
    data = re.sub(
        rb"\{\\(creatim|revtim|printim)[^}]*\}",
        lambda m: b"{\\" + m[1] + rb"\yr2025\mo6\dy1\hr0\min0}",
        data,
    )
    path.write_bytes(data)


def build_office_formats(name: str, docx: Path, work: Path, profile: Path) -> None:
    """The .docx saved by LibreOffice as .doc, .odt and .rtf. Dates and the .odt's list
    ids are fixed; LibreOffice still writes some random ids (the .rtf's list ids, the
    .odt's settings), so a rebuild may change their bytes but never their text."""
    out_dir = work / "archive"
    out_dir.mkdir(exist_ok=True)
    for ext, target in ARCHIVE_TARGETS.items():
        made = soffice_convert(docx, out_dir, target, profile)
        if ext == "odt":
            normalise_odt(made)
        elif ext == "rtf":
            normalise_rtf(made)
        shutil.copyfile(made, SAMPLES_DIR / f"{name}.{ext}")
    print(f"{name}: .doc, .odt and .rtf written")


def build_images(name: str, pdf: Path, work: Path, seed_base: int) -> None:
    """The scan images of IMAGES (see the module docstring)."""
    from PIL import Image

    tif_dir = work / "tif"
    tif_dir.mkdir()
    pages = []
    for page in rasterise(pdf, tif_dir, TIFF_DPI):
        with Image.open(page) as img:
            pages.append(img.point(lambda v: 255 if v >= TIFF_THRESHOLD else 0).convert("1"))
    pages[0].save(
        SAMPLES_DIR / f"{name}.scan.tif",
        save_all=True,
        append_images=pages[1:],
        compression="group4",
        dpi=(TIFF_DPI, TIFF_DPI),
    )
    prefix = work / "png"
    page1 = ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-r", str(PNG_DPI), "-gray", "-png", *page1, str(pdf), str(prefix)],
        check=True,
        timeout=120,
    )
    shutil.copyfile(prefix.with_suffix(".png"), SAMPLES_DIR / f"{name}.page1.png")
    jpg_dir = work / "jpg"
    jpg_dir.mkdir()
    first = next(scanned_pages(pdf, jpg_dir, JPG_DPI, seed_base))
    first.save(
        SAMPLES_DIR / f"{name}.page1.jpg", "JPEG", quality=JPG_QUALITY, dpi=(JPG_DPI, JPG_DPI)
    )
    print(f"{name}: .scan.tif ({len(pages)} pages), .page1.png and .page1.jpg written")


def build_archive_formats(name: str, docx: Path, pdf: Path, work: Path) -> None:
    build_office_formats(name, docx, work, work / "lo-profile")
    if name in IMAGES:
        build_images(name, pdf, work, sum(name.encode()) * 1000 + 500)


# --------------------------------------------------------------------------- driver


def build_sample(name: str, *, scans: bool) -> None:
    """Build every file of one sample into samples/."""
    content = yaml.safe_load((CONTENT_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    seed_base = sum(name.encode()) * 1000
    with tempfile.TemporaryDirectory(prefix="delaftale-samples-") as tmp:
        work = Path(tmp)
        profile = work / "lo-profile"
        raw_dir, lo_dir = work / "python-docx", work / "libreoffice"
        raw_dir.mkdir()
        lo_dir.mkdir()
        raw_docx = raw_dir / f"{name}.docx"
        build_docx(content, raw_docx)
        docx = soffice_convert(raw_docx, lo_dir, "docx:MS Word 2007 XML", profile)
        normalise_docx(docx)
        pdf = soffice_convert(docx, lo_dir, "pdf", profile)
        normalise_pdf(pdf)
        shutil.copyfile(docx, SAMPLES_DIR / f"{name}.docx")
        shutil.copyfile(pdf, SAMPLES_DIR / f"{name}.pdf")
        print(f"{name}: .docx and .pdf written")
        if scans:
            ocr_dir = work / "ocr"
            ocr_dir.mkdir()
            n = build_ocr_pdf(pdf, SAMPLES_DIR / f"{name}.ocr.pdf", ocr_dir, seed_base)
            print(f"{name}: .ocr.pdf written ({n} pages)")
            if name in SCAN_ONLY:
                scan_dir = work / "scan"
                scan_dir.mkdir()
                n = build_scan_pdf(pdf, SAMPLES_DIR / f"{name}.scan.pdf", scan_dir, seed_base)
                print(f"{name}: .scan.pdf written ({n} pages)")
        build_archive_formats(name, SAMPLES_DIR / f"{name}.docx", SAMPLES_DIR / f"{name}.pdf", work)
    copy_seed(name)


def copy_seed(name: str) -> None:
    """Copy the seed text the sample was written from, unchanged, next to it."""
    seed_name, copy_name = SEED_COPIES[name]
    seed = SEEDS_DIR / seed_name
    if seed.exists():
        shutil.copyfile(seed, SAMPLES_DIR / copy_name)
    else:
        print(f"{name}: seed {seed} not found; kept the committed copy", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="samples to build (default: all)")
    parser.add_argument("--no-scans", action="store_true", help="skip the scanned variants")
    parser.add_argument(
        "--archive-only",
        action="store_true",
        help="only the .doc/.odt/.rtf and image samples, from the committed .docx and .pdf",
    )
    args = parser.parse_args(argv)
    for tool in ("soffice", "pdftoppm", "pdfunite", "tesseract"):
        if shutil.which(tool) is None:
            print(f"build_samples: {tool} is not installed", file=sys.stderr)
            return 1
    names = args.names or sorted(p.stem for p in CONTENT_DIR.glob("*.yaml"))
    SAMPLES_DIR.mkdir(exist_ok=True)
    for name in names:
        if args.archive_only:
            with tempfile.TemporaryDirectory(prefix="delaftale-samples-") as tmp:
                docx, pdf = SAMPLES_DIR / f"{name}.docx", SAMPLES_DIR / f"{name}.pdf"
                build_archive_formats(name, docx, pdf, Path(tmp))
        else:
            build_sample(name, scans=not args.no_scans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
