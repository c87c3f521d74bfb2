"""Flattening agreements into the tables analysts use.

Every table starts with the identity columns (municipality, focus area, title) and the
`agreement_key` with `counted` (1 for the file of an agreement that counts, 0 for its other
copies, see keys.py), and ends with `source_path` and `agreement_id` (the source file's
sha256). Rows are in a fixed order: agreements by source path, then items in document order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..codes import severity
from ..errors import printable
from ..models import Agreement, StaffResource
from ..options import Severity
from .keys import Copy, area_names, assign_copies, normalise
from .load import InputProblem, LoadedAgreement

ColumnType = Literal["str", "int", "float", "date"]


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


def _cols(spec: str) -> list[Column]:
    """'name name:int ...' -> columns."""
    columns = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        columns.append(Column(name, kind or "str"))  # type: ignore[arg-type]
    return columns


HEAD = _cols("municipality focus_area title agreement_key counted:int")
TAIL = _cols("source_path agreement_id")
HOURS = _cols(
    "hours_per_week_total:float hours_per_month_total:float hours_per_year_total:float "
    "fte_total:float"
)
TABLE_COLUMNS: dict[str, list[Column]] = {
    "summary": [
        *_cols("municipality focus_area title agreement_key initiative_name"),
        *_cols("period_start:date period_end:date period_text"),
        *_cols("parties:int indicators:int activities:int staff_resources:int"),
        *HOURS,
        *_cols("warnings:int warning_codes status files:int chosen_by"),
        *TAIL,
    ],
    "agreements": [
        *HEAD,
        *_cols("copy_kind files:int version_date:date source_format pages:int text_source"),
        *_cols("initiative_name period_start:date period_end:date period_text"),
        *_cols("parties:int indicators:int activities:int staff_resources:int"),
        *HOURS,
        *_cols("activity_names municipal_context revision warnings:int warning_codes"),
        *_cols("repairs:int other_sections:int schema_version agreement_file"),
        *TAIL,
    ],
    "parties": [*HEAD, *_cols("party_no:int name description"), *TAIL],
    "indicators": [
        *HEAD,
        *_cols("indicator_no:int measurement_no:int sub_goal indicator baseline"),
        *_cols("comparison_baseline baseline_year data_source target area area_name label"),
        *_cols("value:float unit n:int year"),
        *TAIL,
    ],
    "activities": [
        *HEAD,
        *_cols("activity_no:int name purpose target_group content responsibilities"),
        *TAIL,
    ],
    "staff_resources": [
        *HEAD,
        *_cols("resource_no:int activity provider hours:float per hours_per_week:float"),
        *_cols("hours_per_month:float weeks_per_year:int hours_per_year:float fte:float text"),
        *TAIL,
    ],
}
PROBLEM_COLUMNS = _cols("path status error_kind error manifest")
WRAPPED = frozenset(
    [
        "title",
        "activity_names",
        "municipal_context",
        "revision",
        "sub_goal",
        "indicator",
        "baseline",
        "comparison_baseline",
        "data_source",
        "target",
        "description",
        "purpose",
        "target_group",
        "content",
        "responsibilities",
        "text",
        "error",
        "chosen_by",
        "warning_codes",
        "name",
        "initiative_name",
        "activity",
        "provider",
    ]
)

_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def warning_codes(agreement: Agreement) -> str | None:
    """'missing_field 2, period_unparsed 1': each code once with its count, most first."""
    counts = Counter(w.code.value for w in agreement.warnings)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{code} {n}" for code, n in ordered) or None


def status(agreement: Agreement) -> str:
    """`needs review` when a warning has severity `warning` or `error`, else `ok`."""
    worst = max((severity(w.code).rank for w in agreement.warnings), default=-1)
    return "needs review" if worst >= Severity.WARNING.rank else "ok"


def per_week(staff: StaffResource) -> float | None:
    return staff.hours if staff.per == "week" else None


def per_month(staff: StaffResource) -> float | None:
    return staff.hours if staff.per == "month" else None


def hour_totals(agreement: Agreement) -> tuple[float | None, ...]:
    """Sums of weekly hours, monthly hours, yearly hours and FTE as the text states them;
    None when no row states that basis. Nothing is converted between bases."""
    rows = agreement.staff_resources
    bases = (
        [per_week(s) for s in rows],
        [per_month(s) for s in rows],
        [s.hours_per_year for s in rows],
        [s.fte for s in rows],
    )
    return tuple(
        sum(v for v in values if v is not None) if any(v is not None for v in values) else None
        for values in bases
    )


def build_tables(
    loaded: Sequence[LoadedAgreement], problems: Sequence[InputProblem] | None = None
) -> list[Table]:
    """The tables in sheet order (summary first; `failed_inputs` last, only when a batch
    manifest was found); control characters (OCR debris spreadsheets refuse) removed."""
    copies = assign_copies(loaded)
    tables = {name: Table(name, columns) for name, columns in TABLE_COLUMNS.items()}
    areas = area_names(
        m.area for item in loaded for row in item.agreement.indicators for m in row.measurements
    )
    for item, copy in zip(loaded, copies, strict=True):
        _flatten(item, copy, areas, tables)
    if problems is not None:
        tables["failed_inputs"] = Table(
            "failed_inputs",
            PROBLEM_COLUMNS,
            [(p.path, p.status, p.error_kind, p.error, p.manifest) for p in problems],
        )
    for table in tables.values():
        table.rows = [
            tuple(_CONTROL_CHARACTERS.sub("", v) if isinstance(v, str) else v for v in row)
            for row in table.rows
        ]
    tables["summary"].rows.sort(key=lambda row: (row[0] or "", row[1] or "", row[2] or ""))
    return list(tables.values())


def _chosen_by(copy: Copy) -> str | None:
    if copy.files == 1:
        return None
    when = f" ({copy.version_date.isoformat()})" if copy.version_date else ""
    return f"newest of {copy.files} files by {copy.basis}{when}"


def _flatten(
    item: LoadedAgreement, copy: Copy, areas: dict[str, str], tables: dict[str, Table]
) -> None:
    a = item.agreement
    head = (a.municipality, a.focus_area, a.title, copy.key, int(copy.counted))
    tail = (a.source.path, a.source.sha256)
    if copy.counted:
        tables["summary"].rows.append(_summary_row(a, copy, tail))
    tables["agreements"].rows.append(_agreement_row(item, copy, head, tail))
    for no, party in enumerate(a.parties, 1):
        tables["parties"].rows.append((*head, no, party.name, party.description, *tail))
    _indicator_rows(a, head, tail, areas, tables["indicators"])
    for no, activity in enumerate(a.activities, 1):
        form = (activity.purpose, activity.target_group, activity.content)
        tables["activities"].rows.append(
            (*head, no, activity.name, *form, activity.responsibilities, *tail)
        )
    for no, s in enumerate(a.staff_resources, 1):
        hours = (s.hours, s.per, per_week(s), per_month(s), s.weeks_per_year, s.hours_per_year)
        tables["staff_resources"].rows.append(
            (*head, no, s.activity, s.provider, *hours, s.fte, s.text, *tail)
        )


def _counts(a: Agreement) -> tuple[int, ...]:
    return len(a.parties), len(a.indicators), len(a.activities), len(a.staff_resources)


def _summary_row(a: Agreement, copy: Copy, tail: tuple[Any, ...]) -> tuple[Any, ...]:
    identity = (a.municipality, a.focus_area, a.title, copy.key, a.initiative_name)
    period = (a.period.start, a.period.end, a.period.text)
    checks = (len(a.warnings), warning_codes(a), status(a))
    return (*identity, *period, *_counts(a), *hour_totals(a), *checks, copy.files,
            _chosen_by(copy), *tail)  # fmt: skip


def _agreement_row(
    item: LoadedAgreement, copy: Copy, head: tuple[Any, ...], tail: tuple[Any, ...]
) -> tuple[Any, ...]:
    a = item.agreement
    version = (copy.kind or None, copy.files, copy.version_date if copy.files > 1 else None)
    source = (a.source.format, a.source.pages, a.source.text_source)
    period = (a.period.start, a.period.end, a.period.text)
    texts = ("\n".join(a.activity_names) or None, a.municipal_context, a.revision)
    checks = (len(a.warnings), warning_codes(a), sum(r.count for r in a.repairs))
    rest = (len(a.other_sections), a.schema_version, printable(item.file))  # text: not bytes
    return (*head, *version, *source, a.initiative_name, *period, *_counts(a),
            *hour_totals(a), *texts, *checks, *rest, *tail)  # fmt: skip


def _indicator_rows(
    a: Agreement,
    head: tuple[Any, ...],
    tail: tuple[Any, ...],
    areas: dict[str, str],
    table: Table,
) -> None:
    for no, row in enumerate(a.indicators, 1):
        cells = (
            row.sub_goal,
            row.indicator,
            row.baseline,
            row.comparison_baseline,
            row.baseline_year,
            row.data_source,
            row.target,
        )
        if not row.measurements:
            table.rows.append((*head, no, None, *cells, *[None] * 7, *tail))
        for m_no, m in enumerate(row.measurements, 1):
            area_name = areas.get(normalise(m.area)) if m.area else None
            measurement = (m.area, area_name, m.label, m.value, m.unit, m.n, m.year)
            table.rows.append((*head, no, m_no, *cells, *measurement, *tail))
