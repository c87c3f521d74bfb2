"""Exceptions.

`InputError` is the root of everything that is the input's fault (a missing file, a
broken PDF, a document that is not a delaftale). The CLI turns it into one line on
stderr and a non-zero exit. Any other exception is a defect in delaftale itself.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: the file, not the tool, is at fault."""

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = str(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class UnsupportedFormatError(InputError):
    """The file is of a kind delaftale does not read."""


class CorruptDocumentError(InputError):
    """The file claims a format but cannot be read as one."""


class EncryptedDocumentError(InputError):
    """The document is password-protected."""


class NotAnAgreementError(InputError):
    """The document was read, but it is not a delaftale."""


class OcrUnavailableError(InputError):
    """OCR is needed but the engine or its language data is missing."""


class TextEncodingError(InputError):
    """Text input is not valid UTF-8 (or another encoding we can recognise)."""


def unreadable(path: str | Path, exc: OSError) -> InputError:
    """The InputError for a file the operating system would not let us read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a directory, not a file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    return InputError(path, f"cannot be read ({exc.strerror or exc})")
