"""Danish number format: "48,2" is 48.2, "9.660" is 9660, "2.158" is 2158."""

from __future__ import annotations

import re


def parse_number(text: str) -> float:
    """Parse a Danish-formatted number; raises ValueError if it is not one."""
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    return float(s)
