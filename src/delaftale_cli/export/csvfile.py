"""CSV files, one per table, in two dialects.

- `standard`: RFC 4180: comma, `"` quoting, UTF-8 without BOM, `\\n` line ends, decimal
  point (`48.2`), for tools and scripts.
- `excel-da`: what Excel and LibreOffice in a Danish locale read without an import
  dialogue: semicolon, decimal comma (`48,2`), UTF-8 with BOM (so æøå survive), CRLF;
  a text cell that starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'`, so
  document text (untrusted) never runs as one.

In both, an empty cell is no value, dates are ISO (`2025-08-01`), and numbers carry no
needless `.0` and no thousands separator.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..options import CsvDialect, choose
from ..output import write_atomic
from .tables import Table


@dataclass(frozen=True)
class _Dialect:
    delimiter: str
    decimal: str
    bom: bool
    lineterminator: str
    guard_formulas: bool  # text a spreadsheet would run as a formula gets a leading '


DIALECTS = {
    CsvDialect.STANDARD: _Dialect(",", ".", False, "\n", False),
    CsvDialect.EXCEL_DA: _Dialect(";", ",", True, "\r\n", True),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any, decimal: str = ".") -> str:
    """How a cell is written: empty for None, ISO dates, numbers without a needless `.0`,
    `decimal` as the decimal mark."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return text.replace(".", decimal)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(
    tables: Sequence[Table], folder: Path, dialect: CsvDialect | str = CsvDialect.STANDARD
) -> list[Path]:
    """One CSV per table (header row, minimal quoting) in `folder`, written atomically."""
    style = DIALECTS[choose(CsvDialect, dialect, "csv_dialect")]
    from .files import ensure_folder

    ensure_folder(folder)
    written = []
    for table in tables:
        buffer = io.StringIO()
        if style.bom:
            buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator=style.lineterminator)
        writer.writerow([c.name for c in table.columns])
        texts = [c.type == "str" for c in table.columns]
        for row in table.rows:
            cells = [csv_value(v, style.decimal) for v in row]
            if style.guard_formulas:
                cells = [
                    "'" + cell if text and cell.startswith(FORMULA_STARTS) else cell
                    for cell, text in zip(cells, texts, strict=True)
                ]
            writer.writerow(cells)
        path = folder / f"{table.name}.csv"
        write_atomic(path, buffer.getvalue())
        written.append(path)
    return written
