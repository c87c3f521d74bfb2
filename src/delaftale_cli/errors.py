"""Exceptions: three kinds of trouble, told apart so each can be reported for what it is.

- `InputError`: the input's fault (a missing file, a broken PDF, not a delaftale).
- `UsageError`: the caller's fault (an option value that does not exist); it names the
  parameter, and the CLI reports the flag of the same name.
- `OcrUnavailableError`: the machine's fault (OCR is needed but tesseract or its Danish
  data is not installed); the same for every file, so a batch reports it once.

All derive from `DelaftaleError`. Any other exception is a defect in delaftale itself.
"""

from __future__ import annotations

from pathlib import Path


class DelaftaleError(Exception):
    """Root of the errors delaftale raises on purpose."""


class InputError(DelaftaleError):
    """Bad input: the file, not the tool, is at fault.

    `retry` is an optional (parameter, value) that would help, e.g. ("ocr", "auto"); the
    message names it as a parameter, the CLI as a flag.
    """

    def __init__(
        self, path: str | Path | None, problem: str, *, retry: tuple[str, str] | None = None
    ) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        self.retry = retry
        super().__init__(self.describe())

    def describe(self, flag: bool = False) -> str:
        """The one-line message; with `flag`, advice names a command-line flag."""
        text = self.problem
        if self.retry is not None:
            name, value = self.retry
            text += (
                f"; rerun with --{name} {value}" if flag else f"; rerun with {name}={str(value)!r}"
            )
        return f"{self.path}: {text}" if self.path else text


class UnsupportedFormatError(InputError):
    """The file is of a kind delaftale does not read."""


class CorruptDocumentError(InputError):
    """The file claims a format but cannot be read as one."""


class EncryptedDocumentError(InputError):
    """The document is password-protected."""


class NotAnAgreementError(InputError):
    """The document was read, but it is not a delaftale."""


class TextEncodingError(InputError):
    """Text input is not valid UTF-8 (or another encoding we can recognise)."""


class UsageError(DelaftaleError, ValueError):
    """A parameter has a value delaftale does not accept (`parse_file(ocr="bogus")`)."""

    def __init__(self, parameter: str, problem: str) -> None:
        self.parameter = parameter
        self.problem = problem
        super().__init__(self.describe())

    def describe(self, flag: bool = False) -> str:
        name = f"--{self.parameter.replace('_', '-')}" if flag else self.parameter
        return f"{name} {self.problem}"


class OcrUnavailableError(DelaftaleError):
    """OCR is needed but the engine or its language data is missing (an environment problem,
    not the input's fault). `path` is the file that needed it, if known."""

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


def unreadable(path: str | Path, exc: OSError) -> InputError:
    """The InputError for a file the operating system would not let us read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot be read ({exc.strerror or exc})")
