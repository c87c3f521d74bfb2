"""The agreement period: "01.08.2025-31.07.2029" or "1. august 2025 – 31. juli 2029"."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..models import Period
from .danish import MONTHS

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDED = re.compile(r"(?:(?<!\d)(\d{1,2})\s*\.?\s*)?([a-zæøå]{3,9})\.?\s+(\d{4})(?!\d)", re.I)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dated(text: str) -> list[tuple[int, dt.date, bool]]:
    """Every date in `text`: (position, date, whether the text gives its day). A month
    without a day ("august 2025") is its first day here."""
    found: list[tuple[int, dt.date, bool]] = []
    for m in _ISO.finditer(text):
        d = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d, True))
    for m in _NUMERIC.finditer(text):
        d = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append((m.start(), d, True))
    for m in _WORDED.finditer(text):
        month = MONTHS.get(m.group(2).lower())
        day = int(m.group(1)) if m.group(1) else 0
        d = _date(int(m.group(3)), month, day or 1) if month else None
        if d:
            found.append((m.start(), d, bool(day)))
    found.sort()
    return found


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """All dates in `text` with their positions (a month without a day: its first day)."""
    return [(pos, d) for pos, d, _ in _dated(text)]


def parse_period(text: str | None) -> tuple[Period, str | None]:
    """A Period from the text as written, plus a warning message when dates are missing."""
    if not text:
        return Period(), None
    dates = _dated(text)
    if len(dates) >= 2:
        start, (_, end, end_has_day) = dates[0][1], dates[-1]
        if not end_has_day:  # "august 2025 - juli 2029": a month ends on its last day
            end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
        if end < start:
            return Period(text=text), f"period end {end} is before its start {start}"
        return Period(start=start, end=end, text=text), None
    if len(dates) == 1:
        return Period(start=dates[0][1], text=text), "only one date found in the period"
    return Period(text=text), "no dates found in the period text"
