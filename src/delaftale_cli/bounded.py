"""Run one document's work under a time and a memory limit, in a child process.

A hostile file must end in a clear error, not in a hang or a machine out of memory, and
no Python-level check can interrupt a C library looping over a PDF's object graph. So
`call_bounded` forks a child in its own process group with an address-space limit, waits
at most `timeout` seconds, and kills the child with everything it started (OCR engines,
LibreOffice) when it runs over. Errors raised in the child are raised again here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import InputError

T = TypeVar("T")


class LimitExceeded(InputError):
    """The document needed more time or memory than allowed. `kind` is "timeout" or
    "memory" (the batch manifest's failure kinds)."""

    def __init__(self, path: str | None, problem: str, kind: str) -> None:
        super().__init__(path, problem)
        self.kind = kind


def memory_problem(limit: int | None) -> str:
    limit_text = f" limit of {limit >> 20} MiB" if limit else ""
    return f"needs more than the memory{limit_text} (a decompression bomb or a huge page?)"


def die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def quiet_warnings() -> None:
    """Python warnings (Pillow's note on damaged EXIF, a library's deprecation) never reach
    stderr, which holds delaftale's one-line messages; -W or PYTHONWARNINGS shows them."""
    import sys
    import warnings

    if not sys.warnoptions:
        warnings.simplefilter("ignore")


def limit_memory(limit: int | None) -> None:
    if limit:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def caused_by_memory(exc: BaseException) -> bool:
    """Whether `exc` is, or was raised from, a MemoryError (extractors may wrap it)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        if isinstance(seen, OSError) and seen.errno == errno.ENOMEM:
            return True
        # a shared library that cannot be mapped under the address-space limit
        if isinstance(seen, ImportError) and _MAP_FAILED.search(str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_MAP_FAILED = re.compile(r"failed to map segment|cannot allocate memory", re.I)


def _child(conn: Any, func: Callable[[], Any], limit: int | None) -> None:
    os.setpgrp()  # a kill on timeout takes the children too; Ctrl-C reaches the parent only
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    quiet_warnings()
    limit_memory(limit)
    try:
        outcome: tuple[str, Any] = ("ok", func())
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as exc:  # everything is sent to the parent
        outcome = ("memory", None) if caused_by_memory(exc) else ("error", exc)
    try:
        conn.send(outcome)
    except Exception as exc:  # an unpicklable error: its text still reaches the parent
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    conn.close()


@dataclass(frozen=True)
class Limits:
    """Per-document limits: seconds and address-space bytes (None: no limit)."""

    timeout: float | None = 300.0
    memory_limit: int | None = 4 << 30


def call_bounded(func: Callable[[], T], limits: Limits, path: str | None) -> T:
    """`func()` in a child process under `limits`. Raises LimitExceeded naming `path`
    when a limit is passed, else whatever `func` raised."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    parent_conn, child_conn = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(child_conn, func, limits.memory_limit), daemon=True
    )
    process.start()
    child_conn.close()
    timeout = limits.timeout
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready = wait([parent_conn, process.sentinel], left)
            if parent_conn in ready:
                try:
                    kind, value = parent_conn.recv()
                except (EOFError, OSError):
                    kind, value = "died", None
                break
            if process.sentinel in ready:
                kind, value = "died", None
                break
            if deadline is not None and time.monotonic() >= deadline:
                kind, value = "timeout", None
                break
    finally:
        _kill(process)
        parent_conn.close()
    if kind == "ok":
        return value  # type: ignore[no-any-return,unused-ignore]
    if kind == "error":
        raise value
    if kind == "timeout":
        raise LimitExceeded(
            path,
            f"took longer than the time limit of {timeout:g} s; refusing to wait longer",
            "timeout",
        )
    code = process.exitcode
    if code is not None and code < 0 and code != -signal.SIGKILL:
        raise LimitExceeded(path, f"crashed the reader (signal {-code})", "crash")
    raise LimitExceeded(path, memory_problem(limits.memory_limit), "memory")


def _kill(process: Any) -> None:
    if process.is_alive():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.join(5)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # what it started may still run
        process.join(1)
