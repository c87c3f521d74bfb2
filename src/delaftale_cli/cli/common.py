"""What every command shares: turning library errors into one line and an exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer

T = TypeVar("T")

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 70


def error_line(message: str) -> None:
    """Print one error line on stderr."""
    sys.stderr.write(f"delaftale: error: {message}\n")


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn `InputError` into one stderr line and exit 2; other exceptions into exit 70.

    Set DELAFTALE_DEBUG=1 to see the traceback of an internal error.
    """
    from ..errors import InputError

    try:
        yield
    except InputError as exc:
        error_line(str(exc))
        raise typer.Exit(EXIT_INPUT_ERROR) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:
        if os.environ.get("DELAFTALE_DEBUG"):
            raise
        error_line(
            f"internal error ({type(exc).__name__}: {exc}); this is a bug in delaftale. "
            "Rerun with DELAFTALE_DEBUG=1 for details."
        )
        raise typer.Exit(EXIT_INTERNAL_ERROR) from None


def run(func: Callable[[], T]) -> T:
    """Call `func` inside `reported_errors`."""
    with reported_errors():
        return func()
