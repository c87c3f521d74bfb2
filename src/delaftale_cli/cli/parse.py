"""`delaftale parse`."""

from __future__ import annotations

import sys
from functools import partial
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
    write_stdout,
)


def parse(
    file: str = typer.Argument(
        ...,
        metavar="FILE",
        help="A delaftale: .docx, .doc, .odt, .rtf (these three need LibreOffice), .pdf, a "
        "scan as .png/.jpg/.tif, .md, .html or .txt; - reads standard input (the format is "
        "sniffed).",
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
    timeout: float = typer.Option(
        300.0, "--timeout", help="Seconds allowed for the document (0: no limit)."
    ),
    memory_mb: int = typer.Option(
        4096, "--memory-limit", help="Address-space limit for reading it, MiB (0: none)."
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
        from ..api import parse_bytes, parse_file, read_stream
        from ..bounded import Limits, call_bounded
        from ..errors import UsageError
        from ..output import dumps, format_for, same_file, write_output

        if timeout < 0:
            raise UsageError("timeout", f"must not be negative, not {timeout:g}")
        if memory_mb < 0:
            raise UsageError("memory_limit", f"must not be negative, not {memory_mb}")
        output_format = format_for(out, fmt)
        if out is not None and file != "-" and same_file(out, [file]) is not None:
            raise UsageError("out", f"{out} is the input file; refusing to overwrite it")
        notes = ProgressNotes(quiet)
        limits = Limits(timeout or None, memory_mb << 20 if memory_mb else None)
        if file == "-":
            data = read_stream(sys.stdin.buffer)
            work = partial(parse_bytes, data, "-", repair=repair, ocr=ocr, progress=notes)
        else:
            work = partial(parse_file, file, repair=repair, ocr=ocr, progress=notes)
        agreement = call_bounded(work, limits, file)
        notes.end_line()
        text = dumps(agreement, output_format)
        if out is None:
            write_stdout(text)
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
