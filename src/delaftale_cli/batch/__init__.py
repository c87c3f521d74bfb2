"""Batch conversion: many agreements in parallel, resumable, honest about every failure.

`run_batch` finds the inputs (files, folders searched recursively, glob patterns; see
`discover`), converts each in a pool of long-lived worker processes (`pool`, `convert`)
and writes one output per input under the output folder, mirroring the inputs' layout
(`a/b/x.pdf` -> `OUTDIR/a/b/x.pdf.json`).

Every input ends as one line of `OUTDIR/manifest.jsonl` (`manifest`), appended and flushed
as soon as the file is done, so a killed batch loses nothing already written. Ctrl-C and
SIGTERM stop the workers and finish the manifest; a full output disk stops the batch
early (the inputs not tried are converted by a rerun with --resume).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import UsageError, printable, unwritable
from ..options import OcrMode, OutputFormat, choose
from .convert import Task, convert_one, disk_full
from .discover import (
    SUPPORTED_SUFFIXES,
    Discovery,
    InputFile,
    discover_inputs,
    in_shard,
    output_relative,
    parse_shard,
)
from .manifest import (
    MANIFEST_NAME,
    ManifestLog,
    compact_manifest,
    manifest_name,
    read_manifest,
    resumable,
)
from .pool import run_pool
from .results import (
    BatchInterrupted,
    BatchListener,
    BatchSummary,
    ErrorKind,
    FileResult,
    Status,
)

__all__ = [
    "MANIFEST_NAME",
    "SUPPORTED_SUFFIXES",
    "BatchInterrupted",
    "BatchListener",
    "BatchSummary",
    "Discovery",
    "ErrorKind",
    "FileResult",
    "InputFile",
    "Status",
    "convert_one",
    "discover_inputs",
    "in_shard",
    "manifest_name",
    "output_relative",
    "parse_shard",
    "read_manifest",
    "run_batch",
]

DEFAULT_TIMEOUT = 300.0
DEFAULT_MEMORY_LIMIT = 4 << 30


def run_batch(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    fmt: OutputFormat | str = OutputFormat.JSON,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    resume: bool = False,
    shard: tuple[int, int] | None = None,
    ocr: OcrMode | str = OcrMode.AUTO,
    repair: bool = True,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    listener: BatchListener | None = None,
) -> BatchSummary:
    """Convert every input into OUTDIR; see the module docstring.

    Raises InputError when an argument names nothing, UsageError for an option value that
    does not exist, OutputError when OUTDIR cannot be made, and `BatchInterrupted`
    (carrying the summary so far) on Ctrl-C or SIGTERM. Failures of single files never
    raise: they are results.
    """
    from .. import __version__

    fmt = choose(OutputFormat, fmt, "fmt")
    ocr = choose(OcrMode, ocr, "ocr")
    _check_numbers(timeout, jobs, memory_limit)
    started = time.monotonic()
    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise unwritable(out, exc) from exc
    discovery = discover_inputs(inputs, exclude=out)
    files = [f for f in discovery.files if in_shard(f.relative, shard)]
    options: dict[str, Any] = {"format": fmt, "ocr": ocr, "repair": repair}
    manifest_path = out / manifest_name(shard)
    plan = _Plan(__version__, options, memory_limit, fmt, repair, ocr)
    results, tasks, early = plan.sort(files, out, manifest_path, resume)
    workers = max(1, min(jobs or _cpu_count(), len(tasks) or 1))
    if listener is not None:
        listener.started(len(files), len(results), workers)
        for result in results.values():
            listener.finished(result)

    interrupted = False
    stopped: list[str] = []
    peak: list[float] = [0.0]
    try:
        log = ManifestLog(manifest_path).__enter__()
    except OSError as exc:
        raise unwritable(manifest_path, exc) from exc
    with log, _sigterm_as_interrupt():

        def record(result: FileResult) -> None:
            results[result.path] = result
            try:
                log.append(result)
            except OSError as exc:  # the manifest's disk is full: stop, keep what is there
                stopped.append(f"the manifest cannot be written ({unwritable(log.path, exc)})")
            if disk_full(result) and not stopped:
                stopped.append(f"the output disk is full ({result.error})")
            if listener is not None:
                listener.finished(result)

        try:
            for result in early:
                record(result)
            run_pool(tasks, workers, timeout, record, peak, stop=lambda: bool(stopped))
        except KeyboardInterrupt:
            interrupted = True
    with contextlib.suppress(OSError):  # on a full disk the appended log is kept as it is
        compact_manifest(manifest_path, results)
    summary = BatchSummary(
        outdir=out,
        manifest=manifest_path,
        results=sorted(results.values(), key=lambda r: r.path),
        ignored=discovery.ignored,
        seconds=time.monotonic() - started,
        jobs=workers,
        interrupted=interrupted,
        peak_worker_mb=peak[0],
        stopped=stopped[0] if stopped else None,
    )
    if interrupted:
        raise BatchInterrupted(summary)
    return summary


def _check_numbers(timeout: float, jobs: int | None, memory_limit: int | None) -> None:
    if timeout <= 0:
        raise UsageError("timeout", f"must be positive, not {timeout}")
    if jobs is not None and jobs < 1:
        raise UsageError("jobs", f"must be at least 1, not {jobs}")
    if memory_limit is not None and memory_limit < 0:
        raise UsageError("memory_limit", f"must not be negative, not {memory_limit}")


class _Plan:
    """Sorts the inputs into: known bad at once, up to date (--resume), to convert."""

    def __init__(
        self,
        version: str,
        options: dict[str, Any],
        memory_limit: int | None,
        fmt: OutputFormat,
        repair: bool,
        ocr: OcrMode,
    ) -> None:
        self.version, self.options, self.memory_limit = version, options, memory_limit
        self.fmt, self.repair, self.ocr = fmt, repair, ocr

    def sort(
        self, files: list[InputFile], out: Path, manifest_path: Path, resume: bool
    ) -> tuple[dict[str, FileResult], list[Task], list[FileResult]]:
        previous = read_manifest(manifest_path)
        # the same file named another way ("in/a.pdf" in one run, "/data/in/a.pdf" next)
        previous_real = {os.path.realpath(p): record for p, record in previous.items()}
        kept: dict[str, FileResult] = {}
        tasks: list[Task] = []
        early: list[FileResult] = []
        for item in files:
            if item.problem is not None:
                early.append(self.failed(item, item.problem))
                continue
            rel_out = output_relative(item.relative, self.fmt)
            if resume:
                earlier = previous.get(item.path) or previous_real.get(os.path.realpath(item.path))
                done = resumable(item.path, earlier, out / rel_out, self.version, self.options)
                if done is not None:
                    kept[item.path] = done
                    continue
            tasks.append(self.task(item, out, rel_out))
        return kept, tasks, early

    def failed(self, item: InputFile, problem: str) -> FileResult:
        return FileResult(
            printable(item.path),
            "failed",
            error_kind="input",
            error=problem,
            tool_version=self.version,
            options=self.options,
        )

    def task(self, item: InputFile, out: Path, rel_out: str) -> Task:
        return Task(
            item.path,
            str((out / rel_out).absolute()),
            rel_out,
            self.fmt,
            self.repair,
            self.ocr,
            self.version,
            self.options,
            self.memory_limit,
        )


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler, `docker stop`) handled as Ctrl-C: workers stopped, manifest
    finished. Only the main thread can install a handler; elsewhere nothing changes."""
    try:
        before = signal.signal(signal.SIGTERM, _raise_interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
