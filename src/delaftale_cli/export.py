"""Flattening agreements into the tables analysts use: CSV, Excel (xlsx) or Parquet.

Five tables, every row keyed by `agreement_id` (the source file's sha256) and
`source_path`, rows in a fixed order (agreements by source path, then their items in
document order):

- agreements: one row per agreement, with counts of its items.
- parties, activities, staff_resources: one row per item (`*_no` is its 1-based position).
- indicators: one row per measurement; an indicator row without measurements still gets
  one row (measurement columns empty), so no indicator disappears from the table.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .models import Agreement
from .options import ExportFormat, Severity, choose

ColumnType = Literal["str", "int", "float", "date"]
AGREEMENT_SUFFIXES = frozenset({".json", ".yaml", ".yml"})
XLSX_CELL_LIMIT = 32_767


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType = "str"


@dataclass
class Table:
    """One output table: typed columns and rows of plain Python values (None = empty)."""

    name: str
    columns: list[Column]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class LoadedAgreement:
    """An agreement and the file it was read from."""

    file: str
    agreement: Agreement


@dataclass(frozen=True)
class ExportResult:
    """What `export_agreements` wrote; `truncated` counts cells cut to Excel's cell limit."""

    written: list[Path]
    tables: list[Table]
    agreements: int
    truncated: int = 0


KEY = [Column("agreement_id"), Column("source_path")]
TABLE_COLUMNS: dict[str, list[Column]] = {
    "agreements": [
        *KEY,
        Column("source_format"),
        Column("pages", "int"),
        Column("text_source"),
        Column("title"),
        Column("focus_area"),
        Column("initiative_name"),
        Column("municipality"),
        Column("period_start", "date"),
        Column("period_end", "date"),
        Column("period_text"),
        Column("parties", "int"),
        Column("indicators", "int"),
        Column("activities", "int"),
        Column("staff_resources", "int"),
        Column("hours_per_year_total", "float"),
        Column("activity_names"),
        Column("municipal_context"),
        Column("revision"),
        Column("warnings", "int"),
        Column("warning_codes"),
        Column("repairs", "int"),
        Column("other_sections", "int"),
        Column("schema_version"),
        Column("agreement_file"),
    ],
    "parties": [*KEY, Column("party_no", "int"), Column("name"), Column("description")],
    "indicators": [
        *KEY,
        Column("indicator_no", "int"),
        Column("measurement_no", "int"),
        Column("sub_goal"),
        Column("indicator"),
        Column("baseline"),
        Column("comparison_baseline"),
        Column("baseline_year"),
        Column("data_source"),
        Column("area"),
        Column("label"),
        Column("value", "float"),
        Column("unit"),
        Column("n", "int"),
        Column("year"),
    ],
    "activities": [
        *KEY,
        Column("activity_no", "int"),
        Column("name"),
        Column("purpose"),
        Column("target_group"),
        Column("content"),
        Column("responsibilities"),
    ],
    "staff_resources": [
        *KEY,
        Column("resource_no", "int"),
        Column("activity"),
        Column("provider"),
        Column("hours", "float"),
        Column("per"),
        Column("weeks_per_year", "int"),
        Column("hours_per_year", "float"),
        Column("text"),
    ],
}


# --- loading -------------------------------------------------------------------------


