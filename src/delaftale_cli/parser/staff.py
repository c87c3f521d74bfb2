"""`Medarbejderressourcer for indsatsområdet`: one StaffResource per staff statement.

Statements look like "Årligt 9.660 medarbejdertimer fra de deltagende institutioner
(svarende til 21 timer pr. uge pr. institutioner i 46 uger)", "Relationel Velfærd: 38 timer
pr. uge pr. år", "4 t/uge", "40 timer pr. måned", "1,5 årsværk", "50 % af en stilling" or
"Nordhjem 12 timer og SSP Hjørring 8 timer ugentligt" (two providers sharing one unit). A
parenthesis that restates the hours ("svarende til ...") belongs to its statement. A line
that sums up the others ("I alt: ...") is a total, not a statement. Lines and table rows
that hold no statement are returned as leftovers, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..codes import WarningCode
from ..document import Block
from ..models import ParseWarning, StaffResource
from .danish import (
    CONJUNCTIONS,
    FTE_UNIT,
    HOUR_UNIT,
    NUMBER,
    NUMBER_OR_WORD,
    NUMBER_WORDS,
    PER,
    TIMES,
    TIMES_AFTER,
)
from .labels import is_provider_column, is_total
from .numbers import parse_number
from .prose import clean_text

_YEARLY = re.compile(
    rf"\b(?:Årligt|Aarligt|Arligt)\s+(?P<n>{NUMBER})\s+(?P<unit>[\wæøå-]*timer)\b", re.I
)
# a number that is no range's upper end ("15-20 timer" states no one number)
_NOT_A_RANGE_END = r"(?<![\d,.])(?<!\d-)(?<!\d–)(?<!\d\s-\s)(?<!\d\s–\s)"
_N = rf"{_NOT_A_RANGE_END}(?:(?P<times>\d{{1,2}})\s*{TIMES}\s*)?(?P<n>{NUMBER})"
_AGAIN = rf"(?:(?P<again>{NUMBER_OR_WORD})\s+{TIMES_AFTER}\s+)?"  # "4 timer to gange om ugen"
_PER_UNIT = {
    kind: re.compile(rf"{_N}\s*(?:{HOUR_UNIT})\s*{_AGAIN}{per}", re.I) for kind, per in PER.items()
}
_FTE_SHARE = re.compile(
    rf"(?<![\d,.])(?P<n>{NUMBER})\s*(?:%|pct\.?|procent)\s+af\s+(?:en|én|et)\s+(?:{FTE_UNIT})\b",
    re.I,
)
_FTE = re.compile(rf"(?<![\w,.])(?P<n>{NUMBER_OR_WORD})\s+(?:{FTE_UNIT})\b", re.I)
_BARE = re.compile(rf"{_N}\s*(?:{HOUR_UNIT})(?=\s*(?:{CONJUNCTIONS})\s)", re.I)
_HOURS = re.compile(rf"{_N}\s*(?:{HOUR_UNIT})", re.I)
_WEEKS = re.compile(
    r"\bi\s+(\d{1,2})\s+uger\b|\b(\d{1,2})\s+uger\s+(?:om|pr\.?)\s+år|\(\s*(\d{1,2})\s+uger\s*\)",
    re.I,
)
_PROVIDER = re.compile(r"^\s*(?:om året\s+)?(?:fra\s+)?(?P<p>[^(.;]+)")
# after a conjunction the second provider may be a common noun ("... og ejendomskontoret 3 timer")
_JOINED = re.compile(rf"^\s*(?:{CONJUNCTIONS})\s+(?P<p>[^\d\W][^\d:;()]*?)\s*$")
_LEAD = re.compile(rf"^\s*(?:(?:{CONJUNCTIONS})\s+)?(?P<p>[A-ZÆØÅ][^\d:;()]*?)\s*$")

_Statement = tuple[int, re.Match[str], str]  # (start, match, kind)


@dataclass
class _Context:
    activity: str | None = None


def _outside_parentheses(text: str, pos: int) -> bool:
    return text[:pos].count("(") <= text[:pos].count(")")


def _statements(text: str) -> list[_Statement]:
    """(start, match, kind) of every statement outside parentheses."""
    found: list[_Statement] = [(m.start(), m, "year") for m in _YEARLY.finditer(text)]
    covered = [(m.start(), m.end()) for _, m, _ in found]
    patterns = [(p, k) for k, p in _PER_UNIT.items()] + [(_FTE_SHARE, "fte"), (_FTE, "fte")]
    for pattern, kind in patterns:
        for m in pattern.finditer(text):
            inside = any(a <= m.start() < b or a < m.end() <= b for a, b in covered)
            if not inside and _outside_parentheses(text, m.start()):
                found.append((m.start(), m, kind))
                covered.append((m.start(), m.end()))
    found.sort(key=lambda item: item[0])
    for m in _BARE.finditer(text):  # "Nordhjem 12 timer og SSP 8 timer ugentligt"
        later = [s for s in found if s[0] > m.start() and s[2] in PER]
        inside = any(a <= m.start() < b for a, b in covered)
        if later and not inside and _outside_parentheses(text, m.start()):
            found.append((m.start(), m, later[0][2]))
    found.sort(key=lambda item: item[0])
    return found


def _provider(after: str) -> str | None:
    after = re.sub(r"^\s*(?:om året|pr\.? år)\b", "", after, flags=re.I)
    if not re.match(r"\s*(?:fra\s+|[A-ZÆØÅ])", after):
        return None
    m = _PROVIDER.match(after)
    if not m:
        return None
    provider = re.split(r"\s+til at\s+|\s+til\s+(?=\w+ning)", m.group("p"))[0]
    provider = provider.strip(" ,:")
    return provider or None


def _lead(text: str) -> str | None:
    """A provider named before its quantity ("Nordhjem 12 timer ..."): a short name."""
    text = text.strip().lstrip(";,").rstrip(":").strip()
    m = _LEAD.match(text) or _JOINED.match(text)
    if m is None or len(m.group("p").split()) > 5:
        return None
    return m.group("p").strip(" ,") or None


def _value(number: str) -> float:
    return NUMBER_WORDS.get(number.lower()) or parse_number(number)


def _resource(
    activity: str | None, text: str, m: re.Match[str], kind: str, lead: str | None
) -> StaffResource:
    value = _value(m.group("n"))
    if "times" in m.re.groupindex and m.group("times"):
        value *= int(m.group("times"))  # "2 x 4 timer om ugen": 8 hours a week
    if "again" in m.re.groupindex and m.group("again"):
        value *= _value(m.group("again"))  # "4 timer to gange om ugen": 8 hours a week
    if kind == "fte":
        share = m.re is _FTE_SHARE
        fte = value / 100 if share else value
        return StaffResource(activity=activity, provider=lead, fte=fte, text=text)
    weeks_match = _WEEKS.search(text)  # `text` is this statement's own text
    weeks = int(next(g for g in weeks_match.groups() if g)) if weeks_match else None
    if weeks is not None and not 1 <= weeks <= 53:
        weeks = None
    per_year = value if kind == "year" else value * weeks if kind == "week" and weeks else None
    provider = lead or (_provider(text[m.end() :]) if kind == "year" else None)
    return StaffResource(
        activity=activity,
        provider=provider,
        hours=value,
        per=kind,  # type: ignore[arg-type]
        weeks_per_year=weeks,
        hours_per_year=per_year,
        text=text,
    )


def _names_activity(block: Block, text: str) -> bool:
    """A heading for the statements below it: a list item, a "Name:" line, or a short line
    that is not a sentence (OCR loses list numbers, so headings arrive as plain lines)."""
    name = text.rstrip(":").strip()
    if not name or len(name.split()) > 15 or ":" in name:
        return False
    short_line = len(name.split()) <= 12 and not text.endswith((".", "!", "?"))
    return block.kind == "list_item" or text.endswith(":") or short_line


def _column_units(header: tuple[str, ...]) -> list[str | None]:
    """Per column, the unit its header gives bare numbers ("Timer pr. uge", "Årsværk")."""
    return [h.strip() if _statements(f"1 {h.strip()}") else None for h in header]


def _row_text(row: tuple[str, ...], header: tuple[str, ...] | None = None) -> str:
    """A table row as one line: "Activity: provider quantity" when the first cell names
    it. A bare number under a header with a unit takes that unit ("6" under "Timer pr.
    uge"); a provider column's cell stands before the quantities."""
    if header is not None and len(header) == len(row):
        units = _column_units(header)
        cells_in = [
            f"{c.strip()} {unit}" if unit and re.fullmatch(rf"\s*(?:{NUMBER})\s*", c) else c
            for c, unit in zip(row, units, strict=True)
        ]
        providers = [i for i, h in enumerate(header) if i > 0 and is_provider_column(h)]
        order = [0, *providers, *(i for i in range(1, len(row)) if i not in providers)]
        row = tuple(cells_in[i] for i in order)
    cells = [clean_text(c.replace("\n", " ")) for c in dict.fromkeys(row)]
    cells = [c for c in cells if c]
    if len(cells) >= 2 and not _statements(cells[0]):
        return f"{cells[0].rstrip(':')}: {' '.join(cells[1:])}"
    return " ".join(cells)


def _is_header(row: tuple[str, ...]) -> bool:
    cells = [c for c in row if c.strip()]
    return len(cells) >= 2 and not any(re.search(r"\d", c) for c in cells)


def _label_of(prefix: str) -> tuple[str | None, str | None]:
    """(activity, provider) named before a line's first statement: "Activity: Provider"."""
    if not prefix:
        return None, None
    if prefix.endswith(":") and ":" in prefix[:-1]:
        prefix = prefix[:-1]  # "Activity: Provider:" names both
    head, colon, after = prefix.rpartition(":")
    if colon:
        label = re.split(r"(?<=[.!?])\s+", head)[-1].strip()
        return (label or None) if len(label.split()) <= 15 else None, _lead(after)
    label = re.split(r"(?<=[.!?])\s+", prefix)[-1].strip()
    return (label if label and len(label.split()) <= 15 else None), None


def _read_line(text: str, ctx: _Context) -> tuple[list[StaffResource] | None, bool]:
    """The statements of one line (None when it holds none), and whether the line names
    its own activity."""
    statements = _statements(text)
    if not statements:
        return None, False
    first = statements[0][0]
    prefix = text[:first].strip()
    label, lead = _label_of(prefix)
    if label:
        ctx.activity = label
    out = []
    bounds = [s for s, _, _ in statements] + [len(text)]
    for i, (start, m, kind) in enumerate(statements):
        if i > 0:
            between = text[statements[i - 1][1].end() : start]
            lead = _lead(between) if m.re is not _YEARLY else None
        end = bounds[i + 1]
        following = statements[i + 1][1] if i + 1 < len(statements) else None
        if following is not None and following.re is not _YEARLY and _lead(text[m.end() : end]):
            end = m.end()
        piece = text[start:end].strip(" ,")
        if i == 0 and label and prefix.endswith(":"):
            piece = f"{label}: {piece}"
        elif i == 0 and prefix and (lead or label):
            piece = f"{prefix} {piece}"  # "Lektiecafé: ca. 15 timer": the statement as written
        own = _relocate(piece, m, kind)
        out.append(_resource(ctx.activity, piece, own, kind, lead))
    return out, label is not None


def parse_staff(blocks: list[Block]) -> tuple[list[StaffResource], list[Block]]:
    """Staff resources, and the blocks and table rows that hold no statement (a heading
    with no statement under it, a total row, a line in a unit not understood)."""
    resources: list[StaffResource] = []
    leftovers: list[Block] = []
    ctx = _Context()
    heading: Block | None = None  # the heading block, until a statement uses it
    for block in blocks:
        if block.table is not None:
            rows = block.table.rows
            header = rows[0] if rows and _is_header(rows[0]) else None
            rows = rows[1:] if header else rows
            lines = [(_row_text(row, header), True) for row in rows if row != header]
        else:
            lines = [(clean_text(block.text.replace("\n", " ")), False)]
        for text, in_table in lines:
            label = text.split(":", 1)[0] if ":" in text else text
            read, labelled = (None, False) if is_total(label) else _read_line(text, ctx)
            if read is None:
                if not in_table and not is_total(label) and _names_activity(block, text):
                    if heading is not None:
                        leftovers.append(heading)
                    ctx.activity = text.rstrip(":").strip()
                    heading = block
                elif text:
                    row = Block("paragraph", text, page=block.page)
                    leftovers.append(block if not in_table else row)
                continue
            if heading is not None and labelled:
                leftovers.append(heading)  # the line names its own activity
            heading = None
            resources.extend(read)
    if heading is not None:
        leftovers.append(heading)
    return resources, leftovers


def staff_warnings(
    leftovers: list[Block], resources: list[StaffResource] | None = None
) -> list[ParseWarning]:
    """A leftover line with a number in it may be a statement the grammar does not know;
    a total line ("I alt: 10 timer pr. uge") must equal the sum of the lines on its basis."""
    out = []
    for block in leftovers:
        if not re.search(r"\d", block.text):
            continue
        if not is_total(block.text.split(":", 1)[0]):
            out.append(
                ParseWarning(
                    code=WarningCode.STAFF_UNPARSED,
                    message=f"staff line kept in other_sections, no statement read: {block.text!r}",
                )
            )
        elif (problem := _total_problem(block.text, resources or [])) is not None:
            out.append(ParseWarning(code=WarningCode.STAFF_TOTAL_MISMATCH, message=problem))
    return out


TOTAL_TOLERANCE = 0.5  # hours: totals are written rounded to whole hours


def _total_problem(text: str, resources: list[StaffResource]) -> str | None:
    """Why a total line does not add up, or None when it does (or states nothing)."""
    read, _ = _read_line(text, _Context())
    if not read or len(read) != 1:
        return None
    total = read[0]
    if total.fte is not None:
        stated, summed = total.fte, sum(r.fte or 0 for r in resources)
    elif total.hours is not None and total.per is not None:
        stated = total.hours
        summed = sum(r.hours or 0 for r in resources if r.per == total.per and r.fte is None)
    else:
        return None
    if abs(stated - summed) <= TOTAL_TOLERANCE:
        return None
    return f"staff total {text!r} states {stated:g}, the lines above it sum to {summed:g}"


def _relocate(piece: str, m: re.Match[str], kind: str) -> re.Match[str]:
    """The statement's match within its own piece of text."""
    found = (_HOURS if m.re is _BARE else m.re).search(piece)
    if found:
        return found
    raise AssertionError(f"statement vanished from its own text: {piece!r}")
