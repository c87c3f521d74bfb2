"""What a batch reports: one `FileResult` per input (its manifest line) and the summary."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from ..codes import at_least
from ..options import Severity

# skipped: not tried for a reason outside the file (error_kind environment)
Status = Literal["ok", "failed", "skipped"]
# input: the file's fault; output: its output could not be written (permissions, a full disk);
# timeout / memory / crash: the worker was stopped; internal: a bug;
# environment: the machine lacks something (the OCR engine), the same for every file.
ErrorKind = Literal["input", "output", "timeout", "memory", "crash", "internal", "environment"]
REVIEW_SEVERITY = Severity.WARNING  # a file with warnings this severe `needs_review`


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
    stopped: str | None = None  # why the batch stopped early (e.g. the output disk is full)

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
        return 1 if self.failed or self.skipped or self.interrupted or self.stopped else 0


def _worst_at_least(result: FileResult, threshold: Severity) -> bool:
    return bool(at_least(list(result.warning_codes), threshold))


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM during `run_batch`: workers were stopped, everything finished is
    kept in the manifest."""

    def __init__(self, summary: BatchSummary) -> None:
        super().__init__("batch interrupted")
        self.summary = summary


class BatchListener(Protocol):
    """Receives progress from `run_batch` (the CLI renders it; the library never prints)."""

    def started(self, total: int, resumed: int, jobs: int) -> None: ...

    def finished(self, result: FileResult) -> None: ...
