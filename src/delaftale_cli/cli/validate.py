"""`delaftale validate`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import typer

from ..options import ReportFormat, Severity
from .common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, FAIL_ON, QUIET, STRICT, VERBOSE, run

if TYPE_CHECKING:
    from ..validation import Problem


def validate(
    files: list[str] = typer.Argument(
        ...,
        metavar="FILES...",
        help="Agreement files (.json, .yaml) to check; - reads one from standard input "
        "(JSON or YAML, sniffed).",
    ),
    fmt: ReportFormat = typer.Option(
        ReportFormat.TEXT,
        "--format",
        "-f",
        help="text (stderr), json (stdout) or github (::error annotations on stdout).",
        case_sensitive=False,
    ),
    strict: bool = STRICT,
    fail_on: Severity = FAIL_ON,
    quiet: bool = QUIET,
    verbose: bool = VERBOSE,
) -> None:
    """Check agreement JSON/YAML files against the schema and across fields.

    Every problem names the file, line, column and field path. Warnings (e.g. staff hours
    for an activity that is not listed) do not make a file invalid unless --strict is
    given, which also counts the file's own `warnings` of --fail-on severity or higher.
    Exit 0 when all are valid, 1 when any is invalid, 2 when a file cannot be read.

    Example: delaftale validate --format github agreements/*.yaml
    """

    def _do() -> int:
        from ..validation import validate_bytes, validate_file
        from ..validation_limits import MAX_FILE_BYTES

        threshold = fail_on if strict else Severity.ERROR
        warnings_from = fail_on if strict else None
        checked: list[tuple[str, list[Problem]]] = []
        for name in files:
            if name == "-":
                data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # a pipe may never end
                checked.append(("-", validate_bytes("-", data, warnings_from=warnings_from)))
            else:
                checked.append((name, validate_file(name, warnings_from=warnings_from)))
        failing = {
            path
            for path, problems in checked
            if any(p.severity.rank >= threshold.rank for p in problems)
        }
        bad = len(failing)
        if fmt == ReportFormat.JSON:
            report = {
                "valid": len(checked) - bad,
                "invalid": bad,
                "files": [
                    {
                        "path": path,
                        "valid": path not in failing,
                        "problems": [p.to_dict() for p in problems],
                    }
                    for path, problems in checked
                ],
            }
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        else:
            for path, problems in checked:
                for problem in problems:
                    if quiet and problem.severity.rank < threshold.rank:
                        continue
                    if fmt == ReportFormat.GITHUB:
                        sys.stdout.write(github_annotation(problem) + "\n")
                    else:
                        sys.stderr.write(text_line(problem) + "\n")
                if verbose and not quiet and not problems:
                    sys.stderr.write(f"{path}: valid\n")
            if not quiet or bad:
                sys.stderr.write(f"{len(checked) - bad} valid, {bad} invalid\n")
        if any(p.kind == "unreadable" for _, problems in checked for p in problems):
            return EXIT_USAGE
        return EXIT_FAILED if bad else EXIT_OK

    raise typer.Exit(run(_do))


def text_line(problem: Problem) -> str:
    """`path:line:col: location: message`, the form editors and compilers use."""
    where = f":{problem.line}" if problem.line else ""
    where += f":{problem.column}" if problem.line and problem.column else ""
    level = "" if problem.severity == Severity.ERROR else f" {problem.severity.value}:"
    return f"{problem.path}{where}:{level} {problem.location}: {problem.message}"


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the line in the pull request."""
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
        if problem.column:
            props.append(f"col={problem.column}")
    props.append("title=delaftale validate")
    message = f"{problem.location}: {problem.message}"
    command = "error" if problem.severity == Severity.ERROR else problem.severity.value
    command = "notice" if command == "info" else command
    return f"::{command} {','.join(props)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
