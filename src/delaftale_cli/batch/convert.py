"""Converting one input in a worker: parse it, write its output atomically, and say what
happened in the terms of the manifest (`FileResult`)."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from ..bounded import caused_by_memory, memory_problem
from ..codes import at_least
from ..errors import InputError, OutputError, ToolUnavailableError
from ..options import OcrMode, OutputFormat
from .results import REVIEW_SEVERITY, ErrorKind, FileResult


@dataclass(frozen=True)
class Task:
    path: str
    output: str  # absolute
    output_relative: str
    fmt: OutputFormat
    repair: bool
    ocr: OcrMode
    tool_version: str
    options: dict[str, Any]
    memory_limit: int | None


def failure(task: Task, kind: ErrorKind, error: str, seconds: float) -> FileResult:
    # No sha256 here: hashing a pathological file in the parent would stall every worker.
    return FileResult(
        task.path,
        "failed",
        error_kind=kind,
        error=error,
        seconds=round(seconds, 3),
        tool_version=task.tool_version,
        options=task.options,
    )


def convert_one(task: Task) -> tuple[FileResult, bool]:
    """Convert one input and write its output atomically; (result, worker still healthy)."""
    from ..api import file_sha256, parse_file
    from ..output import dumps, write_output

    started = time.perf_counter()
    base = FileResult(task.path, "failed", tool_version=task.tool_version, options=task.options)
    try:
        agreement = parse_file(task.path, repair=task.repair, ocr=task.ocr)
        write_output(task.output, dumps(agreement, task.fmt))
    except OutputError as exc:
        result = replace(base, error_kind="output", error=exc.problem)
    except (InputError, MemoryError) as exc:
        if caused_by_memory(exc):
            result = replace(base, error_kind="memory", error=memory_problem(task.memory_limit))
            return replace(result, seconds=_since(started)), False
        assert isinstance(exc, InputError)
        kind: ErrorKind = getattr(exc, "kind", "input")
        result = replace(base, error_kind=kind, error=exc.problem)
    except ToolUnavailableError as exc:
        result = replace(base, status="skipped", error_kind="environment", error=exc.problem)
    except RecursionError:
        result = replace(base, error_kind="input", error="is nested too deeply to read")
    except Exception as exc:
        if caused_by_memory(exc):  # e.g. a library that cannot be mapped under the limit
            result = replace(base, error_kind="memory", error=memory_problem(task.memory_limit))
            return replace(result, seconds=_since(started)), False
        result = replace(base, error_kind="internal", error=f"{type(exc).__name__}: {exc}")
    else:
        return _converted(base, agreement, task, started), True
    with contextlib.suppress(OSError, MemoryError):
        result = replace(result, sha256=file_sha256(task.path))
    return replace(result, seconds=_since(started)), True


def _converted(base: FileResult, agreement: Any, task: Task, started: float) -> FileResult:
    codes = Counter(w.code.value for w in agreement.warnings)
    return replace(
        base,
        status="ok",
        sha256=agreement.source.sha256,
        output=task.output_relative,
        warnings=len(agreement.warnings),
        warning_codes=dict(sorted(codes.items())),
        needs_review=bool(at_least(list(codes), REVIEW_SEVERITY)),
        repairs=sum(r.count for r in agreement.repairs),
        pages=agreement.source.pages or 0,
        seconds=_since(started),
    )


def disk_full(result: FileResult) -> bool:
    """Whether a failed output says the disk is full (every later one would fail too)."""
    error = result.error or ""
    return result.error_kind == "output" and ("disk is full" in error or "quota" in error)


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
