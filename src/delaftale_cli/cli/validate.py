"""`delaftale validate`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import run

if TYPE_CHECKING:
    from ..validation import Problem


def validate(
    files: list[Path] = typer.Argument(..., help="Agreement files (.json, .yaml) to check."),
    fmt: str = typer.Option(
        "text",
        "--format",
        "-f",
        help="text (stderr), json (stdout) or github (::error annotations on stdout).",
    ),
) -> None:
    """Check agreement JSON/YAML files against the schema; exit 1 if any is invalid.

    Every problem names the file, line, column and field path.

    Example: delaftale validate --format github agreements/*.yaml
    """
    from ..errors import InputError

    def _do() -> int:
        if fmt not in ("text", "json", "github"):
            raise InputError(None, f"--format must be text, json or github, not {fmt!r}")
        from ..validation import validate_file

        checked = [(str(path), validate_file(path)) for path in files]
        bad = sum(1 for _, problems in checked if problems)
        if fmt == "json":
            report = {
                "valid": len(checked) - bad,
                "invalid": bad,
                "files": [
                    {
                        "path": path,
                        "valid": not problems,
                        "problems": [p.to_dict() for p in problems],
                    }
                    for path, problems in checked
                ],
            }
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        else:
            for _, problems in checked:
                for problem in problems:
                    if fmt == "github":
                        sys.stdout.write(github_annotation(problem) + "\n")
                    else:
                        sys.stderr.write(text_line(problem) + "\n")
            sys.stderr.write(f"{len(checked) - bad} valid, {bad} invalid\n")
        return 1 if bad else 0

    raise typer.Exit(run(_do))


def text_line(problem: Problem) -> str:
    """`path:line:col: location: message`, the form editors and compilers use."""
    where = f":{problem.line}" if problem.line else ""
    where += f":{problem.column}" if problem.line and problem.column else ""
    return f"{problem.path}{where}: {problem.location}: {problem.message}"


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the line in the pull request."""
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
        if problem.column:
            props.append(f"col={problem.column}")
    props.append("title=delaftale validate")
    message = f"{problem.location}: {problem.message}"
    return f"::error {','.join(props)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
