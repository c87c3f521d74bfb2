"""The `Delmål og indikatorer` table, one IndicatorRow per indicator.

Columns are found by their header text, so both template variants work (with or
without "Baseline år", with "Evt. anden baseline" or "Baseline <kommune>"). A
sub-goal cell merged over several rows applies to each of them. A row that names no
indicator continues the row above it (a row cut by a page break, or a converter that
split one cell over several rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..document import Block, Table
from ..models import IndicatorRow
from .labels import fold, match_column
from .measurements import parse_measurements
from .prose import clean_text

COLUMNS = (
    "sub_goal",
    "indicator",
    "baseline",
    "comparison_baseline",
    "baseline_year",
    "data_source",
    "target",
)


def _column_of(header: str) -> str | None:
    h = fold(header)
    if not h:
        return None
    words = h.split()
    if fuzz.ratio(words[0], "delmal") >= 80:
        return "sub_goal"
    if fuzz.ratio(words[0], "indikator") >= 80 or fuzz.ratio(words[0], "indikatorer") >= 80:
        return "indicator"
    if fuzz.ratio(words[0], "datakilde") >= 80:
        return "data_source"
    if any(fuzz.ratio(w, "baseline") >= 80 for w in words):
        if words[-1] in {"ar", "aar", "3r", "8r", "dr"} or fuzz.ratio(h, "baseline ar") >= 85:
            return "baseline_year"
        if len(words) == 1:
            return "baseline"
        if "boligomrade" in h.replace(" ", "") or "malgruppe" in h or "bolig" in h:
            return "baseline"
        return "comparison_baseline"
    if fuzz.partial_ratio(h, "evt anden baseline") >= 85:
        return "comparison_baseline"
    return match_column(header)


def column_map(header: tuple[str, ...]) -> dict[int, str] | None:
    """Map column index -> field for an indicator-table header row, or None."""
    mapping: dict[int, str] = {}
    for i, cell in enumerate(header):
        col = _column_of(cell.replace("\n", " "))
        if col and col not in mapping.values():
            mapping[i] = col
    found = set(mapping.values())
    if {"indicator", "baseline"} <= found or (
        {"sub_goal", "indicator"} <= found and len(found) >= 3
    ):
        if "baseline" not in found:
            for i, col in mapping.items():
                if col == "comparison_baseline":
                    mapping[i] = "baseline"
                    break
        return mapping
    return None


def find_header(table: Table) -> tuple[int, dict[int, str]] | None:
    """The header row's index and column map, if `table` is an indicator table."""
    for r, row in enumerate(table.rows[:3]):
        mapping = column_map(row)
        if mapping:
            return r, mapping
    return None


def municipality_from_header(table: Table, header_row: int) -> str | None:
    """ "Baseline Randers Kommune" -> "Randers Kommune"."""
    for cell in table.rows[header_row]:
        m = re.search(r"\b([A-ZÆØÅ][\wæøå-]+)\s+[Kk]ommune\b", cell.replace("\n", " "))
        if m:
            return f"{m.group(1)} Kommune"
    return None


def area_of_column(header: str) -> str | None:
    """The area a comparison column's header names: "Baseline Hjørring Kommune"."""
    words = clean_text(header.replace("\n", " ")).split()
    rest = [w for w in words if fuzz.ratio(fold(w), "baseline") < 80]
    if len(rest) == len(words) or not rest or not rest[0][:1].isupper():
        return None
    return " ".join(rest)


@dataclass
class _Row:
    cells: dict[str, list[str]] = field(default_factory=dict)

    def add(self, col: str, text: str) -> None:
        if text:
            self.cells.setdefault(col, []).append(text)

    def text(self, col: str) -> str | None:
        parts = self.cells.get(col)
        return "\n".join(parts) if parts else None


def _cell_text(text: str) -> str:
    lines = [clean_text(line) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def parse_indicator_tables(tables: list[Table]) -> tuple[list[IndicatorRow], str | None]:
    """Indicator rows from one table (or its continuation pieces), and the municipality
    named in its header, if any."""
    rows: list[_Row] = []
    sub_goal: str | None = None
    municipality = None
    mapping: dict[int, str] | None = None
    header_cells: tuple[str, ...] = ()
    comparison_area: str | None = None
    for table in tables:
        start = 0
        found = find_header(table)
        if found:
            start, mapping = found[0] + 1, found[1]
            header_cells = table.rows[found[0]]
            municipality = municipality or municipality_from_header(table, found[0])
            compare_idx = [i for i, c in mapping.items() if c == "comparison_baseline"]
            if compare_idx:
                comparison_area = area_of_column(header_cells[compare_idx[0]])
        if mapping is None:
            continue
        for r in range(start, len(table.rows)):
            raw = table.rows[r]
            if raw == header_cells:
                continue  # header repeated on a new page
            cells = {col: _cell_text(raw[i]) if i < len(raw) else "" for i, col in mapping.items()}
            sub_idx = next((i for i, c in mapping.items() if c == "sub_goal"), None)
            sub_merged = sub_idx is not None and (r, sub_idx) in table.merged
            new_sub = cells.get("sub_goal", "") and not sub_merged
            if not any(cells.values()):
                continue
            if new_sub:
                sub_goal = cells["sub_goal"]
            indicator_text = cells.get("indicator", "")
            # A cell that starts in lower case continues the text of the row above
            # (a row cut by a page break), it does not start a new indicator.
            continues = indicator_text[:1].islower() and not new_sub
            has_indicator = bool(indicator_text) and not continues
            previous = rows[-1] if rows else None
            if (
                has_indicator
                and previous is not None
                and previous.text("indicator") is None
                and previous.text("sub_goal") == sub_goal
                and not new_sub
            ):
                row = previous  # the sub-goal's first row had no indicator yet
            elif has_indicator or new_sub or previous is None:
                row = _Row()
                rows.append(row)
                row.add("sub_goal", sub_goal or "")
            else:
                row = previous
            for col, text in cells.items():
                if col != "sub_goal":
                    row.add(col, text)
    result = [_indicator_row(row, comparison_area) for row in rows]
    return [r for r in result if r is not None], municipality


def _indicator_row(row: _Row, comparison_area: str | None) -> IndicatorRow | None:
    """One output row; the comparison column's area (from its header) goes to each of its
    measurements that names none of its own."""
    if not any(row.text(c) for c in COLUMNS if c != "sub_goal"):
        return None
    year = row.text("baseline_year")
    default_year = year.split("\n")[0] if year else None
    baseline = row.text("baseline")
    comparison = row.text("comparison_baseline")
    compared = [
        m if m.area or comparison_area is None else m.model_copy(update={"area": comparison_area})
        for m in parse_measurements(comparison, default_year)
    ]
    return IndicatorRow(
        sub_goal=row.text("sub_goal"),
        indicator=row.text("indicator"),
        baseline=baseline,
        comparison_baseline=comparison,
        baseline_year=year,
        data_source=row.text("data_source"),
        target=row.text("target"),
        measurements=parse_measurements(baseline, default_year) + compared,
    )


def is_indicator_table(block: Block) -> bool:
    return block.table is not None and find_header(block.table) is not None
