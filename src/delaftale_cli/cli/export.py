"""`delaftale export`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..options import CsvDialect, ExportFormat
from .common import QUIET, run


def export(
    inputs: list[Path] = typer.Argument(
        ..., help="Agreement files (.json, .yaml) or folders of them, e.g. a batch OUTDIR."
    ),
    to: ExportFormat = typer.Option(..., "--to", "-t", help="Table format.", case_sensitive=False),
    out: Path = typer.Option(
        ..., "-o", "--out", help="xlsx: the workbook file; csv, parquet: a folder."
    ),
    csv_dialect: CsvDialect = typer.Option(
        CsvDialect.STANDARD,
        "--csv-dialect",
        help="csv only: standard (comma, decimal point, UTF-8) or excel-da (semicolon, "
        "decimal comma, UTF-8 with BOM: opens as numbers in a Danish Excel).",
        case_sensitive=False,
    ),
    quiet: bool = QUIET,
) -> None:
    """Flatten agreements into tables: summary (one row per agreement), agreements (one
    per file), parties, indicators, activities, staff_resources, and failed_inputs when
    a folder holds a batch manifest.

    The same agreement in several files (Word v1, v2, the PDF) shares an agreement_key
    (from municipality, focus area, initiative and period): the newest file counts, the
    others are kept with counted = 0. Exit 0 on success, 2 when an input is missing or not
    a valid agreement.

    Example: delaftale export out/ --to csv --csv-dialect excel-da -o tables/
    """

    def _do() -> None:
        from ..export import export_agreements

        result = export_agreements(inputs, to, out, csv_dialect=csv_dialect)
        counted = {t.name: t for t in result.tables}
        counts = ", ".join(
            f"{len(counted[name].rows)} {name}"
            for name in ("parties", "indicators", "activities", "staff_resources")
        )
        if not quiet:
            copies = result.files - result.agreements
            extra = f"; {copies} other copies kept with counted = 0" if copies else ""
            sys.stderr.write(
                f"exported {result.agreements} agreements from {result.files} files "
                f"({counts}{extra})\n"
            )
            failed = counted.get("failed_inputs")
            if failed is not None and failed.rows:
                sys.stderr.write(f"{len(failed.rows)} failed or skipped inputs listed\n")
        for path in result.written:
            typer.echo(str(path))
        if result.truncated:
            sys.stderr.write(
                f"warning: {result.truncated} cells were longer than Excel allows "
                "(32,767 characters) and were cut; the csv export keeps them whole\n"
            )

    run(_do)
