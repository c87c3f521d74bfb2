"""The template's section and field labels, and fuzzy matching against them.

Labels arrive as headings, bold paragraphs, plain lines, or the left column of a
two-column table; with or without a colon; with OCR damage ("Malgruppe(r)",
"Formal") and real typos ("Aktivetsnavn:", "Aktivitsnavn:"). Matching compares a
folded skeleton (lower case, æ/ø/å folded to ASCII, punctuation dropped) with
rapidfuzz, and only the part before a colon, so "Formålet med ..." is prose while
"Formål:" and "Formal" are labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

SECTION_KEYS = (
    "initiative",
    "period",
    "parties",
    "indicators",
    "activity_list",
    "staff",
    "municipal",
    "revision",
    "activity_forms",
)
FORM_KEYS = ("name", "purpose", "target_group", "content", "responsibilities")


@dataclass(frozen=True)
class Label:
    """A label of the template. `key` is what it introduces; `stem` is the part that must
    match (long labels end in variable guidance text in parentheses)."""

    key: str
    text: str
    stem: str


LABELS: tuple[Label, ...] = (
    Label(
        "initiative",
        "Navn på den boligsociale indsats, som delaftalen vedrører",
        "Navn på den boligsociale indsats",
    ),
    Label("period", "Delaftalen gælder fra - til", "Delaftalen gælder fra - til"),
    Label("parties", "Delaftalens parter", "Delaftalens parter"),
    Label(
        "indicators",
        "Delmål og indikatorer for indsatsområdet",
        "Delmål og indikatorer for indsatsområdet",
    ),
    Label(
        "activity_list",
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
        "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale",
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene",
    ),
    Label(
        "activity_forms",
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet "
        "(tilføj skemaer - ét skema pr. aktivitet)",
        "Aktiviteter, som skal bidrage til indfrielsen af delmålene",
    ),
    Label(
        "staff",
        "Medarbejderressourcer for indsatsområdet",
        "Medarbejderressourcer for indsatsområdet",
    ),
    Label(
        "municipal",
        "Sammenhæng med den kommunale indsats i boligområdet",
        "Sammenhæng med den kommunale indsats",
    ),
    Label(
        "revision",
        "Revision af delaftalen (Eventuelle reviderede aftaler skal ikke fremsendes til "
        "Landsbyggefonden, men fonden skal om nødvendigt til enhver tid kunne rekvirere "
        "ajourførte delaftaler)",
        "Revision af delaftalen",
    ),
    Label("name", "Aktivitetsnavn", "Aktivitetsnavn"),
    Label("purpose", "Formål", "Formål"),
    Label("target_group", "Målgruppe(r)", "Målgruppe(r)"),
    Label("content", "Indhold og praksis", "Indhold og praksis"),
    Label("responsibilities", "Ansvars- og rollefordeling", "Ansvars- og rollefordeling"),
)

TITLE_STEM = "Delaftale for indsatsområdet"

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "&": "a", "@": "o"})


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


def match_label(text: str, *, emphasised: bool = False) -> LabelMatch | None:
    """Is `text` (one paragraph or table cell) a template label? Returns the label and
    any inline value after its colon.

    Without a colon the whole text must be the label; with one, the part before it.
    A long label's guidance in parentheses may differ, so its stem is matched as a
    prefix, provided the text is not much longer than the full label.
    """
    text = text.strip().strip("*_ ").strip()
    if not text or len(text) > 400:
        return None
    first_line = text.split("\n", 1)[0]
    head, colon, rest = first_line.partition(":")
    if not colon:
        head, rest = text, ""
    else:
        remaining = text.split("\n", 1)[1] if "\n" in text else ""
        rest = (rest.strip() + ("\n" + remaining if remaining else "")).strip()
    folded = fold(head)
    if not folded:
        return None
    best: LabelMatch | None = None
    best_score = 0.0
    for label in LABELS:
        stem = fold(label.stem)
        full = fold(label.text)
        score = fuzz.ratio(folded, full)
        # The stem alone may match only a line marked as a label (colon, bold, heading).
        marked = bool(colon) or emphasised
        if marked and len(stem) < len(full) and len(folded) <= len(full) + 40:
            score = max(score, fuzz.ratio(folded[: len(stem)], stem) - 2)
        if score >= _threshold(label.stem) and score > best_score:
            best, best_score = LabelMatch(label, rest), score
    return best


def forms_header_kind(text: str) -> str:
    """Tell the two "Aktiviteter, som skal bidrage ..." labels apart: the second asks for
    one form ("skema") per activity."""
    return "activity_forms" if "skema" in fold(text) else "activity_list"


def match_title(text: str) -> str | None:
    """If `text` is the title "Delaftale for indsatsområdet X", return X (may be "")."""
    folded = fold(text)
    stem = fold(TITLE_STEM)
    if fuzz.ratio(folded[: len(stem)], stem) < 85:
        return None
    words = text.split()
    n_stem = len(TITLE_STEM.split())
    return " ".join(words[n_stem:]).strip(" *_:") if len(words) >= n_stem else ""
