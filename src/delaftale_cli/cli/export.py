"""`delaftale export`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..options import ExportFormat
from .common import QUIET, run


def export(
    inputs: list[Path] = typer.Argument(
        ..., help="Agreement files (.json, .yaml) or folders of them, e.g. a batch OUTDIR."
    ),
    to: ExportFormat = typer.Option(..., "--to", "-t", help="Table format.", case_sensitive=False),
    out: Path = typer.Option(
        ..., "-o", "--out", help="xlsx: the workbook file; csv, parquet: a folder."
    ),
    quiet: bool = QUIET,
) -> None:
    """Flatten agreements into tables: agreements, parties, indicators, activities,
    staff_resources (rows keyed by agreement_id = source sha256, and source_path).

    Exit 0 on success, 2 when an input is missing or not a valid agreement.

    Example: delaftale export out/ --to xlsx -o agreements.xlsx
    """

    def _do() -> None:
        from ..export import export_agreements

        result = export_agreements(inputs, to, out)
        counts = ", ".join(f"{len(t.rows)} {t.name}" for t in result.tables[1:])
        if not quiet:
            sys.stderr.write(f"exported {result.agreements} agreements ({counts})\n")
        for path in result.written:
            typer.echo(str(path))
        if result.truncated:
            sys.stderr.write(
                f"warning: {result.truncated} cells were longer than Excel allows "
                "(32,767 characters) and were cut; the csv export keeps them whole\n"
            )

    run(_do)
