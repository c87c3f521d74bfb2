"""Batch conversion: many agreements in parallel, resumable, honest about every failure.

`run_batch` finds the inputs (files, folders searched recursively, glob patterns), converts
each in a pool of long-lived worker processes and writes one output per input under the
output folder, mirroring the inputs' layout (`a/b/x.pdf` -> `OUTDIR/a/b/x.pdf.json`).

Every input ends as one line of `OUTDIR/manifest.jsonl`, appended and flushed as soon as the
file is done, so a killed batch loses nothing already written. A worker that passes the time
limit is killed with its process group and replaced; each worker runs under an address-space
limit, so a zip bomb fails with a memory error instead of eating the machine.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import signal
import stat
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from .codes import at_least
from .errors import InputError, ToolUnavailableError, UsageError
from .extractors import SUFFIXES
from .options import OcrMode, OutputFormat, Severity, choose

# skipped: not tried for a reason outside the file (error_kind environment)
Status = Literal["ok", "failed", "skipped"]
# input: the file's fault; timeout / memory / crash: the worker was stopped; internal: a bug;
# environment: the machine lacks something (the OCR engine), the same for every file.
ErrorKind = Literal["input", "timeout", "memory", "crash", "internal", "environment"]
REVIEW_SEVERITY = Severity.WARNING  # a file with warnings this severe `needs_review`

SUPPORTED_SUFFIXES = SUFFIXES  # what folders contribute: every backend's suffixes
DEFAULT_TIMEOUT = 300.0
DEFAULT_MEMORY_LIMIT = 4 << 30
MANIFEST_NAME = "manifest.jsonl"
_GLOB_MAGIC = frozenset("*?[")


@dataclass(frozen=True)
class InputFile:
    """One input found by `discover_inputs`.

    `relative` is the posix path below the batch root that the output mirrors; `problem`
    is set when discovery already knows the file cannot be read (a broken link, a FIFO).
    """

    path: str
    relative: str
    problem: str | None = None


@dataclass(frozen=True)
class Discovery:
    """What the inputs expand to: files to convert, and files left out because of their type."""

    files: list[InputFile]
    ignored: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FileResult:
    """The outcome for one input: exactly what its manifest line holds."""

    path: str
    status: Status
    sha256: str | None = None
    output: str | None = None
    error_kind: ErrorKind | None = None
    error: str | None = None
    warnings: int = 0
    warning_codes: dict[str, int] = field(default_factory=dict)
    needs_review: bool = False
    repairs: int = 0
    pages: int = 0
    seconds: float = 0.0
    tool_version: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    resumed: bool = False

    def to_record(self) -> dict[str, Any]:
        """The manifest line (without the run-local `resumed` flag)."""
        record = asdict(self)
        del record["resumed"]
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> FileResult:
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in record.items() if k in names and k != "resumed"})


@dataclass
class BatchSummary:
    """What `run_batch` did; `results` has one entry per input of this run, sorted by path."""

    outdir: Path
    manifest: Path
    results: list[FileResult]
    ignored: list[str]
    seconds: float
    jobs: int
    interrupted: bool = False
    peak_worker_mb: float = 0.0

    @property
    def converted(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "ok" and not r.resumed]

    @property
    def resumed(self) -> list[FileResult]:
        return [r for r in self.results if r.resumed]

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def skipped(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "skipped"]

    @property
    def environment_problems(self) -> list[str]:
        """Distinct problems of the machine (e.g. no OCR engine), each to be reported once."""
        return sorted({r.error or "" for r in self.skipped if r.error_kind == "environment"})

    @property
    def needs_review(self) -> list[FileResult]:
        """Converted files whose warnings include one of severity `warning` or higher."""
        return [r for r in self.results if r.status == "ok" and r.needs_review]

    def flagged(self, threshold: Severity) -> list[FileResult]:
        """Converted files with a warning of `threshold` severity or higher (`--strict`)."""
        return [r for r in self.results if r.status == "ok" and _worst_at_least(r, threshold)]

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results if not r.resumed)

    @property
    def exit_code(self) -> int:
        """0 when every input has its output, 1 when some failed or were skipped."""
        return 1 if self.failed or self.skipped or self.interrupted else 0


def _worst_at_least(result: FileResult, threshold: Severity) -> bool:
    return bool(at_least(list(result.warning_codes), threshold))


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during `run_batch`: workers were stopped, everything finished is kept."""

    def __init__(self, summary: BatchSummary) -> None:
        super().__init__("batch interrupted")
        self.summary = summary


