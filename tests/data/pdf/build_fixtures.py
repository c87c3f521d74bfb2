"""Build the small PDF fixtures the PDF-extractor tests read.

Run from the repo root: `.venv/bin/python tests/data/pdf/build_fixtures.py`.
Needs soffice (LibreOffice), pdftoppm and tesseract (eng) on PATH; the encrypted
fixture needs `pypdf` (installed into a throw-away venv, not a project dependency).
The generated PDFs are committed, so the tests need none of these tools.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).parent
LOREM = (
    "Helhedsplanen sigter mod at styrke børns og unges trivsel og muligheder, med afsæt i "
    "empowerment og opbygning af familiens handlekompetencer, til selv at kunne håndtere "
    "hverdagens udfordringer i boligområdet."
)
SUB_GOALS = [
    (
        "Flere unge skal klare sig bedre i dansk og matematik",
        [
            (
                "Andel personer i området, som ved årets afgangsprøve i 9. klasse har opnået "
                "mindst 2,0 i gennemsnit i både dansk og matematik.",
                "75%",
                "95% Viborg Kommune",
                "2023",
                "LBF",
            ),
            (
                "Andelen af 18-29 årige, der har grundskolen som HFU og som ikke er i gang "
                "med en uddannelse",
                "31%",
                "16% Viborg Kommune",
                "2023",
                "LBF",
            ),
        ],
    ),
    (
        "Reducere skolefravær",
        [
            ("Reducere skolefravær", "Data kommer", "", "", "Viborg Kommune, boligsocial"),
            (
                "Andel af børn og unge med en sag på det specialiserede børne- og ungeområde",
                "Data kommer",
                "",
                "",
                "Viborg Kommune, boligsocial monitorering",
            ),
        ],
    ),
]
ACTIVITIES = [
    (
        "Relationel Velfærd",
        "Formålet er at udvikle metoder, der fremmer en helhedsorienteret indsats.",
    ),
    (
        "Skole/familie samarbejde",
        "Formålet er at sikre udsatte børn og unge en plads i fællesskabet.",
    ),
    ("Læringsmiljø for børn og voksne", "Formålet er at styrke læringsmiljøet i Jennum-parken."),
]


def _bold_label(doc: WordDocument, text: str) -> None:
    run = doc.add_paragraph().add_run(text)
    run.bold = True


def _merge_vertically(table, col: int, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    table.cell(first, col).merge(table.cell(last, col))


def _page_furniture(doc: WordDocument) -> None:
    section = doc.sections[0]
    section.header.paragraphs[0].text = "LANDSBYGGEFONDEN"
    footer = section.footer.paragraphs[0]
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)


def build_template_docx(path: Path, *, long_table: bool) -> None:
    """A delaftale laid out like Landsbyggefonden's template (small, for tests)."""
    doc = WordDocument()
    doc.styles["Normal"].font.size = Pt(11)
    _page_furniture(doc)
    doc.add_heading("Delaftale for indsatsområdet Uddannelse og livschancer", level=1)
    doc.add_paragraph(LOREM)
    _bold_label(doc, "Navn på den boligsociale indsats, som delaftalen vedrører:")
    doc.add_paragraph("Uddannelse og Livschancer")
    _bold_label(doc, "Delaftalen gælder fra - til:")
    doc.add_paragraph("01.08.2025-31.07.2029")
    _bold_label(doc, "Delaftalens parter:")
    doc.add_paragraph("Ansvarlige for delaftalens udførelse:")
    doc.add_paragraph("Viceskolechef Børn og Unge, Viborg Kommune", style="List Bullet")
    doc.add_paragraph("Leder af den boligsociale indsats", style="List Bullet")
    for _ in range(3 if long_table else 1):
        doc.add_paragraph(LOREM)
    _bold_label(doc, "Delmål og indikatorer for indsatsområdet")
    header = [
        "Delmål",
        "Indikator",
        "Baseline boligområde/ målgruppe",
        "Evt. anden baseline",
        "Baseline år",
        "Datakilde",
    ]
    goals = SUB_GOALS * (3 if long_table else 1)
    n_rows = 1 + sum(len(rows) for _, rows in goals)
    table = doc.add_table(rows=n_rows, cols=6)
    table.style = "Table Grid"
    for c, text in enumerate(header):
        table.cell(0, c).text = text
        table.cell(0, c).paragraphs[0].runs[0].bold = True
    r = 1
    for goal, rows in goals:
        first = r
        for row in rows:
            for c, text in enumerate(row, start=1):
                table.cell(r, c).text = text
            r += 1
        table.cell(first, 0).text = goal
        _merge_vertically(table, 0, first, r - 1)
    doc.add_paragraph()
    _bold_label(doc, "Aktiviteter, som skal bidrage til indfrielsen af delmålene:")
    for name, _ in ACTIVITIES:
        doc.add_paragraph(name, style="List Number")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for name, purpose in ACTIVITIES:
        form = doc.add_table(rows=4, cols=2)
        form.style = "Table Grid"
        cells = [
            ("Aktivitetsnavn:", name),
            ("Formål:", purpose),
            ("Målgruppe(r):", "Udsatte børn og unge i skolealderen."),
            ("Indhold og praksis:", None),
        ]
        for i, (label, value) in enumerate(cells):
            form.cell(i, 0).text = label
            form.cell(i, 0).paragraphs[0].runs[0].bold = True
            if value is not None:
                form.cell(i, 1).text = value
        content = form.cell(3, 1)
        content.text = "Aktiviteten vil fokusere på at:"
        content.add_paragraph("Fremme trivsel blandt unge.", style="List Bullet")
        content.add_paragraph("Styrke forældres kompetencer.", style="List Bullet")
        content.add_paragraph("Teamet arbejder ud fra opnået samtykke.")
        doc.add_paragraph()
    doc.save(str(path))


