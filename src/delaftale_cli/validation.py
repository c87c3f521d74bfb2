"""Checking JSON/YAML agreement files against the models (`delaftale validate`).

Every problem carries the line and column it refers to, also for schema errors: the
pydantic error location (`indicators[2].measurements[0].value`) is traced back through
the YAML node tree (yaml.compose) or a small position scanner for JSON. A missing field
points at the object that lacks it, an unknown field at its key, a wrong value at the value.

Besides the schema: a key given twice in one object is an error (JSON and YAML alike), a
UTF-8 byte order mark is accepted, and `checks.py` compares fields with each other. With
`warnings_from`, the file's own `warnings` at or above that severity become problems too
(`validate --strict`).
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

from .checks import cross_field_findings
from .codes import severity
from .errors import printable
from .models import Agreement
from .options import Severity

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
    severity: Severity = Severity.ERROR
    # unreadable (the file could not be read), syntax, duplicate_key, schema, check, warning
    kind: str = "schema"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _location(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def validate_file(path: str | Path, *, warnings_from: Severity | None = None) -> list[Problem]:
    """All problems with one agreement file; none at severity `error` means it is valid."""
    source = Path(path)
    name = printable(source)  # a name's bytes that are not UTF-8 shown as \xNN
    from .validation_limits import too_large

    if source.exists() and not source.is_file() and not source.is_dir():
        reason = "is not a regular file (a FIFO, socket or device); refusing to read it"
        return [Problem(name, "(file)", reason, kind="unreadable")]
    try:
        large = too_large(source.stat().st_size) if source.is_file() else None
        if large is not None:  # not read, so neither valid nor invalid: exit 2
            return [Problem(name, "(file)", large, kind="unreadable")]
        raw = source.read_bytes()
    except FileNotFoundError:
        return [Problem(name, "(file)", "no such file", kind="unreadable")]
    except IsADirectoryError:
        return [Problem(name, "(file)", "is a directory, not a file", kind="unreadable")]
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc})"
        return [Problem(name, "(file)", reason, kind="unreadable")]
    yaml_suffix = source.suffix.lower() in {".yaml", ".yml"}
    return validate_bytes(name, raw, is_yaml=yaml_suffix, warnings_from=warnings_from)


def validate_bytes(
    name: str, raw: bytes, *, is_yaml: bool | None = None, warnings_from: Severity | None = None
) -> list[Problem]:
    """`validate_file` for bytes held in memory (e.g. standard input); it sniffs
    the syntax (`is_yaml=None`): JSON when the text starts with `{`, else YAML."""
    from . import validation_limits as limits

    large = limits.too_large(len(raw), whole=len(raw) != limits.MAX_FILE_BYTES + 1)
    if large is not None:
        return [Problem(name, "(file)", large, kind="unreadable")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"is not valid UTF-8 (offset {exc.start})"
        return [Problem(name, "(file)", message, line, None, kind="syntax")]
    if is_yaml is None:
        is_yaml = not text.lstrip().startswith("{")
    beyond = limits.yaml_problem(text) if is_yaml else limits.json_problem(text)
    if beyond is not None:
        line, column = limits.line_column(text, beyond[1])
        return [Problem(name, "(file)", beyond[0], line, column, kind="syntax")]
    try:
        parsed = _load_yaml(name, text) if is_yaml else _load_json(name, text)
    except RecursionError:
        return [Problem(name, "(file)", "is nested too deeply to read", kind="syntax")]
    if isinstance(parsed, list):
        return parsed
    data, duplicates, locate = parsed
    infinite = limits.non_finite(data)
    if infinite is not None:
        line, column = locate(infinite, "value")
        message = "is not a finite number (NaN and infinity are not allowed)"
        return [Problem(name, _location(infinite), message, line, column, kind="syntax")]
    problems = duplicates + _schema_problems(name, data, locate)
    if problems:
        return problems
    agreement = Agreement.model_validate(data)
    for finding in cross_field_findings(agreement):
        line, column = locate(finding.loc, "value")
        message, where = finding.message, _location(finding.loc)
        problems.append(Problem(name, where, message, line, column, finding.severity, "check"))
    if warnings_from is not None:
        for i, warning in enumerate(agreement.warnings):
            level = severity(warning.code)
            if level.rank >= warnings_from.rank:
                line, column = locate(("warnings", i), "value")
                message = f"{warning.code.value}: {warning.message}"
                problems.append(
                    Problem(name, f"warnings[{i}]", message, line, column, level, "warning")
                )
    return problems


Loaded = tuple[Any, list[Problem], Any]


def _load_yaml(name: str, text: str) -> Loaded | list[Problem]:
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
        message = f"invalid YAML: {reason}"
        return [Problem(name, "(file)", message, where[0], where[1], kind="syntax")]
    except yaml.YAMLError as exc:
        return [Problem(name, "(file)", f"invalid YAML: {exc}", kind="syntax")]
    finally:
        loader.dispose()
    duplicates = [
        Problem(name, _location(loc), f"duplicate key {loc[-1]!r}", line, col, kind="duplicate_key")
        for loc, (line, col) in _yaml_duplicates(node, ())
    ]
    return data, duplicates, lambda loc, kind: _yaml_position(node, loc, kind)


def _yaml_duplicates(node: Any, loc: Loc) -> list[tuple[Loc, Position]]:
    """(field path, position) of every key that repeats an earlier key of its mapping."""
    import yaml

    found: list[tuple[Loc, Position]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                found.append(((*loc, name), (key.start_mark.line + 1, key.start_mark.column + 1)))
            seen.add(name)
            found.extend(_yaml_duplicates(value, (*loc, name)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found.extend(_yaml_duplicates(item, (*loc, i)))
    return found


def _load_json(name: str, text: str) -> Loaded | list[Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"invalid JSON: {exc.msg}"
        return [Problem(name, "(file)", message, exc.lineno, exc.colno, kind="syntax")]
    positions = _JsonPositions(text)
    duplicates = []
    for loc, offset in positions.duplicates:
        line, column = positions.position(offset)
        message = f"duplicate key {loc[-1]!r}"
        duplicates.append(
            Problem(name, _location(loc), message, line, column, kind="duplicate_key")
        )
    return data, duplicates, positions.find


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
        self.duplicates: list[tuple[Loc, int]] = []  # (field path, offset of the repeat)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._value(0, ())

    def find(self, loc: Loc, kind: str) -> Position:
        wanted, what = _target(loc, kind)
        table = self.keys if what == "key" else self.values
        while wanted and wanted not in table:
            wanted, table = wanted[:-1], self.values
        return self.position(table.get(wanted, 0))

    def position(self, offset: int) -> Position:
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
                    if (*loc, key) in self.keys:
                        self.duplicates.append(((*loc, key), i))
                    else:
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