class BatchListener(Protocol):
    """Receives progress from `run_batch` (the CLI renders it; the library never prints)."""

    def started(self, total: int, resumed: int, jobs: int) -> None: ...

    def finished(self, result: FileResult) -> None: ...


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' -> (K, N) with 1 <= K <= N. Raises UsageError."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise UsageError("shard", f"must look like K/N (e.g. 2/4), not {text!r}") from None
    if not 1 <= k <= n:
        raise UsageError("shard", f"{text}: K must be between 1 and N")
    return k, n


def in_shard(relative: str, shard: tuple[int, int] | None) -> bool:
    """Whether an input belongs to shard K of N; decided by its relative path alone, so
    every machine computes the same split without reading the files."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(relative.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def output_relative(relative: str, fmt: OutputFormat) -> str:
    """The output's path below OUTDIR: the input's relative path plus `.json`/`.yaml`
    (keeping the input suffix, so x.docx and x.pdf do not collide)."""
    return f"{relative}.{fmt}"


def manifest_name(shard: tuple[int, int] | None) -> str:
    """`manifest.jsonl`, or one file per shard so shards can share an output folder."""
    if shard is None:
        return MANIFEST_NAME
    return f"manifest.shard-{shard[0]}-of-{shard[1]}.jsonl"


# --- discovery -----------------------------------------------------------------------


def discover_inputs(inputs: Sequence[str | Path], *, exclude: Path | None = None) -> Discovery:
    """Expand files, folders (recursively, following links once) and glob patterns.

    Folders and patterns contribute files with a supported suffix (others are listed in
    `ignored`); hidden files and Word lock files (`~$x.docx`) are left out. A file named
    explicitly is always taken, whatever its suffix, so its problem gets reported. Raises
    InputError when an argument names nothing.
    """
    found: list[tuple[str, str | None]] = []  # (path, problem)
    roots: list[str] = []
    ignored: list[str] = []
    visited: set[tuple[int, int]] = set()
    excluded = os.path.abspath(exclude) if exclude is not None else None
    for item in inputs:
        arg = str(item)
        if any(ch in _GLOB_MAGIC for ch in arg) and not os.path.lexists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError(arg, "the pattern matches no files")
            roots.append(_glob_root(arg))
            for match in matches:
                if os.path.isdir(match):
                    found.extend(_walk(match, visited, ignored, excluded))
                elif _wanted(match):
                    found.append((match, _file_problem(match)))
                else:
                    ignored.append(match)
        elif os.path.isdir(arg):
            roots.append(arg)
            found.extend(_walk(arg, visited, ignored, excluded))
        elif os.path.lexists(arg):
            roots.append(os.path.dirname(arg) or ".")
            found.append((arg, _file_problem(arg)))
        else:
            raise InputError(arg, "no such file or folder")
    base = os.path.commonpath([os.path.abspath(r) for r in roots]) if roots else "."
    files: dict[str, InputFile] = {}
    for path, problem in found:
        relative = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
        files.setdefault(relative, InputFile(path, relative, problem))
    return Discovery(sorted(files.values(), key=lambda f: f.relative), sorted(ignored))


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    plain: list[str] = []
    for part in parts:
        if any(ch in _GLOB_MAGIC for ch in part):
            break
        plain.append(part)
    return str(Path(*plain)) if plain else "."


def _wanted(path: str) -> bool:
    name = os.path.basename(path)
    if name.startswith((".", "~$")):
        return False
    return os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _walk(
    folder: str, visited: set[tuple[int, int]], ignored: list[str], excluded: str | None
) -> Iterable[tuple[str, str | None]]:
    try:
        info = os.stat(folder)
    except OSError as exc:
        yield folder, f"folder cannot be read ({exc.strerror})"
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:  # a link back to a folder already searched: a loop or a duplicate
        return
    visited.add(key)
    if excluded is not None and os.path.abspath(folder) == excluded:
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, f"folder cannot be read ({exc.strerror})"
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, visited, ignored, excluded)
        elif _wanted(entry.path):
            yield entry.path, _file_problem(entry.path)
        else:
            ignored.append(entry.path)


def _file_problem(path: str) -> str | None:
    """Why `path` cannot be converted at all, or None when it is a regular file."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            import errno

            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return "broken symbolic link"
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device)"
    return None


