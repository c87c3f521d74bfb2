"""`delaftale diff`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..options import DiffFormat
from .common import EXIT_FAILED, EXIT_OK, run


def diff(
    old: Path = typer.Argument(..., help="The older version: a document or an agreement file."),
    new: Path = typer.Argument(..., help="The newer version: a document or an agreement file."),
    fmt: DiffFormat = typer.Option(
        DiffFormat.TEXT,
        "--format",
        "-f",
        help="text (one line per change, for people) or json (for tools).",
        case_sensitive=False,
    ),
) -> None:
    """What changed between two versions of an agreement, field by field: period, parties,
    indicator rows and their measurements (48,2 % → 51,0 %), activities added, removed or
    renamed, staff hours. The source path and hash, warnings and repairs are ignored.

    OLD and NEW are documents (Word, PDF, ...; parsed first) or agreement files (.json,
    .yaml). Exit 0 when they agree, 1 when they differ (like diff), 2 when a file is
    missing or unreadable.

    Example: delaftale diff aftale-v1.docx aftale-v2.docx
    """

    def _do() -> int:
        from ..diff import diff_files

        changes = diff_files(old, new)
        if fmt == DiffFormat.JSON:
            report = {
                "old": str(old),
                "new": str(new),
                "equal": not changes,
                "changes": [c.to_dict() for c in changes],
            }
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        else:
            for change in changes:
                sys.stdout.write(change.describe() + "\n")
        return EXIT_FAILED if changes else EXIT_OK

    raise typer.Exit(run(_do))
