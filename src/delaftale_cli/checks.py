"""Checks across fields, run by `validate` on an agreement the schema accepts.

The schema checks each field on its own; these check that fields agree with each other.
A problem here is an `error` (the file says something impossible) or a `warning` (it is
possible but wants a look).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Agreement
from .options import Severity

MIN_SIMILARITY = 85.0  # rapidfuzz ratio at which a staff activity names a listed activity
MIN_PARTIAL = 90.0  # partial_ratio for a name that is a short form of the other
MIN_PARTIAL_LENGTH = 6


@dataclass(frozen=True)
class Finding:
    """One cross-field problem: the field path it is about, and what is wrong."""

    loc: tuple[str | int, ...]
    message: str
    severity: Severity


def cross_field_findings(agreement: Agreement) -> list[Finding]:
    """Everything wrong between the fields of one agreement."""
    findings: list[Finding] = []
    period = agreement.period
    if period.start is not None and period.end is not None and period.end < period.start:
        findings.append(
            Finding(
                ("period", "end"),
                f"the period ends ({period.end}) before it starts ({period.start})",
                Severity.ERROR,
            )
        )
    names = list(agreement.activity_names) + [a.name for a in agreement.activities if a.name]
    for i, staff in enumerate(agreement.staff_resources):
        if staff.activity is not None and not _names_one_of(staff.activity, names):
            findings.append(
                Finding(
                    ("staff_resources", i, "activity"),
                    f"{staff.activity!r} names no activity of activity_names or activities",
                    Severity.WARNING,
                )
            )
    return findings


def _names_one_of(name: str, names: list[str]) -> bool:
    from rapidfuzz import fuzz

    wanted = name.casefold().strip(" ,.")
    for other in names:
        known = other.casefold().strip(" ,.")
        if wanted == known or (len(wanted) >= 3 and (wanted in known or known in wanted)):
            return True
        if fuzz.ratio(wanted, known) >= MIN_SIMILARITY:
            return True
        # a short form of a longer name ("Læringsmiljøer" for "Læringsmiljø for børn ...")
        short = min(len(wanted), len(known))
        if short >= MIN_PARTIAL_LENGTH and fuzz.partial_ratio(wanted, known) >= MIN_PARTIAL:
            return True
    return False