# --- the run -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    path: str
    output: str  # absolute
    output_relative: str
    fmt: OutputFormat
    repair: bool
    ocr: OcrMode
    tool_version: str
    options: dict[str, Any]
    memory_limit: int | None


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
    does not exist, and `BatchInterrupted` (carrying the summary so far) on Ctrl-C. Failures
    of single files never raise: they are results.
    """
    from . import __version__

    fmt = choose(OutputFormat, fmt, "fmt")
    ocr = choose(OcrMode, ocr, "ocr")
    if timeout <= 0:
        raise UsageError("timeout", f"must be positive, not {timeout}")
    if jobs is not None and jobs < 1:
        raise UsageError("jobs", f"must be at least 1, not {jobs}")
    if memory_limit is not None and memory_limit < 0:
        raise UsageError("memory_limit", f"must not be negative, not {memory_limit}")

    started = time.monotonic()
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    discovery = discover_inputs(inputs, exclude=out)
    files = [f for f in discovery.files if in_shard(f.relative, shard)]
    options = {"format": fmt, "ocr": ocr, "repair": repair}
    manifest_path = out / manifest_name(shard)
    previous = read_manifest(manifest_path)
    # the same file named another way ("in/a.pdf" in one run, "/data/in/a.pdf" in the next)
    previous_real = {os.path.realpath(p): record for p, record in previous.items()}

    results: dict[str, FileResult] = {}
    tasks: list[_Task] = []
    early: list[FileResult] = []
    for item in files:
        if item.problem is not None:
            early.append(
                FileResult(
                    item.path,
                    "failed",
                    error_kind="input",
                    error=item.problem,
                    tool_version=__version__,
                    options=options,
                )
            )
            continue
        rel_out = output_relative(item.relative, fmt)
        if resume:
            earlier = previous.get(item.path) or previous_real.get(os.path.realpath(item.path))
            kept = _resumable(item.path, earlier, out / rel_out, __version__, options)
            if kept is not None:
                results[item.path] = kept
                continue
        tasks.append(
            _Task(
                item.path,
                str((out / rel_out).absolute()),
                rel_out,
                fmt,
                repair,
                ocr,
                __version__,
                options,
                memory_limit,
            )
        )
    workers = max(1, min(jobs or _cpu_count(), len(tasks) or 1))
    if listener is not None:
        listener.started(len(files), len(results), workers)
    for result in results.values():
        if listener is not None:
            listener.finished(result)

    interrupted = False
    with _ManifestLog(manifest_path) as log:

        def record(result: FileResult) -> None:
            results[result.path] = result
            log.append(result)
            if listener is not None:
                listener.finished(result)

        for result in early:
            record(result)
        peak: list[float] = [0.0]
        try:
            _run_pool(tasks, workers, timeout, record, peak)
        except KeyboardInterrupt:
            interrupted = True
    _compact_manifest(manifest_path, results)
    summary = BatchSummary(
        outdir=out,
        manifest=manifest_path,
        results=sorted(results.values(), key=lambda r: r.path),
        ignored=discovery.ignored,
        seconds=time.monotonic() - started,
        jobs=workers,
        interrupted=interrupted,
        peak_worker_mb=peak[0],
    )
    if interrupted:
        raise BatchInterrupted(summary)
    return summary


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _resumable(
    path: str,
    record: dict[str, Any] | None,
    output: Path,
    version: str,
    options: dict[str, Any],
) -> FileResult | None:
    """The previous result for the input at `path`, if its output can be kept as it is."""
    from .api import file_sha256

    if record is None or record.get("status") != "ok":
        return None
    if record.get("tool_version") != version or record.get("options") != options:
        return None
    if not output.is_file():
        return None
    try:
        if file_sha256(path) != record.get("sha256"):
            return None
    except OSError:
        return None
    return replace(FileResult.from_record(record), path=path, resumed=True)


# --- manifest ------------------------------------------------------------------------


def read_manifest(path: str | Path) -> dict[str, dict[str, Any]]:
    """Input path -> its latest manifest record. A line cut short by a kill is skipped."""
    records: dict[str, dict[str, Any]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return records
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and isinstance(record.get("path"), str):
            records[record["path"]] = record
    return records


class _ManifestLog:
    """Appends one JSON line per finished input, flushed and fsynced at once."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> _ManifestLog:
        # A line cut short by an earlier kill must not glue onto the next one.
        needs_newline = False
        if self.path.exists() and self.path.stat().st_size:
            with open(self.path, "rb") as handle:
                handle.seek(-1, os.SEEK_END)
                needs_newline = handle.read(1) != b"\n"
        self.handle = open(self.path, "a", encoding="utf-8")
        if needs_newline:
            self.handle.write("\n")
        return self

    def append(self, result: FileResult) -> None:
        self.handle.write(json.dumps(result.to_record(), ensure_ascii=False) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _compact_manifest(path: Path, results: dict[str, FileResult]) -> None:
    """Rewrite the log as one line per input, sorted by path; inputs of earlier runs that
    this run did not touch keep their line."""
    from .output import write_atomic

    records = read_manifest(path)
    current = {os.path.realpath(result.path) for result in results.values()}
    # a line of this run replaces the line of the same file named another way
    records = {k: v for k, v in records.items() if os.path.realpath(k) not in current}
    for result in results.values():
        records[result.path] = result.to_record()
    text = "".join(json.dumps(records[key], ensure_ascii=False) + "\n" for key in sorted(records))
    write_atomic(path, text)


# --- the worker pool -----------------------------------------------------------------


def _run_pool(
    tasks: list[_Task],
    jobs: int,
    timeout: float,
    record: Callable[[FileResult], None],
    peak_mb: list[float],
) -> None:
    """Feed tasks to `jobs` long-lived workers, one task each at a time, enforcing deadlines.
    `peak_mb[0]` is raised to the largest resident memory any worker reported."""
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
    context.set_forkserver_preload(["delaftale_cli.batch", "delaftale_cli.api"])
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
        self.task: _Task | None = None
        self.peak_mb = 0.0
        self.deadline = 0.0
        self.started = 0.0

    def assign(self, task: _Task, timeout: float) -> None:
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
            if code == -signal.SIGKILL:
                why += " (out of memory?)"
            self.task = None
            return _failure(task, kind, f"the worker process died ({why})", self.elapsed()), False
        if time.monotonic() >= self.deadline:
            self.kill()
            self.task = None
            return _failure(task, "timeout", f"took longer than {timeout:g} s", timeout), False
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


def _failure(task: _Task, kind: ErrorKind, error: str, seconds: float) -> FileResult:
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


def _worker_main(conn: Any, memory_limit: int | None) -> None:
    """Worker loop: receive a task, convert it, send the result; None or EOF ends it."""
    os.setpgrp()  # own process group: Ctrl-C goes to the parent, a kill takes the children
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    # The pool is the parallelism: one OCR engine thread per worker avoids oversubscription.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import resource

    if memory_limit:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
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


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def convert_one(task: _Task) -> tuple[FileResult, bool]:
    """Convert one input and write its output atomically; (result, worker still healthy)."""
    from .api import file_sha256, parse_file
    from .output import dumps, write_atomic

    started = time.perf_counter()
    base = FileResult(task.path, "failed", tool_version=task.tool_version, options=task.options)
    try:
        agreement = parse_file(task.path, repair=task.repair, ocr=task.ocr)
        write_atomic(task.output, dumps(agreement, task.fmt))
    except (InputError, MemoryError) as exc:
        if not _caused_by_memory(exc):
            assert isinstance(exc, InputError)
            result = replace(base, error_kind="input", error=exc.problem)
        else:
            limit = f" limit of {task.memory_limit >> 20} MiB" if task.memory_limit else ""
            result = replace(base, error_kind="memory", error=f"needs more than the memory{limit}")
            return replace(result, seconds=_since(started)), False
    except ToolUnavailableError as exc:
        result = replace(base, status="skipped", error_kind="environment", error=exc.problem)
    except RecursionError:
        result = replace(base, error_kind="internal", error="nesting too deep (RecursionError)")
    except Exception as exc:
        result = replace(base, error_kind="internal", error=f"{type(exc).__name__}: {exc}")
    else:
        codes = Counter(w.code.value for w in agreement.warnings)
        return (
            replace(
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
            ),
            True,
        )
    with contextlib.suppress(OSError, MemoryError):
        result = replace(result, sha256=file_sha256(task.path))
    return replace(result, seconds=_since(started)), True


def _caused_by_memory(exc: BaseException) -> bool:
    """Whether `exc` is, or was raised from, a MemoryError (extractors may wrap it)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
