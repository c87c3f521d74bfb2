"""`delaftale repair`."""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import BinaryIO

import typer

from .common import QUIET, note, run


def repair(
    file: str = typer.Argument("-", help="A UTF-8 text file, or - for standard input."),
    report: bool = typer.Option(False, "--report", help="Print the repairs made to stderr."),
    quiet: bool = QUIET,
) -> None:
    """Restore Danish æ, ø and å in OCR'd text; prints the repaired text.

    Exit 0 on success, 2 when the input cannot be read or is not UTF-8.

    Example: pdftotext scan.pdf - | delaftale repair --report > fixed.txt
    """
    from ..errors import unreadable

    def _do() -> None:
        from ..repair.stream import read_chunks, repair_chunks

        name = "<stdin>" if file == "-" else file
        from ..api import lexicon_is_compiled

        if not quiet and not lexicon_is_compiled():
            note("compiling the Danish repair lexicon (first run only, a few seconds) ...")
        total: Counter[tuple[str, str]] = Counter()
        with ExitStack() as stack:
            try:
                stream: BinaryIO = (
                    sys.stdin.buffer if file == "-" else stack.enter_context(Path(file).open("rb"))
                )
                for text, repairs in repair_chunks(read_chunks(stream, name)):
                    sys.stdout.buffer.write(text.encode("utf-8"))
                    total.update(repairs)
            except BrokenPipeError:
                # the reader went away (`delaftale repair big.txt | head`): not an error
                sys.stderr.close()
                raise typer.Exit(0) from None
            except OSError as exc:
                raise unreadable(name, exc) from exc
            finally:
                with suppress(BrokenPipeError):
                    sys.stdout.flush()
        if report:
            _print_report(total)

    run(_do)


def _print_report(repairs: Counter[tuple[str, str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("original", "corrected", "count", title="Repairs")
    for (orig, corr), n in sorted(repairs.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(orig, corr, str(n))
    Console(stderr=True).print(table)
