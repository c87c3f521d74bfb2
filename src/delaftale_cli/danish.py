"""Numbers and quantities written the Danish way, for people: `48,2 %`, `9.660 timer pr. år`."""

from __future__ import annotations

from .models import Measurement, StaffResource

PER = {"week": "pr. uge", "month": "pr. måned", "year": "pr. år"}


def number(value: float | int | None) -> str:
    """`9660` -> `9.660`, `48.2` -> `48,2`, `1.25` -> `1,25`; empty for None."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    magnitude = abs(float(value))
    if magnitude.is_integer():
        return sign + f"{int(magnitude):,}".replace(",", ".")
    whole, _, fraction = f"{magnitude!r}".partition(".")
    return sign + f"{int(whole):,}".replace(",", ".") + "," + fraction


def measurement(m: Measurement) -> str:
    """`48,2 %`, `-3 pct.-point`, `2.345 henvendelser`, `3,8 (skala 1-5)`."""
    text = number(m.value)
    if m.unit == "percent":
        return f"{text} %"
    if m.unit == "percentage_points":
        return f"{text} pct.-point"
    if m.unit == "scale":
        return f"{text} ({m.label})" if m.label else text
    if m.unit == "count" and m.label:
        return f"{text} {m.label}"
    return text


def hours(staff: StaffResource) -> str:
    """`12 timer pr. uge`, `8 timer pr. uge i 40 uger (320 timer pr. år)`, `1,5 årsværk`."""
    parts = []
    if staff.hours is not None:
        per = f" {PER[staff.per]}" if staff.per else ""
        parts.append(f"{number(staff.hours)} timer{per}")
        if staff.weeks_per_year is not None:
            parts[-1] += f" i {staff.weeks_per_year} uger"
        if staff.hours_per_year is not None and staff.per != "year":
            parts.append(f"({number(staff.hours_per_year)} timer pr. år)")
    if staff.fte is not None:
        parts.append(f"{number(staff.fte)} årsværk")
    return " ".join(parts) or "ingen timer angivet"
