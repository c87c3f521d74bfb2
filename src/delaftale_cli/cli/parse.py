"""`delaftale parse`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..options import OcrMode, OutputFormat, Severity
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    FAIL_ON,
    QUIET,
    STRICT,
    VERBOSE,
    ProgressNotes,
    note,
    run,
    strict_failures,
    warning_summary,
)


def parse(
    file: str = typer.Argument(
        ...,
        metavar="FILE",
        help="A delaftale: .docx, .pdf, .md, .html or .txt; - reads standard input "
        "(the format is sniffed).",
    ),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="Write here (atomically) instead of stdout."
    ),
    fmt: OutputFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="Output format (default: from -o's suffix, .yaml/.yml: yaml; else json).",
        case_sensitive=False,
        show_default=False,
    ),
    repair: bool = typer.Option(
        True, "--repair/--no-repair", help="Restore æ, ø, å mangled by OCR (on by default)."
    ),
    ocr: OcrMode = typer.Option(
        OcrMode.AUTO,
        "--ocr",
        help="auto: OCR pages without text and poorly read parts of OCR layers; "
        "force: re-OCR every page; never: no OCR.",
        case_sensitive=False,
    ),
    strict: bool = STRICT,
    fail_on: Severity = FAIL_ON,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Parse one delaftale into validated JSON or YAML.

    Ends with a one-line summary of the output's warnings on stderr (--quiet: none).
    Exit 0 on success, 1 when --strict finds warnings, 2 for a usage error or bad input.

    Example: delaftale parse samples/randers-uddannelse.pdf -o randers.yaml
    """

    def _do() -> int:
        from ..api import parse_bytes, parse_file
        from ..output import dumps, format_for, write_output

        output_format = format_for(out, fmt)
        notes = ProgressNotes(quiet)
        if file == "-":
            data = sys.stdin.buffer.read()
            agreement = parse_bytes(data, "-", repair=repair, ocr=ocr, progress=notes)
        else:
            agreement = parse_file(file, repair=repair, ocr=ocr, progress=notes)
        notes.end_line()
        text = dumps(agreement, output_format)
        if out is None:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
        else:
            write_output(out, text)
        warnings = agreement.warnings
        if verbose and not quiet:
            for warning in warnings:
                note(f"warning: {warning.code.value}: {warning.message}")
        if warnings and not quiet:
            note(warning_summary(warnings))
        failing = strict_failures([w.code.value for w in warnings], strict, fail_on)
        if failing:
            note(f"--strict: {len(failing)} warning(s) of severity {fail_on.value} or higher")
            return EXIT_FAILED
        return EXIT_OK

    raise typer.Exit(run(_do))
