"""The Excel workbook: one sheet per table, laid out to be read and pivoted.

Bold header row and the identity columns (municipality, focus area) frozen, filters on,
widths from the content (capped), long text wrapped with rows at most six lines high,
number formats per column type, text starting with `=` kept as text, the hash columns last
and narrow; printed landscape with all columns on the page width. Cells longer than
Excel's 32,767 characters are cut (the count is returned).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .csvfile import csv_value
from .files import atomic_path
from .tables import WRAPPED, Column, Table

XLSX_CELL_LIMIT = 32_767
NUMBER_FORMATS = {"int": "0", "float": "#,##0.0##", "date": "yyyy-mm-dd"}
WHOLE_FORMAT = "#,##0"  # a float column whose values are all whole numbers (hours)
NARROW = {"agreement_id": 13, "agreement_key": 18, "counted": 9}
WRAP_WIDTH = 50
MAX_LINES = 6
LINE_HEIGHT = 15.0


def write_xlsx(tables: Sequence[Table], path: Path) -> int:
    """Write the workbook atomically; returns the number of cells cut to Excel's limit."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    truncated = 0
    for table in tables:
        truncated += _sheet(workbook, table)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return truncated


def _sheet(workbook: Any, table: Table) -> int:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(table.name)
    sheet.append([c.name for c in table.columns])
    header = Alignment(vertical="top", wrap_text=True)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = header
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    clipped = Alignment(vertical="top", horizontal="fill")  # a hash never spills over
    widths = [len(c.name) for c in table.columns]
    formats = _number_formats(table)
    truncated = 0
    for r, row in enumerate(table.rows, start=2):
        lines = 1
        for c, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            value, cut = _cell_value(value)
            truncated += cut
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if formats[c - 1] and value is not None:
                cell.number_format = formats[c - 1]
            text = csv_value(value)
            longest = max((len(x) for x in text.split("\n")), default=0)
            widths[c - 1] = max(widths[c - 1], longest)
            if column.name in WRAPPED:
                cell.alignment = wrap
                lines = max(lines, _wrapped_lines(text))
            elif column.name == "agreement_id":
                cell.alignment = clipped
            else:
                cell.alignment = top
        if lines > 1:
            sheet.row_dimensions[r].height = min(lines, MAX_LINES) * LINE_HEIGHT
    for c, (column, width) in enumerate(zip(table.columns, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = _width(column, width)
    sheet.freeze_panes = "C2" if table.columns[0].name == "municipality" else "B2"
    sheet.auto_filter.ref = sheet.dimensions
    _print_setup(sheet)
    return truncated


def _print_setup(sheet: Any) -> None:
    """Printed (or made a PDF): landscape, all columns on the page width, header repeated."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"


def _number_formats(table: Table) -> list[str | None]:
    formats: list[str | None] = []
    for i, column in enumerate(table.columns):
        chosen = NUMBER_FORMATS.get(column.type)
        if column.type == "float":
            values = [row[i] for row in table.rows if row[i] is not None]
            if values and all(float(v).is_integer() for v in values):
                chosen = WHOLE_FORMAT
        formats.append(chosen)
    return formats


def _cell_value(value: Any) -> tuple[Any, int]:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value, 0
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > XLSX_CELL_LIMIT:
        return value[: XLSX_CELL_LIMIT - 1] + "…", 1
    return value, 0


def _wrapped_lines(text: str) -> int:
    return sum(max(1, -(-len(line) // WRAP_WIDTH)) for line in text.split("\n"))


def _width(column: Column, content: int) -> float:
    if column.name in NARROW:
        return NARROW[column.name]
    if column.name in WRAPPED:
        return max(12, min(WRAP_WIDTH, content + 2))
    return max(8, min(40, content + 2))
