"""The bundled sample files themselves (built by tools/build_samples.py).

These check the samples are laid out as Landsbyggefonden's template is, independently of
the parser: Word tables with the template's columns and merged sub-goal cells, one
two-column form per activity, running header text, and scanned variants with and without
a text layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

ACTIVITY_LABELS = {
    "Aktivitetsnavn:",
    "Aktivetsnavn:",
    "Aktivitsnavn:",
    "Formål:",
    "Målgruppe(r):",
    "Målgruppe:",
    "Indhold og praksis:",
    "Ansvars- og rollefordeling:",
}


@dataclass(frozen=True)
class Expected:
    name: str
    columns: tuple[str, ...]
    indicator_rows: int
    sub_goal_rows: tuple[int, ...]  # indicator rows under each sub-goal, in order
    activity_names: tuple[str, ...]
    name_labels: tuple[str, ...]  # the first label of each activity form, as spelled


VIBORG = Expected(
    name="viborg-uddannelse",
    columns=(
        "Delmål",
        "Indikator",
        "Baseline boligområde/målgruppe",
        "Evt. anden baseline",
        "Baseline år",
        "Datakilde",
    ),
    indicator_rows=4,
    sub_goal_rows=(2, 2),
    activity_names=(
        "Relationel Velfærd - som indsats",
        "Skole/familie samarbejde",
        "Læringsmiljø for børn og voksne",
        "Styrket Forældreskab",
        "Barselscafé",
    ),
    name_labels=("Aktivitetsnavn:",) * 5,
)
RANDERS = Expected(
    name="randers-uddannelse",
    columns=(
        "Delmål",
        "Indikator",
        "Baseline boligområde/ målgruppe",
        "Baseline Randers Kommune",
        "Datakilde",
    ),
    indicator_rows=5,
    sub_goal_rows=(1, 2, 2),
    activity_names=(
        "Neuropsykologisk Udviklingsleg (NPU)",
        "Kvalitetsstærke sproglige læringsmiljøer med sproglige rollemodeller",
        "Familieorienteret uddannelsesvejledning",
        "Fremmøde i skolen",
        "Trivsel i skolen",
        "Familiedage",
        "Det gode liv for alle – en sundhedsindsats",
        "Trivselsforløb for familier",
    ),
    name_labels=(
        "Aktivitetsnavn:",
        "Aktivitetsnavn:",
        "Aktivetsnavn:",
        "Aktivitetsnavn:",
        "Aktivitsnavn:",
        "Aktivitsnavn:",
        "Aktivitetsnavn:",
        "Aktivitetsnavn:",
    ),
)
SAMPLES_EXPECTED = [VIBORG, RANDERS]


@cache
def docx(name: str) -> object:
    return Document(str(SAMPLES / f"{name}.docx"))


def body_paragraphs(name: str) -> list[str]:
    return [p.text for p in docx(name).paragraphs]  # type: ignore[attr-defined]


def tables(name: str) -> list[Table]:
    return list(docx(name).tables)  # type: ignore[attr-defined]


def cell_texts(row: object) -> list[str]:
    """Cell texts of a row, one per grid column (python-docx repeats merged cells)."""
    return [c.text for c in row.cells]  # type: ignore[attr-defined]


def vmerge_values(table: Table, col: int) -> list[str | None]:
    """The w:vMerge value of the cell in `col` of each row (None: not merged)."""
    values: list[str | None] = []
    for tr in table._tbl.tr_lst:
        tc = tr.tc_lst[col]
        tc_pr = tc.tcPr
        vmerge = None if tc_pr is None else tc_pr.find(qn("w:vMerge"))
        values.append(None if vmerge is None else vmerge.get(qn("w:val"), "continue"))
    return values


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_indicator_table_has_the_template_columns(exp: Expected) -> None:
    table = tables(exp.name)[0]
    assert tuple(cell_texts(table.rows[0])) == exp.columns
    assert len(table.rows) == 1 + exp.indicator_rows


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_sub_goal_cells_are_merged_vertically_over_their_rows(exp: Expected) -> None:
    merges = vmerge_values(tables(exp.name)[0], 0)[1:]
    group_sizes: list[int] = []
    for value in merges:
        if value == "continue":
            group_sizes[-1] += 1
        else:
            group_sizes.append(1)
    assert tuple(group_sizes) == exp.sub_goal_rows
    # each sub-goal with more than one row is a real vMerge, not repeated text
    for size, start in zip(exp.sub_goal_rows, _starts(exp.sub_goal_rows), strict=True):
        if size > 1:
            assert merges[start] == "restart"


def _starts(sizes: tuple[int, ...]) -> Iterator[int]:
    total = 0
    for size in sizes:
        yield total
        total += size


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_one_two_column_form_per_activity(exp: Expected) -> None:
    forms = tables(exp.name)[1:]
    assert len(forms) == len(exp.activity_names)
    for form, name, name_label in zip(forms, exp.activity_names, exp.name_labels, strict=True):
        rows = [cell_texts(r) for r in form.rows]
        assert all(len(r) == 2 for r in rows)
        labels = [r[0] for r in rows]
        assert set(labels) <= ACTIVITY_LABELS
        assert len(labels) == 5
        assert rows[0] == [name_label, name]
        assert all(r[1].strip() for r in rows), f"empty value in form {name!r}"


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_page_header_and_page_number(exp: Expected) -> None:
    section = docx(exp.name).sections[0]  # type: ignore[attr-defined]
    assert "LANDSBYGGEFONDEN" in section.header.paragraphs[0].text
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml
    assert all("LANDSBYGGEFONDEN" not in p for p in body_paragraphs(exp.name))


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_title_and_section_labels_in_template_order(exp: Expected) -> None:
    paras = body_paragraphs(exp.name)
    assert paras[0] == "Delaftale for indsatsområdet Uddannelse og livschancer"
    labels = [
        "Navn på den boligsociale indsats, som delaftalen vedrører:",
        "Delaftalen gælder fra - til:",
        "Delaftalens parter:",
        "Delmål og indikatorer for indsatsområdet",
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og",
        "Medarbejderressourcer for indsatsområdet:",
        "Sammenhæng med den kommunale indsats i boligområdet:",
        "Revision af delaftalen (",
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet (tilføj",
    ]
    positions = [next(i for i, p in enumerate(paras) if p.startswith(label)) for label in labels]
    assert positions == sorted(positions)


def numbered_items_after(name: str, label: str) -> list[str]:
    """Texts of the numbered-list paragraphs right after a section label."""
    doc = docx(name)
    paras = doc.paragraphs  # type: ignore[attr-defined]
    start = next(i for i, p in enumerate(paras) if p.text.startswith(label))
    items: list[str] = []
    for para in paras[start + 1 :]:
        if para.text.startswith(("Delaftalen omfatter",)):
            continue
        if para._p.pPr is None or para._p.pPr.numPr is None:
            break
        items.append(para.text)
    return items


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_activity_overview_is_a_numbered_list(exp: Expected) -> None:
    items = numbered_items_after(exp.name, "Aktiviteter, som skal bidrage")
    assert len(items) == len(exp.activity_names)


def test_viborg_is_correctly_spelled() -> None:
    text = "\n".join(body_paragraphs("viborg-uddannelse"))
    text += "\n".join(c.text for t in tables("viborg-uddannelse") for r in t.rows for c in r.cells)
    for damaged in ("bgrn", "foraeldre", "malgruppe", "Igbende", "@vrige", " pa ", "ansl3et"):
        assert damaged not in text
    for word in ("børn", "forældre", "målgruppe", "løbende", "Øvrige", "Barselscafé"):
        assert word in text
    assert "Civilsamfundsindsa" not in text
    assert "2|le" not in text


def test_viborg_staff_resources_are_five_weekly_lines() -> None:
    lines = [p for p in body_paragraphs("viborg-uddannelse") if "timer pr. uge pr. år." in p]
    hours = [int(re.search(r"(\d+) timer", line).group(1)) for line in lines]  # type: ignore[union-attr]
    assert hours == [38, 28, 10, 10, 10]


def test_randers_parties_staff_hours_and_label_typos() -> None:
    paras = body_paragraphs("randers-uddannelse")
    start = paras.index("Delaftalens parter:")
    end = paras.index("Delmål og indikatorer for indsatsområdet")
    assert len([p for p in paras[start + 1 : end] if p.strip()]) == 19
    yearly = [
        int(m.group(1).replace(".", "")) for p in paras if (m := re.match(r"Årligt ([\d.]+) ", p))
    ]
    assert len(yearly) == 17
    assert sum(yearly) == 21818
    form_labels = [r.cells[0].text for t in tables("randers-uddannelse")[1:] for r in t.rows]
    assert form_labels.count("Målgruppe:") == 2


def test_randers_talesprog_baseline_holds_every_area() -> None:
    table = tables("randers-uddannelse")[0]
    baseline = cell_texts(table.rows[1])[2].split("\n")
    areas = [
        "Alle 7 bolig-områder:",
        "Gl. Jennum-parken:",
        "Gl. Arbjergvej-området:",
        "Hermann Stillingsvej-området:",
        "Energivej-området:",
        "Vangdalen:",
        "Sjællandsgadekvarteret:",
        "Centrale Randers:",
    ]
    heads = [line for line in baseline if "børn testet" in line]
    assert [next(a for a in areas if h.startswith(a)) for h in heads] == areas
    assert sum(1 for line in baseline if line.startswith("Generel indsats:")) == 8
    comparison = cell_texts(table.rows[1])[3]
    assert "Randers Kommune 2023: (2158 børn testet)" in comparison


# --------------------------------------------------------------------------- PDFs


@cache
def pdf_pages(filename: str) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """(page count, text characters per page, image objects per page).

    Read with pypdfium2 (pdfplumber's own renderer): pdfminer is slow on OCR text layers.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(str(SAMPLES / filename))
    try:
        chars, images = [], []
        for page in pdf:
            chars.append(page.get_textpage().count_chars())
            images.append(len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))))
        return len(pdf), tuple(chars), tuple(images)
    finally:
        pdf.close()


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_pdf_has_running_header_and_page_numbers(exp: Expected) -> None:
    with pdfplumber.open(SAMPLES / f"{exp.name}.pdf") as pdf:
        assert len(pdf.pages) > 1
        for number, page in enumerate(pdf.pages, start=1):
            lines = (page.extract_text() or "").splitlines()
            assert lines[0].strip() == "LANDSBYGGEFONDEN"
            assert lines[-1].strip() == str(number)


