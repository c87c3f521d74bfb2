"""What the seeds say must come out right from every format of each sample (issue 2 and 4).

These figures are read off the source agreements by hand, independent of the parser.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rapidfuzz import fuzz

from delaftale_cli.models import Agreement

from .conftest import parsed_sample as parsed

VIBORG = ["viborg-uddannelse.docx", "viborg-uddannelse.pdf", "viborg-uddannelse.ocr.pdf"]
RANDERS = [
    "randers-uddannelse.docx",
    "randers-uddannelse.pdf",
    "randers-uddannelse.ocr.pdf",
    "randers-uddannelse.scan.pdf",
]


@pytest.mark.parametrize("name", VIBORG + RANDERS)
def test_period(name: str) -> None:
    period = parsed(name).period
    assert (period.start, period.end) == (dt.date(2025, 8, 1), dt.date(2029, 7, 31))


@pytest.mark.parametrize("name", VIBORG)
def test_viborg(name: str) -> None:
    a = parsed(name)
    assert len(a.activities) == 5
    assert len(a.activity_names) == 5
    assert len(a.indicators) == 4
    sub_goals = [row.sub_goal for row in a.indicators]
    assert sub_goals[0] == sub_goals[1] != sub_goals[2] == sub_goals[3]
    assert [s.hours for s in a.staff_resources] == [38, 28, 10, 10, 10]
    assert {s.per for s in a.staff_resources} == {"week"}
    assert a.municipality == "Viborg Kommune"


@pytest.mark.parametrize("name", RANDERS)
def test_randers(name: str) -> None:
    a = parsed(name)
    assert len(a.activities) == 8
    assert len(a.activity_names) == 8
    assert len(a.parties) == 19
    assert len(a.indicators) == 5
    assert len({row.sub_goal for row in a.indicators}) == 3
    assert len(a.staff_resources) == 17
    assert sum(s.hours_per_year or 0 for s in a.staff_resources) == 21818
    assert a.municipality == "Randers Kommune"


def _text_fields(a: Agreement) -> dict[str, str | None]:
    fields: dict[str, str | None] = {
        "initiative_name": a.initiative_name,
        "municipal_context": a.municipal_context,
        "revision": a.revision,
    }
    for i, act in enumerate(a.activities):
        for key in ("name", "purpose", "target_group", "content", "responsibilities"):
            fields[f"activities[{i}].{key}"] = getattr(act, key)
    for i, party in enumerate(a.parties):
        fields[f"parties[{i}].name"] = party.name
    for i, row in enumerate(a.indicators):
        for key in ("sub_goal", "indicator", "baseline", "comparison_baseline", "data_source"):
            fields[f"indicators[{i}].{key}"] = getattr(row, key)
    return fields


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


@pytest.mark.parametrize(
    ("scan", "original"),
    [
        ("viborg-uddannelse.pdf", "viborg-uddannelse.docx"),
        ("viborg-uddannelse.ocr.pdf", "viborg-uddannelse.docx"),
        ("randers-uddannelse.pdf", "randers-uddannelse.docx"),
        ("randers-uddannelse.ocr.pdf", "randers-uddannelse.docx"),
        ("randers-uddannelse.scan.pdf", "randers-uddannelse.docx"),
    ],
)
def test_pdf_and_scans_read_as_well_as_the_word_original(scan: str, original: str) -> None:
    got, want = parsed(scan), parsed(original)
    assert len(got.parties) == len(want.parties)
    assert [(s.hours, s.per, s.hours_per_year) for s in got.staff_resources] == [
        (s.hours, s.per, s.hours_per_year) for s in want.staff_resources
    ]
    low = {}
    for key, text in _text_fields(want).items():
        score = fuzz.ratio(_norm(_text_fields(got)[key]), _norm(text)) / 100
        if score < 0.95:
            low[key] = round(score, 3)
    assert not low, f"text fields below 0.95 similarity to the Word original: {low}"
