"""Exceptions: three kinds of trouble, told apart so each can be reported for what it is.

- `InputError`: the input's fault (a missing file, a broken PDF, not a delaftale).
- `UsageError`: the caller's fault (an option value that does not exist); it names the
  parameter, and the CLI reports the flag of the same name.
- `ToolUnavailableError`: the machine's fault (a program the input needs is not
  installed: LibreOffice for .doc/.odt/.rtf, tesseract with Danish data for OCR,
  `OcrUnavailableError`); the same for every file, so a batch reports it once.
- `OutputError`: an output cannot be written (permissions, a directory, a full disk).

All derive from `DelaftaleError`. Any other exception is a defect in delaftale itself.
"""

from __future__ import annotations

import os
from pathlib import Path


def printable(path: str | Path) -> str:
    """`path` as text a message, manifest or JSON can hold: a file name's bytes that are
    not UTF-8 are shown as \\xNN (as `ls -b` would), never as surrogates."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class DelaftaleError(Exception):
    """Root of the errors delaftale raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        # picklable across processes (batch workers, `parse`'s bounded child)
        return (_rebuild, (type(self), self.__dict__, self.args))


def _rebuild(
    kind: type[DelaftaleError], state: dict[str, object], args: tuple[object, ...]
) -> DelaftaleError:
    error = kind.__new__(kind)
    error.__dict__.update(state)
    error.args = args
    return error


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


class ToolUnavailableError(DelaftaleError):
    """A program the input needs is not installed (an environment problem, not the input's
    fault). `path` is the file that needed it, if known."""

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class OcrUnavailableError(ToolUnavailableError):
    """OCR is needed but the engine or its language data is missing."""


class OutputError(DelaftaleError):
    """An output cannot be written; names the path and the operating system's reason."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def describe(self, flag: bool = False) -> str:
        return f"{self.path}: {self.problem}"


def unwritable(path: str | Path, exc: OSError) -> OutputError:
    """The OutputError for an output the operating system would not let us write."""
    import errno

    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.EISDIR: "is a directory",
        errno.ENAMETOOLONG: "the file name is too long for the file system",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    reason = reasons.get(exc.errno or 0) or (exc.strerror or str(exc))
    return OutputError(path, f"cannot be written ({reason})")


def unreadable(path: str | Path, exc: OSError) -> InputError:
    """The InputError for a file the operating system would not let us read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot be read ({exc.strerror or exc})")
