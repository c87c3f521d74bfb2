"""`delaftale batch`: render progress and the summary of `delaftale_cli.batch.run_batch`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .common import run

if TYPE_CHECKING:
    from ..batch import BatchSummary, FileResult


def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders (searched recursively) or quoted glob patterns."
    ),
    outdir: Path = typer.Option(..., "-o", "--out", help="Output folder (mirrors the inputs)."),
    fmt: str = typer.Option("json", "--format", "-f", help="json or yaml."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds allowed per file."),
    resume: bool = typer.Option(
        False, "--resume", help="Skip inputs whose output is present and up to date."
    ),
    shard: str | None = typer.Option(
        None, "--shard", help="K/N: convert only the K-th of N deterministic shares."
    ),
    ocr: str = typer.Option("auto", "--ocr", help="auto, never or force (as for parse)."),
    repair: bool = typer.Option(True, "--repair/--no-repair", help="Danish OCR repair."),
    memory_mb: int = typer.Option(
        4096, "--memory-limit", help="Address-space limit per worker, MiB (0: none)."
    ),
) -> None:
    """Convert many agreements in parallel into OUTDIR, with a manifest.jsonl.

    Folders contribute .docx .pdf .md .html .txt files (others are counted as ignored).
    Exit 0 when every input converted, 1 when some failed (see OUTDIR/manifest.jsonl).

    Example: delaftale batch archive/ 'more/**/*.pdf' -o out --jobs 2 --resume
    """
    from ..errors import InputError

    def _do() -> int:
        if fmt not in ("json", "yaml"):
            raise InputError(None, f"--format must be json or yaml, not {fmt!r}")
        if ocr not in ("auto", "never", "force"):
            raise InputError(None, f"--ocr must be auto, never or force, not {ocr!r}")
        if timeout <= 0 or jobs < 0 or memory_mb < 0:
            raise InputError(None, "--timeout, --jobs and --memory-limit must be positive")
        from ..batch import BatchInterrupted, parse_shard, run_batch

        listener = _RichProgress() if sys.stderr.isatty() else _PlainProgress()
        try:
            summary = run_batch(
                inputs,
                outdir,
                fmt=fmt,  # type: ignore[arg-type]
                jobs=jobs or None,
                timeout=timeout,
                resume=resume,
                shard=parse_shard(shard) if shard else None,
                ocr=ocr,  # type: ignore[arg-type]
                repair=repair,
                memory_limit=memory_mb << 20 if memory_mb else None,
                listener=listener,
            )
        except BatchInterrupted as stop:
            listener.close()
            _print_summary(stop.summary)
            sys.stderr.write("delaftale: interrupted; rerun with --resume to continue\n")
            return 130
        listener.close()
        _print_summary(summary)
        return summary.exit_code

    raise typer.Exit(run(_do))


class _PlainProgress:
    """One log line per file, for logs and pipes."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def started(self, total: int, resumed: int, jobs: int) -> None:
        self.total = total
        sys.stderr.write(f"batch: {total} inputs, {resumed} up to date, {jobs} worker(s)\n")
        sys.stderr.flush()

    def finished(self, result: FileResult) -> None:
        self.done += 1
        if result.resumed:
            return
        what = (
            f"ok ({result.pages} pages, {result.seconds:.2f} s)"
            if result.status == "ok"
            else f"FAILED [{result.error_kind}] {result.error}"
        )
        sys.stderr.write(f"[{self.done}/{self.total}] {result.path}: {what}\n")
        sys.stderr.flush()

    def close(self) -> None:
        pass


class _RichProgress:
    """A live progress bar: files, pages, errors, ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages, [red]{task.fields[errors]} errors"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.task: Any = None
        self.pages = 0
        self.errors = 0
        self.started_at = time.monotonic()

    def started(self, total: int, resumed: int, jobs: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total, pages=0, errors=0)
        if resumed:
            self.console.print(f"{resumed} of {total} inputs are up to date (--resume)")

    def finished(self, result: FileResult) -> None:
        if not result.resumed:
            self.pages += result.pages
        if result.status == "failed":
            self.errors += 1
            self.progress.console.print(f"[red]failed[/] {result.path}: {result.error}")
        self.progress.update(self.task, advance=1, pages=self.pages, errors=self.errors)

    def close(self) -> None:
        self.progress.stop()


def _print_summary(summary: BatchSummary) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    table = Table(title=f"delaftale batch -> {summary.outdir}", show_header=True)
    table.add_column("")
    table.add_column("files", justify="right")
    table.add_row("converted", str(len(summary.converted)))
    table.add_row("up to date (resume)", str(len(summary.resumed)))
    table.add_row("failed", str(len(summary.failed)))
    table.add_row("ignored (other types)", str(len(summary.ignored)))
    table.add_row("pages", str(summary.pages))
    rate = len(summary.converted) / summary.seconds if summary.seconds else 0.0
    table.add_row("seconds", f"{summary.seconds:.1f} ({rate:.1f} files/s, {summary.jobs} jobs)")
    table.add_row("peak worker memory", f"{summary.peak_worker_mb:.0f} MiB")
    console.print(table)
    failed = summary.failed
    if failed:
        shown = Table("failed input", "kind", "reason", title="Failures")
        for result in failed[:20]:
            shown.add_row(result.path, result.error_kind or "", result.error or "")
        console.print(shown)
        if len(failed) > 20:
            console.print(f"... and {len(failed) - 20} more")
    console.print(f"manifest: {summary.manifest}")
