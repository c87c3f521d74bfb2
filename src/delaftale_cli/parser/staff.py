"""`Medarbejderressourcer for indsatsområdet`: one StaffResource per hours statement.

Statements look like "Årligt 9.660 medarbejdertimer fra de deltagende institutioner
(svarende til 21 timer pr. uge pr. institutioner i 46 uger)" or "Relationel Velfærd:
38 timer pr. uge pr. år". A parenthesis that restates the hours ("svarende til ...")
belongs to its statement and is not a statement of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block
from ..models import StaffResource
from .numbers import parse_number
from .prose import clean_text

_NUM = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
_YEARLY = re.compile(
    rf"\b(?:Årligt|Aarligt|Arligt)\s+(?P<n>{_NUM})\s+(?P<unit>[\wæøå-]*timer)\b", re.I
)
_WEEKLY = re.compile(rf"(?P<n>{_NUM})\s+timer\s+(?:pr\.?|per|om)\s+(?:uge|ugen)\b", re.I)
_YEARLY_PLAIN = re.compile(
    rf"(?P<n>{_NUM})\s+(?P<unit>[\wæøå-]*timer)\s+(?:pr\.?|per|om)\s+(?:år|året|ar|aret)\b", re.I
)
_WEEKS = re.compile(r"\bi\s+(\d{1,2})\s+uger\b|\b(\d{1,2})\s+uger\s+(?:om|pr\.?)\s+år", re.I)
_PROVIDER = re.compile(r"^\s*(?:om året\s+)?(?:fra\s+)?(?P<p>[^(.;]+)")


@dataclass
class _Context:
    activity: str | None = None


def _outside_parentheses(text: str, pos: int) -> bool:
    return text[:pos].count("(") <= text[:pos].count(")")


def _statements(text: str) -> list[tuple[int, re.Match[str], str]]:
    """(start, match, kind) of every hours statement outside parentheses."""
    found: list[tuple[int, re.Match[str], str]] = []
    for m in _YEARLY.finditer(text):
        found.append((m.start(), m, "year"))
    covered = [(m.start(), m.end()) for _, m, _ in found]
    for pattern, kind in ((_YEARLY_PLAIN, "year"), (_WEEKLY, "week")):
        for m in pattern.finditer(text):
            inside = any(a <= m.start() < b for a, b in covered)
            if not inside and _outside_parentheses(text, m.start()):
                found.append((m.start(), m, kind))
                covered.append((m.start(), m.end()))
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


def _resource(activity: str | None, text: str, m: re.Match[str], kind: str) -> StaffResource:
    hours = parse_number(m.group("n"))
    tail = text[m.end() :]
    weeks_match = _WEEKS.search(text)  # `text` is this statement's own text
    weeks = int(weeks_match.group(1) or weeks_match.group(2)) if weeks_match else None
    if weeks is not None and not 1 <= weeks <= 53:
        weeks = None
    if kind == "year":
        per_year: float | None = hours
    else:
        per_year = hours * weeks if weeks else None
    return StaffResource(
        activity=activity,
        provider=_provider(tail) if kind == "year" else None,
        hours=hours,
        per=kind,  # type: ignore[arg-type]
        weeks_per_year=weeks,
        hours_per_year=per_year,
        text=text,
    )


def _names_activity(block: Block, text: str) -> bool:
    """A heading for the statements below it: a list item, a "Name:" line, or a short line
    that is not a sentence (OCR loses list numbers, so headings arrive as plain lines)."""
    name = text.rstrip(":").strip()
    if not name or len(name.split()) > 15:
        return False
    short_line = len(name.split()) <= 12 and not text.endswith((".", "!", "?"))
    return block.kind == "list_item" or text.endswith(":") or short_line


def parse_staff(blocks: list[Block]) -> tuple[list[StaffResource], list[Block]]:
    """Staff resources, and the blocks that hold no hours statement (a heading with no
    statement under it included)."""
    resources: list[StaffResource] = []
    leftovers: list[Block] = []
    ctx = _Context()
    heading: Block | None = None  # the heading block, until a statement uses it
    for block in blocks:
        texts = (
            [clean_text(" ".join(c for c in dict.fromkeys(row) if c)) for row in block.table.rows]
            if block.table is not None
            else [clean_text(block.text.replace("\n", " "))]
        )
        used = False
        for text in texts:
            statements = _statements(text)
            if not statements:
                if block.table is None and _names_activity(block, text):
                    if heading is not None:
                        leftovers.append(heading)
                    ctx.activity = text.rstrip(":").strip()
                    heading = block
                    used = True
                continue
            used = True
            heading = None
            first = statements[0][0]
            prefix = text[:first].strip()
            label = None
            if prefix:
                # "NPU Årligt ..." or "... anslået pr. år. Relationel Velfærd: 38 timer ..."
                label = re.split(r"(?<=[.!?])\s+", prefix)[-1].strip().rstrip(":").strip()
                if label and len(label.split()) <= 15:
                    ctx.activity = label
                else:
                    label = None
            bounds = [s for s, _, _ in statements] + [len(text)]
            for i, (start, _m, kind) in enumerate(statements):
                piece = text[start : bounds[i + 1]].strip()
                match = _relocate(piece, kind)
                if i == 0 and label and prefix.endswith(":"):
                    piece = f"{label}: {piece}"
                    match = _relocate(piece, kind)
                resources.append(_resource(ctx.activity, piece, match, kind))
        if not used:
            leftovers.append(block)
    if heading is not None:
        leftovers.append(heading)
    return resources, leftovers


def _relocate(piece: str, kind: str) -> re.Match[str]:
    """The statement's match within its own piece of text."""
    patterns = (_YEARLY, _YEARLY_PLAIN) if kind == "year" else (_WEEKLY,)
    for pattern in patterns:
        found = pattern.search(piece)
        if found:
            return found
    raise AssertionError(f"statement vanished from its own text: {piece!r}")
