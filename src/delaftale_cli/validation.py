"""Checking JSON/YAML agreement files against the models (`delaftale validate`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import Agreement


@dataclass(frozen=True)
class Problem:
    """One reason a file is not a valid agreement; `location` is a field path like
    `indicators[2].measurements[0].value`."""

    path: str
    location: str
    message: str
    line: int | None = None
    column: int | None = None


def _location(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


def _load(path: Path) -> tuple[Any, list[Problem]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(str(path), "(file)", "no such file")]
    except IsADirectoryError:
        return None, [Problem(str(path), "(file)", "is a directory, not a file")]
    except OSError as exc:
        return None, [Problem(str(path), "(file)", f"cannot be read ({exc.strerror or exc})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), "(file)", f"is not valid UTF-8 (offset {exc.start})")]
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        try:
            return yaml.safe_load(text), []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            col = mark.column + 1 if mark is not None else None
            reason = getattr(exc, "problem", None) or str(exc)
            return None, [Problem(str(path), "(file)", f"invalid YAML: {reason}", line, col)]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as exc:
        return None, [
            Problem(str(path), "(file)", f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)
        ]


def validate_file(path: str | Path) -> list[Problem]:
    """All problems with one agreement file; an empty list means it is valid."""
    source = Path(path)
    data, problems = _load(source)
    if problems:
        return problems
    try:
        Agreement.model_validate(data)
    except ValidationError as exc:
        return [
            Problem(str(source), _location(tuple(err["loc"])), err["msg"])
            for err in exc.errors(include_url=False)
        ]
    return []
