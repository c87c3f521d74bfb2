"""Flattening agreements into the tables analysts use: CSV, Excel (xlsx) or Parquet.

Tables, in sheet order (docs/export.md has every column):

- summary: one row per agreement (an `agreement_key`, see keys.py), the counted file's
  facts, counts, hour totals on each basis, warnings and status.
- agreements: one row per file, with `counted` and what the file is among its copies.
- parties, indicators, activities, staff_resources: one row per item (`*_no` is its
  1-based position); an indicator row without measurements still gets one row.
- failed_inputs: the batch inputs that failed or were skipped, when a manifest is found.

Every row starts with municipality, focus area and title and ends with the source path and
its sha256. Modules: load (reading), keys (one agreement once), tables (flattening),
csvfile, xlsx, parquet (writing), files (atomic writes with the user's umask).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..options import CsvDialect, ExportFormat, choose
from .csvfile import csv_value, write_csv
from .keys import Copy, agreement_key, assign_copies, normalise
from .load import (
    InputProblem,
    LoadedAgreement,
    find_agreement_files,
    load_agreements,
    read_problems,
)
from .parquet import write_parquet
from .tables import TABLE_COLUMNS, Column, Table, build_tables
from .xlsx import XLSX_CELL_LIMIT, write_xlsx

__all__ = [
    "TABLE_COLUMNS",
    "XLSX_CELL_LIMIT",
    "Column",
    "Copy",
    "ExportResult",
    "InputProblem",
    "LoadedAgreement",
    "Table",
    "agreement_key",
    "assign_copies",
    "build_tables",
    "csv_value",
    "export_agreements",
    "find_agreement_files",
    "load_agreements",
    "normalise",
    "read_problems",
    "write_csv",
    "write_parquet",
    "write_xlsx",
]


@dataclass(frozen=True)
class ExportResult:
    """What `export_agreements` wrote: `files` agreement files read, `agreements` distinct
    agreements among them (summary rows); `truncated` counts cells cut to Excel's limit."""

    written: list[Path]
    tables: list[Table]
    files: int
    agreements: int
    truncated: int = 0


def export_agreements(
    inputs: Sequence[str | Path],
    to: ExportFormat | str,
    out: str | Path,
    *,
    csv_dialect: CsvDialect | str = CsvDialect.STANDARD,
) -> ExportResult:
    """Load, flatten and write. csv and parquet: `out` is a folder with one file per
    table; xlsx: `out` is the workbook, one sheet per table. Files are written atomically
    with the user's umask. An input is never overwritten."""
    to = choose(ExportFormat, to, "to")
    dialect = choose(CsvDialect, csv_dialect, "csv_dialect")
    loaded = load_agreements(inputs)
    _refuse_overwriting_inputs(loaded, Path(out), to)
    tables = build_tables(loaded, read_problems(inputs))
    target = Path(out)
    truncated = 0
    if to == ExportFormat.CSV:
        written = write_csv(tables, target, dialect)
    elif to == ExportFormat.XLSX:
        truncated = write_xlsx(tables, target)
        written = [target]
    else:
        written = write_parquet(tables, target)
    summary = next(t for t in tables if t.name == "summary")
    return ExportResult(written, tables, len(loaded), len(summary.rows), truncated)


def _refuse_overwriting_inputs(
    loaded: Sequence[LoadedAgreement], out: Path, to: ExportFormat
) -> None:
    import os

    from ..errors import InputError

    inputs = {os.path.realpath(item.file) for item in loaded}
    if to == ExportFormat.XLSX:
        targets = [out]
    else:
        suffix = ".csv" if to == ExportFormat.CSV else ".parquet"
        targets = [out / f"{name}{suffix}" for name in (*TABLE_COLUMNS, "failed_inputs")]
    for target in targets:
        if os.path.realpath(target) in inputs:
            raise InputError(target, "is one of the inputs; choose another output")
