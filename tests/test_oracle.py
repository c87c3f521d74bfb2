"""The oracle: every sample, in every format, read as its content source says.

The truth comes from the documents' text (tools/corpus/sample_truth.py: the samples'
content files, and the facts a person read off them in their `truth:` blocks), never from
the parser's output. Each check compares one field: counts and numbers exactly, text by
normalised similarity (0.95 for Word and text PDFs, 0.90 for OCR text and the seeds).

Known defects are listed in tests/oracle_known_defects.yaml, each with its reason and the
number of checks it accounts for. A test whose family still has known defects is reported
as xfail with those reasons; it fails when a check fails that no defect names (a
regression) and when a defect accounts for fewer checks than listed (a fix: lower the count
or remove the entry). That is a strict xfail per defect.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
import yaml

from tools.corpus.compare import FAMILIES, Check, compare
from tools.corpus.coverage import coverage
from tools.corpus.sample_truth import sample_truth

from .conftest import ROOT, parsed_sample, read_sample, require_tool

SAMPLE_FORMATS = {
    "viborg-uddannelse": ["docx", "pdf", "ocr.pdf", "seed.txt", "doc", "odt", "rtf", "scan.tif"],
    "randers-uddannelse": ["docx", "pdf", "ocr.pdf", "scan.pdf", "seed.md", "doc", "odt", "rtf"],
}
# One scanned page saved as an image: checked on the fields that page holds.
PAGE_SAMPLES = ["viborg-uddannelse.page1.png", "viborg-uddannelse.page1.jpg"]
PAGE1_FIELDS = ("title", "focus_area", "initiative_name", "period.*", "parties*")
THRESHOLD = {
    **dict.fromkeys(["docx", "pdf", "doc", "odt", "rtf"], 0.95),
    **dict.fromkeys(["ocr.pdf", "scan.pdf", "scan.tif", "page1.png", "page1.jpg"], 0.90),
}
SEED_THRESHOLD = 0.90  # the seeds are OCR output and converter Markdown, as received
SAMPLES = [f"{name}.{fmt}" for name, fmts in SAMPLE_FORMATS.items() for fmt in fmts]
OCR_SUFFIXES = (".ocr.pdf", ".scan.pdf", ".tif", ".png", ".jpg")
OFFICE_SUFFIXES = (".doc", ".odt", ".rtf")
KNOWN = ROOT / "tests" / "oracle_known_defects.yaml"


@cache
def known_defects() -> dict[str, Any]:
    return yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or {}


def _read(sample: str) -> tuple[object, dict[str, Any]]:
    """The sample read; scans need tesseract, .doc/.odt/.rtf LibreOffice (skipped with an
    install hint without them)."""
    if sample.endswith(OCR_SUFFIXES):
        require_tool("tesseract")
    if sample.endswith(OFFICE_SUFFIXES):
        require_tool("soffice")
    return read_sample(sample)


@cache
def checks_of(sample: str) -> tuple[Check, ...]:
    name, fmt = sample.split(".", 1)
    _document, output = _read(sample)
    checks = compare(sample_truth(name), output, THRESHOLD.get(fmt, SEED_THRESHOLD))
    if sample in PAGE_SAMPLES:
        checks = [ch for ch in checks if any(_matches(p, ch.field) for p in PAGE1_FIELDS)]
    return tuple(checks)


def _matches(pattern: str, field: str) -> bool:
    """`*` stands for any run of characters, everything else for itself."""
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), field) is not None


def _describe(check: Check) -> str:
    def short(value: object) -> str:
        text = " ".join(str(value).split())
        return text[:70] + "…" if len(text) > 70 else text

    return f"{check.field}: want {short(check.want)!r}, got {short(check.got)!r}"


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_reads_as_its_content_says(sample: str, family: str) -> None:
    _judge(sample, family)


@pytest.mark.parametrize("sample", PAGE_SAMPLES)
def test_a_page_image_reads_as_its_content_says(sample: str) -> None:
    """Page 1 of a scan saved as an image: its title, period and parties as the content
    source has them (the other fields are on later pages)."""
    checks = checks_of(sample)
    assert len(checks) >= 12  # title, focus area, name, 2 dates, 4 parties and their texts
    for family in ("scalars", "period", "parties"):
        _judge(sample, family, xfail=False)
    defects = known_defects().get(sample, {}).get("defects", [])
    if defects:
        pytest.xfail("; ".join(f"{d['reason']} ({d['count']})" for d in defects))


def _judge(sample: str, family: str, *, xfail: bool = True) -> None:
    failed = [ch for ch in checks_of(sample) if ch.family == family and not ch.ok]
    defects = [
        d for d in known_defects().get(sample, {}).get("defects", []) if d["family"] == family
    ]
    unexplained = list(failed)
    fixed = []
    for defect in defects:
        hits = [ch for ch in failed if _matches(defect["fields"], ch.field)]
        unexplained = [ch for ch in unexplained if ch not in hits]
        if len(hits) < defect["count"]:
            fixed.append(f"{defect['fields']} ({defect['count']} -> {len(hits)})")
    assert not unexplained, "new failures:\n" + "\n".join(map(_describe, unexplained))
    assert not fixed, f"known defects fixed, update {KNOWN.name}: {fixed}"
    if defects and xfail:
        pytest.xfail("; ".join(f"{d['reason']} ({d['count']})" for d in defects))


@pytest.mark.parametrize("sample", SAMPLES)
def test_no_word_of_a_sample_is_lost(sample: str) -> None:
    """Every word the parser was given is in some output field or in other_sections."""
    name = sample.split(".", 1)[0]
    document, output = _read(sample)
    cov = coverage(document, output, sample_truth(name)["_labels"])  # type: ignore[arg-type]
    known = known_defects().get(sample, {}).get("lost_words")
    lost = cov.lost_text(200)
    if known:
        assert lost == known["words"], f"lost words changed: now {lost!r}"
        pytest.xfail(f"{known['reason']}: {lost}")
    assert cov.lost_count == 0, f"{cov.lost_count} words lost: {lost}"
    assert cov.body_words > 1000


def test_known_defects_name_real_samples() -> None:
    for sample, entry in known_defects().items():
        if sample == "corpus":  # the committed corpus documents (test_corpus_committed.py)
            continue
        assert sample in SAMPLES + PAGE_SAMPLES
        for defect in entry.get("defects", []):
            assert defect["family"] in FAMILIES and defect["count"] >= 1 and defect["reason"]


def test_truth_is_the_documents_not_the_parsers() -> None:
    """The truth is read from the content file; it does not change with the parser."""
    truth = sample_truth("randers-uddannelse")
    assert len(truth["parties"]) == 19
    assert sum(len(r["measurements"]) for r in truth["indicators"]) == 67
    assert sum(s["hours_per_year"] or 0 for s in truth["staff_resources"]) == 21818


def test_the_shared_reader_is_parse_file() -> None:
    """conftest's reader (which keeps the document model) gives what `parse_file` gives."""
    from delaftale_cli import parse_file

    assert parse_file("samples/viborg-uddannelse.docx") == parsed_sample("viborg-uddannelse.docx")


def _document_words(name: str) -> set[str]:
    text = (ROOT / "tools" / "sample_content" / f"{name}.yaml").read_text(encoding="utf-8")
    body = text.split("\ntruth:")[0]  # the document's text, not the reader's notes
    return set(re.findall(r"\w+", body.casefold()))


@pytest.mark.parametrize("sample", SAMPLES + PAGE_SAMPLES)
def test_repair_never_turns_a_word_of_the_document_into_one_it_does_not_have(sample: str) -> None:
    """A repair whose original is a word of the correct text and whose result occurs
    nowhere in it made a correct word wrong ("legens" -> "lægens")."""
    name = sample.split(".", 1)[0]
    words = _document_words(name)
    _document, output = _read(sample)
    damaged = sorted(
        f"{r['original']}->{r['corrected']}"
        for r in output["repairs"]
        if r["original"].casefold() in words and r["corrected"].casefold() not in words
    )
    known = known_defects().get(sample, {}).get("damaged_by_repair")
    if known:
        assert damaged == known["words"], f"damaged words changed: now {damaged}"
        pytest.xfail(f"{known['reason']}: {damaged}")
    assert not damaged
