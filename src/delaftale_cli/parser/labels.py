"""The template's section and field labels, and fuzzy matching against them.

Every known wording lives in the catalogue `labels.yaml` (loaded once); this module only
matches. Labels arrive as headings, bold paragraphs, plain lines, or the left column of a
two-column table; with or without a colon; with or without a heading number ("5. Parter og
ansvar"); with OCR damage ("Malgruppe(r)", "Formal") and real typos ("Aktivetsnavn:").
Matching compares a folded skeleton (lower case, æ/ø/å folded to ASCII, punctuation
dropped) with rapidfuzz, and only the part before a colon, so "Formålet med ..." is prose
while "Formål:" and "Formal" are labels.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from rapidfuzz import fuzz


@dataclass(frozen=True)
class Label:
    """A label of the template. `key` is what it introduces; `stem` is the part that must
    match (long labels end in variable guidance text in parentheses)."""

    key: str
    text: str
    stem: str
    marked: bool = False  # a label only where the document marks it (colon, bold, heading)


def _labels(entries: dict[str, list[Any]]) -> list[Label]:
    out = []
    for key, wordings in entries.items():
        for w in wordings:
            if isinstance(w, dict):
                text = str(w["text"])
                out.append(Label(key, text, str(w.get("stem", text)), bool(w.get("marked"))))
            else:
                out.append(Label(key, w, w))
    return out


def _load() -> dict[str, Any]:
    source = resources.files(__package__).joinpath("labels.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(source)
    return data


_CATALOGUE = _load()
SECTION_LABELS: tuple[Label, ...] = tuple(_labels(_CATALOGUE["sections"]))
FORM_LABELS: tuple[Label, ...] = tuple(_labels(_CATALOGUE["forms"]))
# a form field wins a tie with a section of the same wording ("Formål") when no keys are given
LABELS: tuple[Label, ...] = FORM_LABELS + SECTION_LABELS
SECTION_KEYS = tuple(_CATALOGUE["sections"])
FORM_KEYS = tuple(_CATALOGUE["forms"])
TITLE_PREFIXES: tuple[str, ...] = tuple(_CATALOGUE["titles"]["prefix"])
TITLE_SUFFIXES: tuple[str, ...] = tuple(_CATALOGUE["titles"]["suffix"])
ACTIVITY_HEADINGS: tuple[str, ...] = tuple(_CATALOGUE["activity_heading"])
STAFF_TOTALS: tuple[str, ...] = tuple(_CATALOGUE["staff_total"])
STAFF_PROVIDER_COLUMNS: tuple[str, ...] = tuple(_CATALOGUE["staff_provider_columns"])
PARTY_COLUMNS: dict[str, tuple[str, ...]] = {
    key: tuple(wordings) for key, wordings in _CATALOGUE["party_columns"].items()
}
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    key: tuple(wordings) for key, wordings in _CATALOGUE["indicator_columns"].items()
}
SENTENCES: dict[str, tuple[str, ...]] = {
    key: tuple(frames) for key, frames in _CATALOGUE["sentences"].items()
}
VALUE_ENDS: tuple[str, ...] = tuple(_CATALOGUE["value_ends"])
# the canonical wording of each key: the first in the catalogue
CANONICAL = {label.key: label.text for label in reversed(LABELS)}  # first wording wins
TITLE_STEM = TITLE_PREFIXES[0]

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "&": "a", "@": "o"})
# A heading's own number: "5.", "8.2", "3.2.1" (not a year, not a bare list number in prose)
HEADING_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=\D)")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Skeleton for fuzzy comparison: lower case, ASCII letters and digits, single spaces."""
    text = text.lower().translate(_FOLD)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def _threshold(stem: str) -> float:
    n = len(fold(stem))
    return 92.0 if n <= 8 else 88.0 if n <= 16 else 85.0


@dataclass(frozen=True)
class LabelMatch:
    label: Label
    rest: str  # text after the label on the same line (an inline value), may be ""
    number: str | None = None  # the heading's own number ("8" of "8. Aktiviteter")


def _split(text: str) -> tuple[str, bool, str]:
    """(head, has a colon, inline value) of one paragraph or cell."""
    first_line = text.split("\n", 1)[0]
    head, colon, rest = first_line.partition(":")
    if not colon:
        return text, False, ""
    remaining = text.split("\n", 1)[1] if "\n" in text else ""
    return head, True, (rest.strip() + ("\n" + remaining if remaining else "")).strip()


@dataclass(frozen=True)
class _Prepared:
    label: Label
    stem: str  # folded
    full: str  # folded
    threshold: float


_PREPARED = tuple(
    _Prepared(label, fold(label.stem), fold(label.text), _threshold(label.stem)) for label in LABELS
)


def _bound(a: int, b: int) -> float:
    """The highest rapidfuzz ratio two strings of these lengths can reach."""
    return 200.0 * min(a, b) / (a + b) if a + b else 100.0


def _score(folded: str, p: _Prepared, marked: bool) -> float:
    if p.label.marked and not marked:
        return 0.0
    stem_path = marked and len(p.stem) < len(p.full) and len(folded) <= len(p.full) + 40
    bound = _bound(len(folded), len(p.full))
    if stem_path:
        bound = max(bound, _bound(min(len(folded), len(p.stem)), len(p.stem)))
    if bound < p.threshold:
        return 0.0  # cannot match: skip the comparison
    score = fuzz.ratio(folded, p.full)
    # The stem alone may match only a line marked as a label (colon, bold, heading).
    if stem_path:
        score = max(score, fuzz.ratio(folded[: len(p.stem)], p.stem) - 2)
    return score


