"""`delaftale schema`."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import run


def schema(
    out: Path = typer.Option(Path("schemas"), "--out", help="Folder for the JSON Schema files."),
) -> None:
    """Write the JSON Schema of the output (generated from the models) into a folder.

    Example: delaftale schema --out schemas
    """

    def _do() -> None:
        from ..schema import write_schemas

        for path in write_schemas(out):
            typer.echo(str(path))

    run(_do)
