"""The worker pool: long-lived worker processes, one task each at a time, with a deadline
per task; a worker past its deadline is killed with its process group (OCR engines,
LibreOffice) and replaced, and each runs under an address-space limit.

Not `pebble`: its pool kills a timed-out worker but not what that worker started (a
tesseract or soffice would live on), cannot set a per-worker rlimit, and does not report
the workers' peak memory the summary shows; this pool does those in ~150 lines.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from ..bounded import die_with_parent, limit_memory, quiet_warnings
from .convert import Task, convert_one, failure
from .results import ErrorKind, FileResult


def run_pool(
    tasks: list[Task],
    jobs: int,
    timeout: float,
    record: Callable[[FileResult], None],
    peak_mb: list[float],
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Feed tasks to `jobs` long-lived workers, one task each at a time, enforcing deadlines.
    `peak_mb[0]` is raised to the largest resident memory any worker reported. Once `stop()`
    is true no new task is started (those running are finished and recorded)."""
    if not tasks:
        return
    from multiprocessing.connection import wait

    context = _mp_context()
    # Largest first, so one big file does not start last and become the tail of the run.
    pending = deque(sorted(tasks, key=lambda t: (-_size(t.path), t.path)))
    memory_limit = tasks[0].memory_limit
    pool = [_Worker(context, memory_limit) for _ in range(jobs)]
    try:
        while pending or any(w.task is not None for w in pool):
            if stop():
                pending.clear()
                if not any(w.task is not None for w in pool):
                    break
            for worker in pool:
                if worker.task is None and pending:
                    worker.assign(pending.popleft(), timeout)
            busy = [w for w in pool if w.task is not None]
            now = time.monotonic()
            wait_for = max(0.0, min(w.deadline for w in busy) - now)
            ready = set(wait([o for w in busy for o in (w.conn, w.process.sentinel)], wait_for))
            for worker in busy:
                outcome = worker.collect(ready, timeout)
                if outcome is None:
                    continue
                result, usable = outcome
                peak_mb[0] = max(peak_mb[0], worker.peak_mb)
                record(result)
                if not usable:
                    worker.stop()
                    pool[pool.index(worker)] = _Worker(context, memory_limit)
    finally:
        for worker in pool:
            worker.stop()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _mp_context() -> Any:
    import multiprocessing

    # forkserver: workers are forked from a clean, pre-warmed server, not from this
    # process (which may run a progress thread), so start-up is cheap and safe.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["delaftale_cli.batch.pool", "delaftale_cli.api"])
    return context


class _Worker:
    """One worker process with its own pipe; `task` is what it works on, if anything."""

    def __init__(self, context: Any, memory_limit: int | None) -> None:
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child_conn, memory_limit), daemon=True
        )
        self.process.start()
        child_conn.close()
        self.task: Task | None = None
        self.peak_mb = 0.0
        self.deadline = 0.0
        self.started = 0.0

    def assign(self, task: Task, timeout: float) -> None:
        self.task = task
        self.started = time.monotonic()
        self.deadline = self.started + timeout
        self.conn.send(task)

    def collect(self, ready: set[Any], timeout: float) -> tuple[FileResult, bool] | None:
        """(result, worker still usable) once the task is done, the worker died or ran out
        of time; None while it is still working."""
        task = self.task
        assert task is not None
        if self.conn in ready:
            try:
                result, healthy, peak_kb = self.conn.recv()
            except (EOFError, OSError):
                pass
            else:
                self.task = None
                self.peak_mb = max(self.peak_mb, peak_kb / 1024)
                return result, healthy
        if self.process.sentinel in ready or self.conn in ready:
            self.process.join(1)
            code = self.process.exitcode
            why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
            kind: ErrorKind = "crash"
            if code == -signal.SIGKILL:  # the kernel's out-of-memory killer
                why += " (out of memory)"
                kind = "memory"
            self.task = None
            return failure(task, kind, f"the worker process died ({why})", self.elapsed()), False
        if time.monotonic() >= self.deadline:
            self.kill()
            self.task = None
            return failure(task, "timeout", f"took longer than {timeout:g} s", timeout), False
        return None

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def kill(self) -> None:
        """Kill the worker and anything it started (OCR engines, converters)."""
        pid = self.process.pid
        if pid is not None and self.process.is_alive():
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.process.kill()
        self.process.join(5)

    def stop(self) -> None:
        """End the worker: politely when idle, by force when busy."""
        if self.task is None and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(2)
        if self.process.is_alive():
            self.kill()
        self.conn.close()


def _worker_main(conn: Any, memory_limit: int | None) -> None:
    """Worker loop: receive a task, convert it, send the result; None or EOF ends it."""
    os.setpgrp()  # own process group: Ctrl-C goes to the parent, a kill takes the children
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    # The pool is the parallelism: one OCR engine thread per worker avoids oversubscription.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import resource

    quiet_warnings()
    limit_memory(memory_limit)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result, healthy = convert_one(task)
        try:
            conn.send((result, healthy, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
        except OSError:
            return
        if not healthy:  # after a MemoryError the heap is suspect: let a fresh worker go on
            return
