"""`delaftale validate`."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import run


def validate(
    files: list[Path] = typer.Argument(..., help="Agreement files (.json, .yaml) to check."),
) -> None:
    """Check agreement JSON/YAML files against the schema; exit 1 if any is invalid.

    Example: delaftale validate agreements/*.json
    """

    def _do() -> int:
        from ..validation import validate_file

        bad = 0
        for path in files:
            problems = validate_file(path)
            if problems:
                bad += 1
            for p in problems:
                where = f":{p.line}:{p.column}" if p.line else ""
                typer.echo(f"{p.path}{where}: {p.location}: {p.message}", err=True)
        typer.echo(f"{len(files) - bad} valid, {bad} invalid", err=True)
        return 1 if bad else 0

    code = run(_do)
    raise typer.Exit(code)
