"""A small committed part of the ground-truth corpus, in the suite.

tests/data/corpus/ holds a few development-part corpus documents with their truth, copied
from `make corpus` output as `build/corpus/dev/<id>/<layout>.<ext>` ->
`tests/data/corpus/<id>--<layout>.<ext>`. Here they must:
- lose no word (every word the parser was given appears in the output), or fail as a
  strict xfail naming the lost words (tests/oracle_known_defects.yaml, key `corpus`);
- still be what the generator makes of their content file (the truth has not drifted).

Field accuracy over the corpus is a benchmark (`make eval`), not a test: its figures are in
the README, for the development and the held-out part separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.corpus.content import CONTENT_DIR, load_content
from tools.corpus.coverage import coverage
from tools.corpus.evaluate import read
from tools.corpus.layouts import LAYOUT_BY_NAME
from tools.corpus.render import render

from .test_oracle import known_defects

CORPUS = Path(__file__).parent / "data" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.glob("*") if p.suffix in (".docx", ".pdf"))


def _truth(doc: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(doc.with_name(doc.name.split(".")[0] + ".truth.json").read_text("utf-8"))


def test_the_committed_part_covers_two_generations_and_both_formats() -> None:
    assert {p.suffix for p in DOCUMENTS} == {".docx", ".pdf"}
    assert len({p.name.split(".")[0].split("--")[1] for p in DOCUMENTS}) >= 2


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.name)
def test_no_word_of_a_corpus_document_is_lost(doc: Path) -> None:
    document, agreement = read(doc)
    cov = coverage(document, agreement.model_dump(mode="json"), _truth(doc)["_labels"])
    known = known_defects().get("corpus", {}).get(doc.name)
    lost = cov.lost_text(200)
    if known:
        assert lost == known["words"], f"lost words changed: now {lost!r}"
        pytest.xfail(f"{known['reason']}: {lost}")
    assert cov.lost_count == 0, f"{cov.lost_count} words lost: {lost}"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: p.name)
def test_committed_truth_is_what_the_generator_makes(doc: Path) -> None:
    content_id, layout = doc.name.split(".")[0].split("--")
    content = load_content(CONTENT_DIR / f"{content_id}.yaml")
    _docx, truth = render(content, LAYOUT_BY_NAME[layout])
    assert json.loads(json.dumps(truth, default=str)) == _truth(doc)
