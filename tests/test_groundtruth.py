"""The ground-truth machinery itself: content files, renderer, comparison, coverage.

These check that the measuring instrument measures: a truth that disagrees with its
document, an alignment that shifts every row after a missing one, or a coverage check that
misses a dropped line would make every figure of `make eval` wrong.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from delaftale_cli.document import Block, Document, Table
from tools.corpus.compare import align, compare, norm, similarity
from tools.corpus.content import CONTENT_DIR, all_contents
from tools.corpus.coverage import coverage
from tools.corpus.layouts import LAYOUTS
from tools.corpus.render import render

CONTENTS = all_contents()


def test_the_corpus_has_enough_agreements_and_focus_areas() -> None:
    assert len(CONTENTS) >= 8, f"{len(CONTENTS)} content files in {CONTENT_DIR}"
    assert len({c.focus_area for c in CONTENTS}) >= 5
    assert {c.split for c in CONTENTS} == {"dev", "heldout"}
    assert len({lay.generation for lay in LAYOUTS}) == 3 and len(LAYOUTS) >= 4


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return norm("\n".join(parts))


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda lay: lay.name)
@pytest.mark.parametrize("content", CONTENTS, ids=lambda c: c.id)
def test_every_truth_text_stands_in_its_document(content, layout) -> None:  # type: ignore[no-untyped-def]
    """The renderer writes what the truth says: every truth text is in the Word file."""
    data, truth = render(content, layout)
    text = _docx_text(data)
    texts = [truth["initiative_name"], truth["municipal_context"], truth["revision"]]
    texts += [p["name"] for p in truth["parties"]] + truth["activity_names"]
    for row in truth["indicators"]:
        texts += [v for k, v in row.items() if k != "measurements" and v]
    for act in truth["activities"]:
        texts += [v for v in act.values() if v]
    missing = [t for t in texts if t and norm(t) not in text]
    assert not missing, f"truth text not in the document: {missing[:3]}"


@pytest.mark.parametrize("content", CONTENTS, ids=lambda c: c.id)
def test_staff_truth_is_consistent(content) -> None:  # type: ignore[no-untyped-def]
    """hours_per_year only where the line gives it, and then it matches hours x weeks."""
    for line in content.staff.lines:
        for t in line.truth:
            assert t.hours is not None or t.fte is not None, line.quantity
            if t.per == "year" and t.hours is not None:
                assert t.hours_per_year in (None, t.hours), line.quantity
            if t.weeks_per_year and t.hours and t.per == "week" and t.hours_per_year:
                assert t.hours_per_year == pytest.approx(t.hours * t.weeks_per_year)


def test_alignment_costs_one_item_not_all_after_it() -> None:
    want = ["Lektiecafé", "Fritidsjob", "Tryghedsvandring", "Forældrecafé"]
    got = ["Lektiecafé", "Tryghedsvandring", "Forældrecafé", "Ekstra"]
    pairs = align(want, got, similarity)
    assert pairs == [(0, 0), (1, None), (2, 1), (3, 2)]


def test_compare_counts_fields_and_flags_a_wrong_number() -> None:
    truth = {
        "period": {"start": "2024-04-01", "end": "2028-03-31"},
        "staff_resources": [{"activity": "Lektiecafé", "hours": 12.0, "per": "week", "fte": None}],
    }
    output = {
        "period": {"start": "2024-04-01", "end": "2028-03-30"},
        "staff_resources": [{"activity": "Lektiecafé", "hours": 12.0, "per": "year"}],
    }
    failed = {c.field for c in compare(truth, output, 0.95) if not c.ok}
    assert failed == {"period.end", "staff_resources[0].per"}


def _doc(lines: list[str], table: list[list[str]] | None = None) -> Document:
    blocks = [Block("paragraph", line, page=1) for line in lines]
    if table:
        rows = tuple(tuple(r) for r in table)
        blocks.append(Block("table", page=1, table=Table(rows)))
    return Document(path="x.docx", format="docx", blocks=blocks, pages=1)


def test_coverage_finds_a_dropped_staff_line_even_when_its_words_stand_elsewhere() -> None:
    document = _doc(
        [
            "Medarbejderressourcer:",
            "Lektiecafé: 12 timer ugentligt",
            "Fritidsjob: 6 timer ugentligt",
        ],
    )
    output = {
        "staff_resources": [{"text": "Lektiecafé: 12 timer ugentligt"}],
        "activity_names": ["Fritidsjob"],
    }
    cov = coverage(document, output, labels=["Medarbejderressourcer"])
    assert dict(cov.lost) == {"6": 1, "timer": 1, "ugentligt": 1}
    assert sum(cov.labels.values()) == 1


def test_coverage_takes_a_header_ocr_misread_for_its_label_but_not_a_lost_sentence() -> None:
    document = _doc(["Baselinear", "I Sammenlignin g", "Baseline år og sammenligning mangler"])
    cov = coverage(document, {}, labels=["Baseline år", "Sammenligning"])
    assert dict(cov.lost) == {"og": 1, "mangler": 1}  # the sentence's own words stay lost
    assert cov.labels["baselinear"] == 1 and cov.labels["sammenlignin"] == 1


def test_coverage_excepts_lines_on_every_page_as_furniture() -> None:
    blocks = []
    for page in (1, 2, 3):
        blocks.append(Block("paragraph", f"Helhedsplan for Hjortebo · Side {page} af 3", page=page))
        blocks.append(Block("paragraph", f"{'abc'[page - 1]}: om noget andet", page=page))
    document = Document(path="x.pdf", format="pdf", blocks=blocks, pages=3)
    output = {"other_sections": [{"text": "a: om noget andet b: c: om noget andet"}]}
    cov = coverage(document, output, labels=[])
    assert dict(cov.lost) == {"om": 1, "noget": 1, "andet": 1}
    assert cov.furniture["hjortebo"] == 3


def test_content_files_are_only_yaml_and_documented() -> None:
    assert (CONTENT_DIR.parent / "CONTENT.md").exists()
    assert all(p.suffix == ".yaml" for p in Path(CONTENT_DIR).iterdir())
