"""Danish OCR repair: restore æ, ø and å that an English OCR model mangled.

Public API:
    repair_text(text) -> RepairResult          one text
    repair_texts(texts) -> (texts, repairs)    several texts of one document, which
                                               serve as each other's evidence
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RepairResult:
    """Repaired text and the changes made: (original, corrected) -> count."""

    text: str
    repairs: dict[tuple[str, str], int] = field(default_factory=dict)


def repair_texts(texts: Sequence[str]) -> tuple[list[str], dict[tuple[str, str], int]]:
    """Repair several texts of one document together; each is evidence for the others."""
    from .engine import DocumentRepairer

    if not any(texts):
        return list(texts), {}
    return DocumentRepairer().repair(texts)


def repair_text(text: str) -> RepairResult:
    """Repair one text on its own."""
    repaired, repairs = repair_texts([text])
    return RepairResult(repaired[0], repairs)
