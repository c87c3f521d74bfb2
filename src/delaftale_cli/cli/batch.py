"""`delaftale batch`: render progress and the summary of `delaftale_cli.batch.run_batch`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..options import OcrMode, OutputFormat, Severity
from .common import EXIT_FAILED, FAIL_ON, QUIET, STRICT, VERBOSE, count_codes, note, run

if TYPE_CHECKING:
    from ..batch import BatchSummary, FileResult


def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders (searched recursively) or quoted glob patterns."
    ),
    outdir: Path = typer.Option(..., "-o", "--out", help="Output folder (mirrors the inputs)."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.JSON, "--format", "-f", help="Output format.", case_sensitive=False
    ),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds allowed per file."),
    resume: bool = typer.Option(
        False, "--resume", help="Skip inputs whose output is present and up to date."
    ),
    shard: str | None = typer.Option(
        None, "--shard", help="K/N: convert only the K-th of N deterministic shares."
    ),
    ocr: OcrMode = typer.Option(
        OcrMode.AUTO, "--ocr", help="When to OCR (as for parse).", case_sensitive=False
    ),
    repair: bool = typer.Option(True, "--repair/--no-repair", help="Danish OCR repair."),
    memory_mb: int = typer.Option(
        4096, "--memory-limit", help="Address-space limit per worker, MiB (0: none)."
    ),
    strict: bool = STRICT,
    fail_on: Severity = FAIL_ON,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Convert many agreements in parallel into OUTDIR, with a manifest.jsonl.

    Folders contribute the files of every format parse reads (.docx .doc .odt .rtf .pdf,
    images .png .jpg .tif, .md .html .txt); others are listed as ignored.
    Each file's warnings are shown as it finishes; files with warnings of severity
    `warning` or higher are listed as needing review (also in the manifest). Exit 0 when
    every input converted, 1 when some failed (or, with --strict, had warnings of --fail-on
    severity), 2 for a usage error (see OUTDIR/manifest.jsonl).

    Example: delaftale batch archive/ 'more/**/*.pdf' -o out --jobs 2 --resume
    """
    from ..errors import UsageError

    def _do() -> int:
        if jobs < 0:
            raise UsageError("jobs", f"must not be negative, not {jobs}")
        if memory_mb < 0:
            raise UsageError("memory_limit", f"must not be negative, not {memory_mb}")
        from ..batch import BatchInterrupted, parse_shard, run_batch

        listener: _PlainProgress | _RichProgress
        if quiet:
            listener = _PlainProgress(quiet=True)
        else:
            listener = _RichProgress() if sys.stderr.isatty() else _PlainProgress(verbose)
        try:
            summary = run_batch(
                inputs,
                outdir,
                fmt=fmt,
                jobs=jobs or None,
                timeout=timeout,
                resume=resume,
                shard=parse_shard(shard) if shard else None,
                ocr=ocr,
                repair=repair,
                memory_limit=memory_mb << 20 if memory_mb else None,
                listener=listener,
            )
        except BatchInterrupted as stop:
            listener.close()
            _print_summary(stop.summary, quiet)
            sys.stderr.write("delaftale: interrupted; rerun with --resume to continue\n")
            return 130
        listener.close()
        _print_summary(summary, quiet)
        if summary.stopped:
            note(f"stopped early: {summary.stopped}; fix it and rerun with --resume to continue")
        flagged = summary.flagged(fail_on) if strict else []
        if flagged:
            note(
                f"--strict: {len(flagged)} converted file(s) have warnings of severity "
                f"{fail_on.value} or higher"
            )
            return EXIT_FAILED
        return summary.exit_code

    raise typer.Exit(run(_do))


def outcome(result: FileResult) -> str:
    """How one finished input is shown: ok with its warnings, failed with the reason."""
    if result.status == "ok":
        text = f"ok ({result.pages} pages, {result.seconds:.2f} s)"
        if result.warnings:
            text += f", {result.warnings} warnings: {count_codes(_codes(result))}"
        return text + (" - needs review" if result.needs_review else "")
    if result.status == "skipped":
        return "skipped (environment problem, see the summary)"
    return f"FAILED [{result.error_kind}] {result.error}"


def _codes(result: FileResult) -> list[str]:
    return [code for code, n in result.warning_codes.items() for _ in range(n)]


class _PlainProgress:
    """One log line per file, for logs and pipes (`quiet`: only failures)."""

    def __init__(self, verbose: bool = False, *, quiet: bool = False) -> None:
        self.total = 0
        self.done = 0
        self.verbose = verbose
        self.quiet = quiet

    def started(self, total: int, resumed: int, jobs: int) -> None:
        self.total = total
        if not self.quiet:
            sys.stderr.write(f"batch: {total} inputs, {resumed} up to date, {jobs} worker(s)\n")
            sys.stderr.flush()

    def finished(self, result: FileResult) -> None:
        self.done += 1
        if result.resumed and not self.verbose:
            return
        if self.quiet and result.status != "failed":
            return
        sys.stderr.write(f"[{self.done}/{self.total}] {result.path}: {outcome(result)}\n")
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
        elif result.warnings and not result.resumed:
            mark = "[yellow]review[/]" if result.needs_review else "ok"
            codes = count_codes(_codes(result))
            self.progress.console.print(
                f"{mark} {result.path}: {result.warnings} warnings: {codes}"
            )
        self.progress.update(self.task, advance=1, pages=self.pages, errors=self.errors)

    def close(self) -> None:
        self.progress.stop()


def _print_summary(summary: BatchSummary, quiet: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    for problem in summary.environment_problems:
        skipped = sum(1 for r in summary.skipped if r.error == problem)
        note(
            f"environment problem: {problem} - {skipped} input(s) that need it were skipped; "
            "fix it and rerun with --resume"
        )
    if quiet:
        if summary.failed:
            for result in summary.failed:
                note(f"failed: {result.path}: {result.error}")
        return
    table = Table(title=f"delaftale batch -> {summary.outdir}", show_header=True)
    table.add_column("")
    table.add_column("files", justify="right")
    table.add_row("converted", str(len(summary.converted)))
    table.add_row("up to date (resume)", str(len(summary.resumed)))
    table.add_row("failed", str(len(summary.failed)))
    table.add_row("skipped (environment)", str(len(summary.skipped)))
    table.add_row("need review (warnings)", str(len(summary.needs_review)))
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
    review = summary.needs_review
    if review:
        shown = Table("input", "warnings", title="Need review (warnings of severity warning+)")
        for result in review[:20]:
            shown.add_row(result.path, count_codes(_codes(result)))
        console.print(shown)
        if len(review) > 20:
            console.print(f"... and {len(review) - 20} more (needs_review in the manifest)")
    if summary.ignored:
        shown_names = ", ".join(summary.ignored[:10])
        more = f" and {len(summary.ignored) - 10} more" if len(summary.ignored) > 10 else ""
        console.print(f"ignored (not a format delaftale reads): {shown_names}{more}")
    console.print(f"manifest: {summary.manifest}")