@lru_cache(maxsize=8192)
def match_label(
    text: str, *, emphasised: bool = False, keys: Collection[str] | None = None
) -> LabelMatch | None:
    """Is `text` (one paragraph or table cell) a label of the catalogue (of `keys`, if
    given)? Returns the label and any inline value after its colon.

    Without a colon the whole text must be the label; with one, the part before it.
    A long label's guidance in parentheses may differ, so its stem is matched as a
    prefix, provided the text is not much longer than the full label.
    """
    text = text.strip().strip("*_ ").strip()
    if not text or len(text) > 400:
        return None
    head, colon, rest = _split(text)
    number = HEADING_NUMBER.match(head)
    if number:
        head = head[number.end() :]
    folded = fold(head)
    if not folded:
        return None
    best: LabelMatch | None = None
    best_score = 0.0
    for p in _PREPARED:
        if keys is not None and p.label.key not in keys:
            continue
        score = _score(folded, p, colon or emphasised)
        if score >= p.threshold and score > best_score:
            best = LabelMatch(p.label, rest, number.group(1) if number else None)
            best_score = score
    return best


def forms_header_kind(text: str) -> str:
    """Tell the two "Aktiviteter, som skal bidrage ..." labels apart: the second asks for
    one form ("skema") per activity."""
    return "activity_forms" if "skema" in fold(text) else "activity_list"


_ACTIVITY_HEADING = re.compile(r"^\s*(\S+)\s+\d{1,2}\s*[:.–-]\s*(?P<name>\S.*)$")


def match_activity_heading(text: str) -> str | None:
    """ "Aktivitet 3: Lektiecafé" -> "Lektiecafé" (a heading of its own naming one activity)."""
    m = _ACTIVITY_HEADING.match(text.strip().strip("*_ "))
    if m is None or "\n" in text.strip():
        return None
    word = fold(m.group(1))
    if any(fuzz.ratio(word, fold(w)) >= 88 for w in ACTIVITY_HEADINGS):
        return m.group("name").strip()
    return None


def match_title(text: str) -> str | None:
    """If `text` is a title of the catalogue ("Delaftale for indsatsområdet X",
    "X – delaftale"), return X (may be "")."""
    folded = fold(text)
    words = text.split()
    for prefix in TITLE_PREFIXES:
        stem = fold(prefix)
        if fuzz.ratio(folded[: len(stem)], stem) >= 85:
            n_stem = len(prefix.split())
            return " ".join(words[n_stem:]).strip(" *_:") if len(words) >= n_stem else ""
    for suffix in TITLE_SUFFIXES:
        m = re.match(rf"^(?P<focus>.+?)\s*[–—:-]\s*{re.escape(suffix)}\s*$", text.strip(), re.I)
        if m and len(m.group("focus").split()) <= 8:
            return m.group("focus").strip(" *_")
    return None


def _without_letters(text: str) -> str:
    """`text` folded, its one-letter words left out: OCR is least sure of those (the "I"
    of "• I alt" is lost beside the bullet, or the two read as one "e")."""
    return " ".join(word for word in fold(text).split() if len(word) > 1)


def is_total(text: str) -> bool:
    """Does a staff line's label or first cell say it sums up the others ("I alt")?"""
    folded = _without_letters(text)
    return bool(folded) and any(fuzz.ratio(folded, _without_letters(t)) >= 88 for t in STAFF_TOTALS)


COLUMN_FUZZY_MIN = 6  # shorter headers ("År", "Mål", "Kilde") must match exactly
COLUMN_FUZZY_SCORE = 85  # one OCR misreading in a long header ("Malseetnin g" for Målsætning)


def match_column(header: str) -> str | None:
    """The indicator column a header names by the catalogue ("Måltal 2027" -> target).
    A long wording also matches with an OCR misreading or a broken line in it."""
    folded = fold(header)
    for key, wordings in INDICATOR_COLUMNS.items():
        for wording in wordings:
            w = fold(wording)
            if folded == w or folded.startswith(w + " "):
                return key
    compact = folded.replace(" ", "")
    for key, wordings in INDICATOR_COLUMNS.items():
        for wording in wordings:
            w = fold(wording).replace(" ", "")
            head = compact[: len(w) + 1]
            if len(w) >= COLUMN_FUZZY_MIN and fuzz.ratio(head, w) >= COLUMN_FUZZY_SCORE:
                return key
    return None


def party_columns(header: tuple[str, ...]) -> tuple[int, int] | None:
    """(name column, role column) if `header` is a parties table's header row."""
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        folded = fold(cell)
        for key, wordings in PARTY_COLUMNS.items():
            if key not in found and any(fuzz.ratio(folded, fold(w)) >= 88 for w in wordings):
                found[key] = i
    return (found["name"], found["role"]) if len(found) == 2 else None


def value_in_sentence(key: str, prose: str) -> str | None:
    """The value a catalogue sentence gives for `key` in `prose` ("Indsatsen hedder X og er
    en del af ..." -> "X"), or None. The frame matches case-insensitively at a sentence's
    start or after a comma; the value ends at a `value_ends` phrase or the sentence's end."""
    for frame in SENTENCES.get(key, ()):
        before = re.escape(frame.split("{value}")[0].strip())
        found = re.search(rf"(?:^|(?<=[.!?:,]\s))\s*{before}\s+(?P<value>[^.!?;]+)", prose, re.I)
        if not found:
            continue
        value = found["value"]
        cuts = [i for end in VALUE_ENDS if (i := value.find(end)) > 0]
        value = value[: min(cuts)] if cuts else value
        value = value.strip(" ,:\"'«»“”")
        if value:
            return value
    return None


def is_provider_column(header: str) -> bool:
    """Does a staff table's header cell name who provides the hours ("Medarbejder")?"""
    folded = fold(header)
    return any(
        folded == fold(w) or folded.startswith(fold(w) + " ") for w in STAFF_PROVIDER_COLUMNS
    )
