"""`delaftale parse`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import typer

from .common import run


def parse(
    file: Path = typer.Argument(..., help="A delaftale: .docx, .pdf, .md, .html or .txt."),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="Write here (atomically) instead of stdout."
    ),
    fmt: str = typer.Option("json", "--format", "-f", help="json or yaml."),
    repair: bool = typer.Option(
        True, "--repair/--no-repair", help="Restore æ, ø, å mangled by OCR (on by default)."
    ),
    ocr: str = typer.Option(
        "auto",
        "--ocr",
        help="auto: OCR pages without text and poorly read parts of OCR layers; "
        "force: re-OCR every page; never: no OCR.",
    ),
) -> None:
    """Parse one delaftale into validated JSON or YAML.

    Example: delaftale parse samples/randers-uddannelse.pdf --format yaml -o randers.yaml
    """
    from ..errors import InputError

    def _do() -> None:
        if fmt not in ("json", "yaml"):
            raise InputError(None, f"--format must be json or yaml, not {fmt!r}")
        if ocr not in ("auto", "never", "force"):
            raise InputError(None, f"--ocr must be auto, never or force, not {ocr!r}")
        from ..api import parse_file
        from ..output import dumps, write_atomic

        output_format: Literal["json", "yaml"] = "json" if fmt == "json" else "yaml"
        agreement = parse_file(file, repair=repair, ocr=ocr)  # type: ignore[arg-type]
        text = dumps(agreement, output_format)
        if out is None:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.flush()
        else:
            write_atomic(out, text)

    run(_do)
