"""Limits that keep `validate` and `export` safe on any JSON or YAML: size, nesting depth,
number length, NaN/Infinity and YAML aliases, each found with its position before the
file is parsed (so a hostile file gets a clear problem, not a crash or 3 GB of memory).

An agreement file is about 100 KB, nested 6 deep, with numbers of a few digits; the limits
are far above that and far below what harms.
"""

from __future__ import annotations

import math
import re
from typing import Any

# Validating holds the text, the parsed data and the model at once: measured, a valid
# 28 MB agreement peaks at 249 MB (9x) in 2.6 s, so 32 MB stays near 300 MB while a
# 500 MB file would need some 4.5 GB; it is refused by its size, before it is read.
MAX_FILE_BYTES = 32 << 20
MAX_DEPTH = 64
MAX_DIGITS = 30
MAX_ALIASES = 100

_JSON_TOKENS = re.compile(
    rf'"(?:[^"\\]|\\.)*"|[\[\]{{}}]|-?\d{{{MAX_DIGITS + 1},}}|\bNaN\b|-?\bInfinity\b'
)
_YAML_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\]}]+", re.M)
_YAML_OPEN = re.compile(r"[\[{]")


def too_large(size: int, *, whole: bool = True) -> str | None:
    """Why `size` bytes are refused, or None; `whole` False: only the first `size` bytes
    of a longer stream were read."""
    if size > MAX_FILE_BYTES:
        amount = f"{size / (1 << 20):.1f} MB" if whole else f"over {MAX_FILE_BYTES >> 20} MB"
        return (
            f"is {amount}, more than an agreement file can be "
            f"(at most {MAX_FILE_BYTES >> 20} MB); refusing to read it"
        )
    return None


def json_problem(text: str) -> tuple[str, int] | None:
    """(message, offset) of the first thing in `text` past a limit, or None."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        first = token[0]
        if first == '"':
            continue
        if first in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"is nested more than {MAX_DEPTH} levels deep", match.start()
        elif first in "]}":
            depth -= 1
        elif token.lstrip("-") in ("NaN", "Infinity"):
            return f"{token} is not a JSON number (only finite numbers are)", match.start()
        else:
            return (
                f"a number of {len(token.lstrip('-'))} digits (at most {MAX_DIGITS})",
                match.start(),
            )
    return None


def yaml_problem(text: str) -> tuple[str, int] | None:
    """(message, offset) for YAML that would cost far more to read than its size: many
    aliases (a 'billion laughs' bomb) or deep flow nesting."""
    for count, match in enumerate(_YAML_ALIAS.finditer(text), start=1):
        if count > MAX_ALIASES:
            return f"uses more than {MAX_ALIASES} YAML aliases (an alias bomb?)", match.start()
    depth = 0
    for match in re.finditer(r"[\[{]|[\]}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return f"is nested more than {MAX_DEPTH} levels deep", match.start()
    return None


def non_finite(data: Any, loc: tuple[str | int, ...] = ()) -> tuple[str | int, ...] | None:
    """The path of the first NaN or infinite number in parsed data (YAML's .nan, .inf)."""
    if isinstance(data, float) and not math.isfinite(data):
        return loc
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return None
    for key, value in items:
        found = non_finite(value, (*loc, key))
        if found is not None:
            return found
    return None


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
