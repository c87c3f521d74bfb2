"""`report`: one self-contained HTML page about a batch of agreements.

Per agreement (one card per `agreement_key`: the counted file, its other copies named),
the key facts, the indicator table with each row's measurements as a small bar chart, the
staff hours per activity as bar charts (one per basis: per week, per month, per year; never
converted), the FTE, and the warnings with their counts. Across agreements: the counts,
and the inputs a batch manifest lists as failed or skipped.

No scripts and nothing fetched: styles and SVG charts are inline, so the file can be
mailed or opened offline. Every text from a document is HTML-escaped; æøå are written as
they are (UTF-8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..export.files import atomic_path
from ..export.keys import Copy, assign_copies
from ..export.load import InputProblem, LoadedAgreement, load_agreements, read_problems
from .page import render_page

__all__ = ["ReportResult", "build_report", "write_report"]


@dataclass(frozen=True)
class ReportResult:
    """What `write_report` wrote: the page, and how many agreements, files and problems."""

    path: Path
    agreements: int
    files: int
    problems: int


def build_report(
    loaded: Sequence[LoadedAgreement],
    problems: Sequence[InputProblem] | None,
    title: str = "Delaftaler",
    copies: Sequence[Copy] | None = None,
) -> str:
    """The HTML page for these agreements (and failed/skipped inputs)."""
    if copies is None:
        copies = assign_copies(loaded)
    return render_page(loaded, copies, problems or [], title)


def write_report(inputs: Sequence[str | Path], out: str | Path) -> ReportResult:
    """Read agreement files and folders (a batch OUTDIR: its manifest too) and write the
    page to `out` atomically, with the user's umask."""
    from ..errors import InputError

    loaded = load_agreements(inputs)
    target = Path(out)
    if target.suffix.lower() in (".json", ".yaml", ".yml"):
        raise InputError(target, "would be read as an agreement; give the report an .html name")
    problems = read_problems(inputs) or []
    names = ", ".join(str(i) for i in inputs)
    copies = assign_copies(loaded)
    html = build_report(loaded, problems, f"Delaftaler: {names}", copies)
    with atomic_path(target) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return ReportResult(target, sum(c.counted for c in copies), len(loaded), len(problems))
