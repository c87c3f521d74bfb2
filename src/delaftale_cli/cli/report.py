"""`delaftale report`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import QUIET, run


def report(
    inputs: list[Path] = typer.Argument(
        ..., help="A batch OUTDIR (its manifest too), or agreement files (.json, .yaml)."
    ),
    out: Path = typer.Option(..., "-o", "--out", help="The HTML file to write."),
    quiet: bool = QUIET,
) -> None:
    """Write one self-contained HTML page about a batch: the counts across agreements, the
    failed and skipped inputs, and per agreement its key facts, indicator table with the
    baseline values as small charts, staff hours per activity as bar charts, and warnings.

    No scripts and nothing from the network: charts are inline SVG. Each agreement is shown
    once (the newest of its files, as in export). Exit 0 on success, 2 when an input is
    missing or not a valid agreement.

    Example: delaftale report out/ -o report.html
    """

    def _do() -> None:
        from ..report import write_report

        result = write_report(inputs, out)
        if not quiet:
            sys.stderr.write(
                f"report of {result.agreements} agreements from {result.files} files, "
                f"{result.problems} failed or skipped inputs\n"
            )
        typer.echo(str(result.path))

    run(_do)