def find_agreement_files(inputs: Sequence[str | Path]) -> list[Path]:
    """Files named, plus .json/.yaml/.yml files found in named folders (recursively)."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in AGREEMENT_SUFFIXES
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise InputError(path, "no such file or folder")
    if not files:
        raise InputError(None, "no agreement files (.json, .yaml) found in the inputs")
    return files


def load_agreements(inputs: Sequence[str | Path]) -> list[LoadedAgreement]:
    """Read and validate every agreement file; raises InputError on the first invalid one."""
    from .validation import validate_file

    loaded = []
    for path in find_agreement_files(inputs):
        problems = [p for p in validate_file(path) if p.severity == Severity.ERROR]
        if problems:
            first = problems[0]
            where = f"line {first.line}: " if first.line else ""
            raise InputError(
                path,
                f"is not a valid agreement ({where}{first.location}: {first.message}); "
                "check it with `delaftale validate`",
            )
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
        loaded.append(LoadedAgreement(str(path), Agreement.model_validate(data)))
    loaded.sort(key=lambda a: (a.agreement.source.path, a.agreement.source.sha256, a.file))
    return loaded


# --- flattening ----------------------------------------------------------------------


_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def build_tables(agreements: Iterable[LoadedAgreement]) -> list[Table]:
    """The five tables, rows in the documented order; control characters (OCR debris that
    spreadsheets refuse) are removed from text, the same for every format."""
    tables = {name: Table(name, columns) for name, columns in TABLE_COLUMNS.items()}
    _flatten(agreements, tables)
    for table in tables.values():
        table.rows = [
            tuple(_CONTROL_CHARACTERS.sub("", v) if isinstance(v, str) else v for v in row)
            for row in table.rows
        ]
    return list(tables.values())


def _flatten(agreements: Iterable[LoadedAgreement], tables: dict[str, Table]) -> None:
    for item in agreements:
        a = item.agreement
        key = (a.source.sha256, a.source.path)
        yearly = [s.hours_per_year for s in a.staff_resources if s.hours_per_year is not None]
        tables["agreements"].rows.append(
            (
                *key,
                a.source.format,
                a.source.pages,
                a.source.text_source,
                a.title,
                a.focus_area,
                a.initiative_name,
                a.municipality,
                a.period.start,
                a.period.end,
                a.period.text,
                len(a.parties),
                len(a.indicators),
                len(a.activities),
                len(a.staff_resources),
                sum(yearly) if yearly else None,
                "\n".join(a.activity_names) or None,
                a.municipal_context,
                a.revision,
                len(a.warnings),
                ", ".join(w.code for w in a.warnings) or None,
                sum(r.count for r in a.repairs),
                len(a.other_sections),
                a.schema_version,
                item.file,
            )
        )
        for no, party in enumerate(a.parties, 1):
            tables["parties"].rows.append((*key, no, party.name, party.description))
        for no, row in enumerate(a.indicators, 1):
            indicator = (
                row.sub_goal,
                row.indicator,
                row.baseline,
                row.comparison_baseline,
                row.baseline_year,
                row.data_source,
            )
            if not row.measurements:
                tables["indicators"].rows.append((*key, no, None, *indicator, *[None] * 6))
            for m_no, m in enumerate(row.measurements, 1):
                tables["indicators"].rows.append(
                    (*key, no, m_no, *indicator, m.area, m.label, m.value, m.unit, m.n, m.year)
                )
        for no, activity in enumerate(a.activities, 1):
            tables["activities"].rows.append(
                (
                    *key,
                    no,
                    activity.name,
                    activity.purpose,
                    activity.target_group,
                    activity.content,
                    activity.responsibilities,
                )
            )
        for no, staff in enumerate(a.staff_resources, 1):
            tables["staff_resources"].rows.append(
                (
                    *key,
                    no,
                    staff.activity,
                    staff.provider,
                    staff.hours,
                    staff.per,
                    staff.weeks_per_year,
                    staff.hours_per_year,
                    staff.text,
                )
            )


# --- writing -------------------------------------------------------------------------


def export_agreements(
    inputs: Sequence[str | Path], to: ExportFormat | str, out: str | Path
) -> ExportResult:
    """Load, flatten and write. csv and parquet: `out` is a folder with one file per
    table; xlsx: `out` is the workbook, one sheet per table. Files are written atomically."""
    to = choose(ExportFormat, to, "to")
    loaded = load_agreements(inputs)
    tables = build_tables(loaded)
    target = Path(out)
    truncated = 0
    if to == "csv":
        written = write_csv(tables, target)
    elif to == "xlsx":
        truncated = write_xlsx(tables, target)
        written = [target]
    else:
        written = write_parquet(tables, target)
    return ExportResult(written, tables, len(loaded), truncated)


def csv_value(value: Any) -> str:
    """How a cell is written in CSV: empty for None, ISO dates, numbers without a
    needless `.0` (as spreadsheets show them)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(tables: Sequence[Table], folder: Path) -> list[Path]:
    """One UTF-8 CSV per table (header row, RFC 4180 quoting) in `folder`."""
    import csv
    import io

    from .output import write_atomic

    _ensure_folder(folder)
    written = []
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows([csv_value(v) for v in row] for row in table.rows)
        path = folder / f"{table.name}.csv"
        write_atomic(path, buffer.getvalue())
        written.append(path)
    return written


def write_xlsx(tables: Sequence[Table], path: Path) -> int:
    """One sheet per table: bold header row, frozen header and key columns, filters,
    column widths from the content. Returns the number of cells cut to Excel's limit."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    truncated = 0
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append([c.name for c in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        widths = [len(c.name) for c in table.columns]
        for r, row in enumerate(table.rows, start=2):
            for c, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                    if len(value) > XLSX_CELL_LIMIT:
                        value = value[: XLSX_CELL_LIMIT - 1] + "…"
                        truncated += 1
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
                if column.type == "date" and value is not None:
                    cell.number_format = "yyyy-mm-dd"
                longest = max((len(x) for x in csv_value(value).split("\n")), default=0)
                widths[c - 1] = max(widths[c - 1], longest)
        for c, (column, width) in enumerate(zip(table.columns, widths, strict=True), start=1):
            cap = 18 if column.name == "agreement_id" else 60
            sheet.column_dimensions[get_column_letter(c)].width = max(8, min(cap, width + 2))
        sheet.freeze_panes = "C2"
        sheet.auto_filter.ref = sheet.dimensions
    _ensure_folder(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        workbook.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return truncated


def write_parquet(tables: Sequence[Table], folder: Path) -> list[Path]:
    """One Parquet file per table in `folder`, with typed columns (needs pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(
            None, "Parquet export needs pyarrow: pip install 'delaftale[parquet]'"
        ) from exc
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    _ensure_folder(folder)
    written = []
    for table in tables:
        schema = pa.schema([(c.name, types[c.type]) for c in table.columns])
        columns = list(zip(*table.rows, strict=True)) or [()] * len(table.columns)
        arrow = pa.table(
            [
                pa.array(list(values), type=types[c.type])
                for c, values in zip(table.columns, columns, strict=True)
            ],
            schema=schema,
        )
        path = folder / f"{table.name}.parquet"
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        try:
            pq.write_table(arrow, tmp)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written


def _ensure_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder (csv and parquet write a folder)")
    folder.mkdir(parents=True, exist_ok=True)
