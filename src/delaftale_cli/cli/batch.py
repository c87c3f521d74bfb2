"""`delaftale batch` (placeholder until the batch command is built)."""

from __future__ import annotations

import typer


def batch() -> None:
    """Convert many agreements at once (not built yet)."""
    typer.echo("delaftale batch is not built yet", err=True)
    raise typer.Exit(2)
