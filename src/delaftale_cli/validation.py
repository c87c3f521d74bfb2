"""Checking JSON/YAML agreement files against the models (`delaftale validate`).

Every problem carries the line and column it refers to, also for schema errors: the
pydantic error location (`indicators[2].measurements[0].value`) is traced back through
the YAML node tree (yaml.compose) or a small position scanner for JSON. A missing field
points at the object that lacks it, an unknown field at its key, a wrong value at the value.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import Agreement

Loc = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column


@dataclass(frozen=True)
class Problem:
    """One reason a file is not a valid agreement; `location` is a field path like
    `indicators[2].measurements[0].value`."""

    path: str
    location: str
    message: str
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _location(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def validate_file(path: str | Path) -> list[Problem]:
    """All problems with one agreement file; an empty list means it is valid."""
    source = Path(path)
    name = str(source)
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        return [Problem(name, "(file)", "no such file")]
    except IsADirectoryError:
        return [Problem(name, "(file)", "is a directory, not a file")]
    except OSError as exc:
        return [Problem(name, "(file)", f"cannot be read ({exc.strerror or exc})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return [Problem(name, "(file)", f"is not valid UTF-8 (offset {exc.start})", line, None)]
    if source.suffix.lower() in {".yaml", ".yml"}:
        return _validate_yaml(name, text)
    return _validate_json(name, text)


def _validate_yaml(name: str, text: str) -> list[Problem]:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where: Position | tuple[None, None] = (
            (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        )
        reason = exc.problem or str(exc)
        return [Problem(name, "(file)", f"invalid YAML: {reason}", *where)]
    except yaml.YAMLError as exc:
        return [Problem(name, "(file)", f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return _schema_problems(name, data, lambda loc, kind: _yaml_position(node, loc, kind))


def _validate_json(name: str, text: str) -> list[Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Problem(name, "(file)", f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)]
    positions = _JsonPositions(text)
    return _schema_problems(name, data, positions.find)


def _schema_problems(name: str, data: Any, locate: Any) -> list[Problem]:
    try:
        Agreement.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            line, column = locate(loc, err["type"])
            problems.append(Problem(name, _location(loc), err["msg"], line, column))
        return problems
    return []


def _target(loc: Loc, kind: str) -> tuple[Loc, str]:
    """Which node an error points at: the parent object for a missing field, the key for
    an unknown one, the value otherwise."""
    if kind == "missing" and loc:
        return loc[:-1], "value"
    if kind == "extra_forbidden" and loc:
        return loc, "key"
    return loc, "value"


def _yaml_position(root: Any, loc: Loc, kind: str) -> Position | tuple[None, None]:
    import yaml

    if root is None:
        return None, None
    wanted, what = _target(loc, kind)
    node = root
    for depth, part in enumerate(wanted):
        last = depth == len(wanted) - 1
        if isinstance(node, yaml.MappingNode):
            match = next((kv for kv in node.value if kv[0].value == str(part)), None)
            if match is None:
                break
            node = match[0] if (last and what == "key") else match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


class _JsonPositions:
    """Offsets of every value and key in a (valid) JSON text, by field path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.values: dict[Loc, int] = {}
        self.keys: dict[Loc, int] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._value(0, ())

    def find(self, loc: Loc, kind: str) -> Position:
        wanted, what = _target(loc, kind)
        table = self.keys if what == "key" else self.values
        while wanted and wanted not in table:
            wanted, table = wanted[:-1], self.values
        offset = table.get(wanted, 0)
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _skip(self, i: int) -> int:
        match = _WHITESPACE.match(self.text, i)
        assert match is not None
        return match.end()

    def _value(self, i: int, loc: Loc) -> int:
        from json.decoder import scanstring  # type: ignore[attr-defined]

        text = self.text
        i = self._skip(i)
        self.values[loc] = i
        char = text[i]
        if char == '"':
            return int(scanstring(text, i + 1)[1])
        if char in "{[":
            closing = "}" if char == "{" else "]"
            i = self._skip(i + 1)
            index = 0
            while text[i] != closing:
                if char == "{":
                    key, after = scanstring(text, i + 1)
                    self.keys[(*loc, key)] = i
                    i = self._skip(after) + 1  # past the colon
                    i = self._value(i, (*loc, key))
                else:
                    i = self._value(i, (*loc, index))
                    index += 1
                i = self._skip(i)
                if text[i] == ",":
                    i = self._skip(i + 1)
            return i + 1
        match = _SCALAR.match(text, i)
        assert match is not None
        return match.end()
