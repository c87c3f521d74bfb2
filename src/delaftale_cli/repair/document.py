"""Apply the repair layer to a whole extracted document."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..document import Block, Document, Table, TextSource
from ..models import Repair
from . import repair_texts
from .vocabulary import correct_texts


def repair_document(document: Document) -> tuple[Document, list[Repair]]:
    """Repair every block and table cell of `document`, using the whole document as evidence.

    Text from an OCR run (tesseract -l dan) first has its misread letters corrected
    against the lexicon and the document's own words (`vocabulary.correct_texts`).
    """
    texts: list[str] = []
    sources: list[TextSource] = []
    for block in document.blocks:
        source = document.page_sources.get(block.page or 0, document.text_source)
        if block.table is not None:
            cells = [cell for row in block.table.rows for cell in row]
            texts.extend(cells)
            sources.extend([source] * len(cells))
        else:
            texts.append(block.text)
            sources.append(source)
    counts: Counter[tuple[str, str]] = Counter()
    if "ocr_run" in sources:  # Danish-model misreads, see vocabulary.py
        texts, counts = _correct_ocr_runs(texts, sources)
    repaired, engine_counts = repair_texts(texts)
    counts.update(engine_counts)
    it = iter(repaired)
    blocks: list[Block] = []
    for block in document.blocks:
        if block.table is not None:
            rows = tuple(tuple(next(it) for _ in row) for row in block.table.rows)
            blocks.append(replace(block, table=Table(rows, block.table.merged)))
        else:
            blocks.append(replace(block, text=next(it)))
    repairs = [
        Repair(original=orig, corrected=corr, count=n)
        for (orig, corr), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return replace(document, blocks=blocks), repairs


def _correct_ocr_runs(
    texts: list[str], sources: list[TextSource]
) -> tuple[list[str], Counter[tuple[str, str]]]:
    """Correct the texts from OCR runs; all but OCR-layer text is evidence.

    An English-model OCR layer spells the same word wrong the same way ("stgtte" for
    "støtte"), so its words are no evidence for a spelling, and its text is not
    corrected here (the æ/ø/å repair deals with it).
    """
    targets = [i for i, source in enumerate(sources) if source == "ocr_run"]
    evidence = [text for text, source in zip(texts, sources, strict=True) if source != "ocr_layer"]
    fixed, counts = correct_texts([texts[i] for i in targets], evidence=evidence)
    out = list(texts)
    for i, text in zip(targets, fixed, strict=True):
        out[i] = text
    return out, counts