@pytest.mark.parametrize("exp", SAMPLES_EXPECTED, ids=lambda e: e.name)
def test_ocr_pdf_is_page_images_with_a_text_layer(exp: Expected) -> None:
    n_pages, _, _ = pdf_pages(f"{exp.name}.pdf")
    n_ocr, chars, images = pdf_pages(f"{exp.name}.ocr.pdf")
    assert n_ocr == n_pages
    assert all(n == 1 for n in images)
    assert all(n > 50 for n in chars)


def test_scan_pdf_is_page_images_without_text() -> None:
    n_pages, _, _ = pdf_pages("randers-uddannelse.pdf")
    n_scan, chars, images = pdf_pages("randers-uddannelse.scan.pdf")
    assert n_scan == n_pages
    assert all(n == 1 for n in images)
    assert all(n == 0 for n in chars)


def test_seed_copies_and_total_size() -> None:
    assert "Aktivetsnavn:" in (SAMPLES / "randers-uddannelse.seed.md").read_text("utf-8")
    assert "LANDSBYGGEFONDEN" in (SAMPLES / "viborg-uddannelse.seed.txt").read_text("utf-8")
    total = sum(p.stat().st_size for p in SAMPLES.iterdir() if p.is_file())
    # 15 MB until issue 12 added the archive formats (.doc/.odt/.rtf, a TIFF, a PNG and a
    # JPEG scan: 2.5 MB)
    assert total < 18 * 1024 * 1024
