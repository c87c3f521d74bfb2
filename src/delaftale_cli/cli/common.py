"""What every command shares: the exit codes, the one fatal-error handler, the options
for noise (`--quiet`, `--verbose`) and strictness, and the stderr notes.

Exit codes, the same for every command:

    0   success
    1   invalid or failed (a file did not validate, a batch input failed, --strict tripped)
    2   usage error, unreadable input, or a missing OCR engine
    70  internal error (a bug in delaftale)
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

import typer

from ..options import Severity

if TYPE_CHECKING:
    from ..models import ParseWarning
    from ..progress import Progress

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INPUT_ERROR = EXIT_USAGE
EXIT_INTERNAL_ERROR = 70

QUIET = typer.Option(False, "--quiet", "-q", help="Print nothing on stderr but errors.")
VERBOSE = typer.Option(False, "--verbose", "-v", help="Print progress notes on stderr.")
STRICT = typer.Option(
    False, "--strict", help="Fail (exit 1) when there are warnings of --fail-on severity."
)
FAIL_ON = typer.Option(
    Severity.WARNING,
    "--fail-on",
    help="The least severity --strict fails on (docs/warnings.md lists each code's).",
    case_sensitive=False,
)


def error_line(message: str) -> None:
    """Print one error line on stderr."""
    sys.stderr.write(f"delaftale: error: {message}\n")


def note(message: str) -> None:
    """Print one note line on stderr."""
    sys.stderr.write(f"delaftale: {message}\n")
    sys.stderr.flush()


@contextmanager
def reported_errors() -> Iterator[None]:
    """The one fatal handler: library errors become one stderr line and an exit code.

    Set DELAFTALE_DEBUG=1 to see the traceback of an internal error.
    """
    from ..errors import InputError, OutputError, ToolUnavailableError, UsageError

    try:
        yield
    except (InputError, UsageError, OutputError) as exc:
        error_line(exc.describe(flag=True))
        raise typer.Exit(EXIT_USAGE) from None
    except ToolUnavailableError as exc:
        error_line(f"{exc} (a problem of this machine, not of the file)")
        raise typer.Exit(EXIT_USAGE) from None
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


def write_stdout(text: str) -> None:
    """Write `text` to standard output; OutputError when it cannot take it (`/dev/full`, a
    closed pipe), and no second complaint from Python's exit-time flush."""
    from ..errors import unwritable

    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except OSError as exc:
        with contextlib.suppress(OSError):  # point stdout at nothing so exit stays quiet
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        raise unwritable("standard output", exc) from None


def run(func: Callable[[], T]) -> T:
    """Call `func` inside `reported_errors`."""
    with reported_errors():
        return func()


def count_codes(codes: Sequence[str]) -> str:
    """'missing_field 11, period_unparsed 2': codes by count, most frequent first."""
    counts = Counter(codes)
    return ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def warning_summary(warnings: Sequence[ParseWarning]) -> str:
    """The one-line summary `parse` ends with when the output has warnings."""
    n = len(warnings)
    codes = count_codes([w.code.value for w in warnings])
    return f'{n} warning{"s" if n != 1 else ""} ({codes}); see "warnings" in the output'


def strict_failures(codes: Sequence[str], strict: bool, fail_on: Severity) -> list[str]:
    """The codes that make a --strict run fail (empty without --strict)."""
    from ..codes import at_least

    return [c.value for c in at_least(list(codes), fail_on)] if strict else []


class ProgressNotes:
    """Renders library progress on stderr: the lexicon note, and OCR pages (overwriting one
    line on a terminal, one line per page otherwise)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.open_line = False

    def __call__(self, event: Progress) -> None:
        if self.quiet:
            return
        if event.kind == "lexicon":
            self.end_line()
            note("compiling the Danish repair lexicon (first run only, a few seconds) ...")
        elif event.kind == "ocr_page":
            text = f"delaftale: OCR: page {event.done} of {event.total} read"
            if self.tty:
                sys.stderr.write("\r" + text)
                self.open_line = True
            else:
                sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def end_line(self) -> None:
        if self.open_line:
            sys.stderr.write("\n")
            self.open_line = False
