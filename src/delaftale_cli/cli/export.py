"""`delaftale export` (placeholder until the export command is built)."""

from __future__ import annotations

import typer


def export() -> None:
    """Flatten agreements into tables (not built yet)."""
    typer.echo("delaftale export is not built yet", err=True)
    raise typer.Exit(2)
