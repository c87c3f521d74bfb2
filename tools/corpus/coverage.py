"""Nothing lost: every word of a document's body text must appear in the output.

The words the parser was given (the document model after the repair layer, table cells
included) are counted against the words of every text in the output (fields and
`other_sections`; not `source`, `warnings` or `repairs`). A word counts as often as it
occurs, so a dropped line is found even when its words also stand elsewhere.

Two kinds of text are excepted, and reported:
- labels: the template's labels, form labels and table headers the renderer wrote (they
  become keys, not values), given by the caller; a line OCR misread from one of them
  ("Baselinear" for "Baseline år", "I Sammenlignin g") counts as that label when its
  letters are LABEL_LINE_SIMILARITY alike (the words of a misread label are not body text);
- page furniture: a line that stands on at least half the pages of a document of two or
  more pages (running headers, "Side 3 af 12" footers, digits folded so page numbers match).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from delaftale_cli.document import Document

WORD = re.compile(r"\w+")
FURNITURE_SHARE = 0.5  # a line on half the pages is furniture; a body line repeats rarely
OUTPUT_SKIP = {"source", "warnings", "repairs"}
# fuzz.ratio of a line's letters (spaces and signs left out) with a label's: 85 takes a
# header OCR misread by two letters or split in a word ("Sammenlignin g"), and keeps apart
# labels that merely share words with a line of prose (which is far longer)
LABEL_LINE_SIMILARITY = 85


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text).casefold())


def document_lines(document: Document) -> Iterator[tuple[int | None, str]]:
    """(page, line) for every line of text, table cells split into their lines."""
    for block in document.blocks:
        texts: Iterable[str] = (
            [cell for row in block.table.rows for cell in dict.fromkeys(row)]
            if block.table is not None
            else [block.text]
        )
        for text in texts:
            for line in text.split("\n"):
                if line.strip():
                    yield block.page, line.strip()


def furniture_lines(document: Document) -> set[str]:
    """Folded lines that stand on at least FURNITURE_SHARE of the pages."""
    pages = document.pages or 0
    if pages < 2:
        return set()
    seen: dict[str, set[int | None]] = {}
    for page, line in document_lines(document):
        seen.setdefault(_fold(line), set()).add(page)
    return {line for line, on in seen.items() if len(on) >= max(2, FURNITURE_SHARE * pages)}


def _fold(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.casefold().split()))


def output_words(output: dict[str, Any]) -> Counter[str]:
    counter: Counter[str] = Counter()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            counter.update(words(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for key, value in output.items():
        if key not in OUTPUT_SKIP:
            walk(value)
    return counter


@dataclass(frozen=True)
class Coverage:
    body_words: int
    lost: Counter[str]
    furniture: Counter[str]
    labels: Counter[str]

    @property
    def lost_count(self) -> int:
        return sum(self.lost.values())

    def lost_text(self, limit: int = 30) -> str:
        return " ".join(f"{w}×{n}" if n > 1 else w for w, n in self.lost.most_common(limit))


def coverage(document: Document, output: dict[str, Any], labels: Iterable[str]) -> Coverage:
    """The document's words that no output text holds (labels and furniture excepted)."""
    furniture = furniture_lines(document)
    body: Counter[str] = Counter()
    furniture_words: Counter[str] = Counter()
    for _page, line in document_lines(document):
        target = furniture_words if _fold(line) in furniture else body
        target.update(words(line))
    labels = list(labels)
    label_words: Counter[str] = Counter()
    for label in labels:
        label_words.update(words(label))
    label_words.update(_misread_label_words(document, labels))
    lost = body - output_words(output)
    excused = lost & label_words
    return Coverage(sum(body.values()), lost - excused, furniture_words, excused)


def _letters(text: str) -> str:
    return "".join(words(text))


def _misread_label_words(document: Document, labels: list[str]) -> Counter[str]:
    """The words of the document's lines that are a label misread (LABEL_LINE_SIMILARITY)."""
    from rapidfuzz import fuzz

    keys = {_letters(label) for label in labels if _letters(label)}
    found: Counter[str] = Counter()
    for _page, line in document_lines(document):
        letters = _letters(line)
        if not letters or letters in keys or len(letters) > 2 * max(map(len, keys), default=0):
            continue
        if any(fuzz.ratio(letters, key) >= LABEL_LINE_SIMILARITY for key in keys):
            found.update(words(line))
    return found
