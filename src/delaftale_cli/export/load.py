"""Reading what `export`, `report` and `diff` work on: agreement files, and the batch
manifests beside them (for the inputs that failed or were skipped)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, unreadable
from ..models import Agreement
from ..options import Severity

AGREEMENT_SUFFIXES = frozenset({".json", ".yaml", ".yml"})


@dataclass(frozen=True)
class LoadedAgreement:
    """An agreement and the file it was read from; `mtime` is that file's modification time."""

    file: str
    agreement: Agreement
    mtime: float = 0.0


@dataclass(frozen=True)
class InputProblem:
    """A batch input that did not become an agreement (`failed` or `skipped`)."""

    path: str
    status: str
    error_kind: str | None
    error: str | None
    manifest: str


def find_agreement_files(inputs: Sequence[str | Path]) -> list[Path]:
    """Files named, plus .json/.yaml/.yml files found in named folders (recursively); a file
    reached twice (`export out out`, a folder and a file in it) is read once."""
    files: list[Path] = []
    seen: set[str] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in AGREEMENT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found = [path]
        else:
            raise InputError(path, "no such file or folder")
        for file in found:
            real = os.path.realpath(file)
            if real not in seen:
                seen.add(real)
                files.append(file)
    if not files:
        raise InputError(None, "no agreement files (.json, .yaml) found in the inputs")
    return files


def read_agreement(path: Path) -> Agreement:
    """One agreement file, validated; InputError naming the file and the first problem."""
    from ..validation import validate_file

    problems = [p for p in validate_file(path) if p.severity == Severity.ERROR]
    if problems:
        first = problems[0]
        if first.kind == "unreadable":  # not read at all (too large, a FIFO): say why
            raise InputError(path, first.message)
        where = f"line {first.line}: " if first.line else ""
        raise InputError(
            path,
            f"is not a valid agreement ({where}{first.location}: {first.message}); "
            "check it with `delaftale validate`",
        )
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
    else:
        import yaml

        data = yaml.safe_load(text)
    return Agreement.model_validate(data)


def load_agreements(inputs: Sequence[str | Path]) -> list[LoadedAgreement]:
    """Read and validate every agreement file; raises InputError on the first invalid one.
    Sorted by source path, hash and file, so the order does not depend on file names."""
    loaded = []
    for path in find_agreement_files(inputs):
        try:
            mtime = path.stat().st_mtime
        except OSError as exc:
            raise unreadable(path, exc) from exc
        loaded.append(LoadedAgreement(str(path), read_agreement(path), mtime))
    loaded.sort(key=lambda a: (a.agreement.source.path, a.agreement.source.sha256, a.file))
    return loaded


def read_problems(inputs: Sequence[str | Path]) -> list[InputProblem] | None:
    """The failed and skipped inputs of the batch manifests (`manifest*.jsonl`) directly in
    the named folders; None when no folder has a manifest. The latest line per path wins."""
    from ..batch import read_manifest

    manifests: list[Path] = []
    seen: set[str] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for manifest in sorted(path.glob("manifest*.jsonl")):
                real = os.path.realpath(manifest)
                if real not in seen:
                    seen.add(real)
                    manifests.append(manifest)
    if not manifests:
        return None
    problems: dict[str, InputProblem] = {}
    for manifest in manifests:
        for record in read_manifest(manifest).values():
            problems.pop(record["path"], None)
            if record.get("status") in ("failed", "skipped"):
                problems[record["path"]] = _problem(record, manifest)
    return [problems[key] for key in sorted(problems)]


def _problem(record: dict[str, Any], manifest: Path) -> InputProblem:
    return InputProblem(
        path=str(record["path"]),
        status=str(record["status"]),
        error_kind=record.get("error_kind"),
        error=record.get("error"),
        manifest=str(manifest),
    )