def soffice_pdf(docx: Path, out_dir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / (docx.stem + ".pdf")


def rasterise(pdf: Path, out_dir: Path, dpi: int = 200) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(out_dir / "page")],
        check=True,
        timeout=300,
    )
    return sorted(out_dir.glob("page-*.png"))


def scan_effects(png: Path, seed: int) -> Image.Image:
    """Slight rotation, noise and blur, the way a flatbed scan looks."""
    rng = random.Random(seed)
    image = Image.open(png).convert("L")
    image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = image.load()
    for _ in range(image.width * image.height // 400):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.choice((0, 90, 200))
    return image.filter(ImageFilter.GaussianBlur(0.6))


def ocr_pdf(images: list[Image.Image], out: Path, work: Path, lang: str = "eng") -> None:
    """Each page image through tesseract's pdf renderer, joined into one PDF.

    JPEG page images keep the committed fixture small (tesseract embeds them as-is).
    """
    parts = []
    for i, image in enumerate(images):
        jpeg = work / f"scan-{i:03d}.jpg"
        image.save(jpeg, dpi=(200, 200), quality=70)
        base = work / f"ocr-{i:03d}"
        subprocess.run(
            ["tesseract", str(jpeg), str(base), "-l", lang, "pdf"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        parts.append(base.with_suffix(".pdf"))
    subprocess.run(["pdfunite", *map(str, parts), str(out)], check=True)


def image_pdf(images: list[Image.Image], out: Path, dpi: int = 200) -> None:
    """An image-only PDF (no text layer), one JPEG page per image."""
    pages = []
    for image in images:
        buffer = io.BytesIO()
        image.convert("L").save(buffer, format="JPEG", quality=70)
        pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    first, *rest = pages
    first.save(out, save_all=True, append_images=rest, resolution=dpi)


def rotated_fixtures(scan: Image.Image) -> None:
    """A text page shown turned 90° (/Rotate) and a page image scanned upside down."""
    import pypdfium2

    source = pypdfium2.PdfDocument(str(HERE / "template.pdf"))
    turned = pypdfium2.PdfDocument.new()
    turned.import_pages(source, [0])
    turned[0].set_rotation(90)
    turned.save(str(HERE / "rotated-text-90.pdf"))
    image_pdf([scan.rotate(180)], HERE / "scan-upside-down.pdf")


def hostile_fixtures() -> None:
    text_pdf = (HERE / "template.pdf").read_bytes()
    (HERE / "truncated.pdf").write_bytes(text_pdf[: len(text_pdf) // 3])
    rng = random.Random(4)
    (HERE / "random-bytes.pdf").write_bytes(b"%PDF-1.7\n" + rng.randbytes(4000))
    # An empty page: LibreOffice-free, Pillow's PDF writer with a blank white page.
    Image.new("L", (850, 1100), 255).save(HERE / "blank-page.pdf", resolution=100)
    # A 10,000 x 10,000 px page image (1-bit keeps the file small).
    huge = Image.new("1", (10_000, 10_000), 1)
    draw = ImageDraw.Draw(huge)
    font = ImageFont.load_default(size=400)
    draw.text((800, 800), "Delaftale for", fill=0, font=font)
    huge.save(HERE / "huge-image.pdf", resolution=1000)
    # A text page whose "text layer" is garbage (render mode 3 over an image).
    _garbage_ocr_layer(HERE / "garbage-ocr-layer.pdf")


def _garbage_ocr_layer(out: Path) -> None:
    """One page image with an invisible text layer of pure noise (like a failed OCR)."""
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    draw.text((200, 200), "scribble", fill=0, font=ImageFont.load_default(size=60))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=60)
    jpeg = buffer.getvalue()
    rng = random.Random(7)
    lines = []
    for row in range(40):
        word = "".join(rng.choice("~|^`;:#%&*{}[]<>") for _ in range(rng.randint(3, 12)))
        lines.append(f"BT 3 Tr /F1 10 Tf 72 {740 - row * 17} Td ({word}) Tj ET")
    content = ("q 612 0 0 792 0 0 cm /Im0 Do Q\n" + "\n".join(lines)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im0 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /GlyphLessFont >>",
        b"<< /Type /XObject /Subtype /Image /Width 1700 /Height 2200 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % len(jpeg)
        + jpeg
        + b"\nendstream",
    ]
    write_pdf(objects, out)


def damaged_ocr_layer() -> None:
    """Page 1 of scan-2p.pdf under an English OCR layer that lost words in one table cell.

    The layer is tesseract -l eng's word boxes written as invisible GlyphLessFont text,
    each word scaled to its box and followed by a space, as tesseract's own layer is.
    In the cell "Flere unge skal klare sig bedre i dansk og matematik" the words "sig
    bedre" become one word "ec" over their ink, and "klare" becomes "ip": the damage
    an English layer of a blurred scan shows (samples/randers-uddannelse.ocr.pdf).
    The words of row 1's "Baseline år" cell ("2023") are left out, as the layer of
    samples/viborg-uddannelse.ocr.pdf lacks them. Run alone: `build_fixtures.py damaged`.
    """
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(
            ["pdfimages", "-f", "1", "-l", "1", "-j", str(HERE / "scan-2p.pdf"), str(work / "p")],
            check=True,
        )
        jpeg_path = next(work.glob("p-*.jpg"))
        tsv = subprocess.run(
            ["tesseract", str(jpeg_path), "stdout", "-l", "eng", "tsv"],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout
        jpeg = jpeg_path.read_bytes()
    width_px, height_px = Image.open(io.BytesIO(jpeg)).size
    scale = 72 / 200
    words: list[tuple[str, float, float, float, float, tuple[str, ...]]] = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not fields[11].strip():
            continue
        left, top, w, h = (int(v) * scale for v in fields[6:10])
        words.append((fields[11].strip(), left, top, left + w, top + h, tuple(fields[2:5])))
    target = next(
        i
        for i, word in enumerate(words)
        if word[0] == "sig" and words[i + 1][0] == "bedre" and words[i + 1][5] == word[5]
    )
    lost = words[target : target + 2]
    merged = ("ec", lost[0][1], min(w[2] for w in lost), lost[-1][3], max(w[4] for w in lost))
    words[target : target + 2] = [(*merged, lost[0][5])]
    words = [("ip", *word[1:]) if word[0] == "klare" else word for word in words]
    year = next(word for word in words if word[0] == "2023")  # a cell the layer skipped
    words = [
        word
        for word in words
        if not (
            year[1] - 10 <= (word[1] + word[3]) / 2 <= year[3] + 10
            and year[2] - 2 <= (word[2] + word[4]) / 2 <= year[2] + 90
        )
    ]
    page_w, page_h = width_px * scale, height_px * scale
    ops = [f"q {page_w:.2f} 0 0 {page_h:.2f} 0 0 cm /Im0 Do Q"]
    for text, x0, top, x1, bottom, _ in words:
        size = max(bottom - top, 1.0)
        text = text.translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O"}))
        text = text.encode("ascii", "replace").decode()
        stretch = 100 * (x1 - x0) / (len(text) * 0.5 * size)
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(
            f"BT 3 Tr /F1 {size:.2f} Tf {stretch:.1f} Tz "
            f"1 0 0 1 {x0:.2f} {page_h - bottom + 0.2 * size:.2f} Tm ({escaped} ) Tj ET"
        )
    content = "\n".join(ops).encode()
    widths = b" ".join([b"500"] * 224)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im0 6 0 R >> >> >>" % (page_w, page_h),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /GlyphLessFont /FirstChar 32 "
        b"/LastChar 255 /Widths [" + widths + b"] >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % (width_px, height_px, len(jpeg))
        + jpeg
        + b"\nendstream",
    ]
    write_pdf(objects, HERE / "damaged-ocr-layer.pdf")


def write_pdf(objects: list[bytes], out: Path) -> None:
    """Serialise numbered objects (1..n, object 1 the catalog) with a correct xref."""
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        body += b"%010d 00000 n \n" % offset
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    out.write_bytes(bytes(body))


def encrypted_fixture() -> None:
    """AES-encrypted copy of template.pdf with a user password (needs pypdf)."""
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        print("skipping encrypted.pdf: pypdf not installed", file=sys.stderr)
        return
    writer = PdfWriter(clone_from=PdfReader(HERE / "template.pdf"))
    writer.encrypt(user_password="hemmelig", owner_password="ejer", algorithm="AES-128")
    with open(HERE / "encrypted.pdf", "wb") as handle:
        writer.write(handle)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, long_table in (("template", False), ("template-long", True)):
            docx = work / f"{name}.docx"
            build_template_docx(docx, long_table=long_table)
            pdf = soffice_pdf(docx, work)
            (HERE / f"{name}.pdf").write_bytes(pdf.read_bytes())
        pages_dir = work / "pages"
        pages_dir.mkdir()
        pngs = rasterise(HERE / "template-long.pdf", pages_dir)
        scans = [scan_effects(png, seed=i) for i, png in enumerate(pngs)]
        ocr_pdf(scans, HERE / "template-long.ocr.pdf", work)
        # Two pages keep the OCR-run tests short: the indicator table across a page break.
        image_pdf(scans[:2], HERE / "scan-2p.pdf")
        subprocess.run(
            [
                "pdfseparate",
                "-f",
                "1",
                "-l",
                "2",
                str(HERE / "template-long.pdf"),
                str(work / "long-%d.pdf"),
            ],
            check=True,
        )
        subprocess.run(
            [
                "pdfunite",
                str(work / "long-1.pdf"),
                str(work / "long-2.pdf"),
                str(HERE / "text-2p.pdf"),
            ],
            check=True,
        )
        rotated_fixtures(scans[0])
        # Mixed: text page 1 of the text PDF + image-only page 2.
        subprocess.run(
            [
                "pdfseparate",
                "-f",
                "1",
                "-l",
                "1",
                str(HERE / "template-long.pdf"),
                str(work / "text-%d.pdf"),
            ],
            check=True,
        )
        image_pdf(scans[1:2], work / "image-2.pdf")
        subprocess.run(
            [
                "pdfunite",
                str(work / "text-1.pdf"),
                str(work / "image-2.pdf"),
                str(HERE / "mixed-text-and-scan.pdf"),
            ],
            check=True,
        )
    damaged_ocr_layer()
    hostile_fixtures()
    encrypted_fixture()


if __name__ == "__main__":
    if sys.argv[1:] == ["damaged"]:
        damaged_ocr_layer()
    else:
        main()
