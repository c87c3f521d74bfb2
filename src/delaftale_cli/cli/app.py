"""The typer application: registers each command module's function."""

from __future__ import annotations

import typer

from . import batch, diff, export, parse, repair, report, schema, validate

app = typer.Typer(
    name="delaftale",
    help=(
        "Turn Danish boligsocial delaftaler (Word, PDF, scans) into validated JSON/YAML.\n\n"
        "Exit codes, for every command: 0 ok, 1 invalid or failed, 2 usage error or "
        "unreadable input, 70 internal error.\n\n"
        "Example: delaftale parse samples/viborg-uddannelse.docx -o viborg.json"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

app.command("parse")(parse.parse)
app.command("validate")(validate.validate)
app.command("schema")(schema.schema)
app.command("repair")(repair.repair)
app.command("batch")(batch.batch)
app.command("export")(export.export)
app.command("report")(report.report)
app.command("diff")(diff.diff)


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        from .. import __version__

        typer.echo(__version__)
        raise typer.Exit(0)


def main() -> None:
    """Console-script entry point."""
    from ..bounded import quiet_warnings

    quiet_warnings()
    app()
