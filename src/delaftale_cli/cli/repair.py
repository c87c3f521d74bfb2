"""`delaftale repair`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import run


def repair(
    file: str = typer.Argument("-", help="A UTF-8 text file, or - for standard input."),
    report: bool = typer.Option(False, "--report", help="Print the repairs made to stderr."),
) -> None:
    """Restore Danish æ, ø and å in OCR'd text; prints the repaired text.

    Example: pdftotext scan.pdf - | delaftale repair --report > fixed.txt
    """
    from ..errors import InputError, TextEncodingError

    def _do() -> None:
        name = "<stdin>" if file == "-" else file
        try:
            raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except FileNotFoundError as exc:
            raise InputError(name, "no such file") from exc
        except IsADirectoryError as exc:
            raise InputError(name, "is a directory, not a file") from exc
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TextEncodingError(
                name, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            ) from exc
        from ..repair import repair_text

        result = repair_text(text)
        sys.stdout.buffer.write(result.text.encode("utf-8"))
        sys.stdout.flush()
        if report:
            from rich.console import Console
            from rich.table import Table

            table = Table("original", "corrected", "count", title="Repairs")
            for (orig, corr), n in sorted(result.repairs.items(), key=lambda kv: (-kv[1], kv[0])):
                table.add_row(orig, corr, str(n))
            Console(stderr=True).print(table)

    run(_do)
