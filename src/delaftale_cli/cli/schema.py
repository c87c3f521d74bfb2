"""`delaftale schema`."""

from __future__ import annotations

import sys

import typer

from .common import QUIET, run


def schema(
    out: str = typer.Option(
        "schemas", "--out", "-o", help="Folder for the JSON Schema files; - writes stdout."
    ),
    quiet: bool = QUIET,
) -> None:
    """Write the JSON Schema of the output (generated from the models).

    Exit 0 on success, 2 when the folder cannot be written.

    Example: delaftale schema --out - > agreement.schema.json
    """

    def _do() -> None:
        from ..schema import schema_documents, write_schemas

        if out == "-":
            for text in schema_documents().values():
                sys.stdout.write(text)
            return
        for path in write_schemas(out):
            if not quiet:
                typer.echo(str(path))

    run(_do)
