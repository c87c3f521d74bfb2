"""The choices delaftale offers, defined once: the library, the CLI and the models use these.

Each is a `StrEnum`, so a member compares equal to its plain string ("auto") and
serialises as it. `choose` turns a value given by a caller into a member, or raises
`UsageError` naming the parameter.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from .errors import UsageError


class OcrMode(StrEnum):
    """When OCR runs."""

    AUTO = "auto"  # pages without text, and poorly read parts of OCR text layers
    NEVER = "never"  # no OCR at all
    FORCE = "force"  # every page re-read


class OutputFormat(StrEnum):
    """How an agreement is written."""

    JSON = "json"
    YAML = "yaml"


class SourceFormat(StrEnum):
    """What an agreement was read from."""

    DOCX = "docx"
    DOC = "doc"  # Word 97-2003, read through LibreOffice
    ODT = "odt"
    RTF = "rtf"
    PDF = "pdf"
    IMAGE = "image"  # a scan saved as .png, .jpg or .tif (read with OCR)
    MARKDOWN = "markdown"
    HTML = "html"
    TEXT = "text"


class TextSource(StrEnum):
    """Where the text came from."""

    NATIVE = "native"  # the document's own text
    OCR_LAYER = "ocr_layer"  # a text layer an earlier OCR left in the PDF
    OCR_RUN = "ocr_run"  # delaftale ran OCR itself


class ExportFormat(StrEnum):
    """Table formats of `export`."""

    CSV = "csv"
    XLSX = "xlsx"
    PARQUET = "parquet"


class CsvDialect(StrEnum):
    """How `export --to csv` writes its files."""

    STANDARD = "standard"  # RFC 4180: comma, decimal point, UTF-8 without BOM
    EXCEL_DA = "excel-da"  # Danish Excel: semicolon, decimal comma, UTF-8 with BOM, CRLF


class DiffFormat(StrEnum):
    """How `diff` reports."""

    TEXT = "text"
    JSON = "json"


class ReportFormat(StrEnum):
    """How `validate` reports."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class Severity(StrEnum):
    """How much a warning matters; ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


E = TypeVar("E", bound=StrEnum)


def choose(kind: type[E], value: object, parameter: str) -> E:
    """`value` as a member of `kind`; UsageError naming `parameter` when it is none of them."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value if isinstance(value, str) else repr(value))
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in kind)
        raise UsageError(parameter, f"must be one of {allowed}, not {value!r}") from None
