"""The manifest: one JSON line per input, appended and fsynced as each input is done (so a
killed batch loses nothing already written), compacted to one sorted line per input at
the end; and what `--resume` may keep from it."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from .results import FileResult

MANIFEST_NAME = "manifest.jsonl"


def manifest_name(shard: tuple[int, int] | None) -> str:
    """`manifest.jsonl`, or one file per shard so shards can share an output folder."""
    if shard is None:
        return MANIFEST_NAME
    return f"manifest.shard-{shard[0]}-of-{shard[1]}.jsonl"


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


class ManifestLog:
    """Appends one JSON line per finished input, flushed and fsynced at once."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> ManifestLog:
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


def compact_manifest(path: Path, results: dict[str, FileResult]) -> None:
    """Rewrite the log as one line per input, sorted by path; inputs of earlier runs that
    this run did not touch keep their line."""
    from ..output import write_atomic

    records = read_manifest(path)
    current = {os.path.realpath(result.path) for result in results.values()}
    # a line of this run replaces the line of the same file named another way
    records = {k: v for k, v in records.items() if os.path.realpath(k) not in current}
    for result in results.values():
        records[result.path] = result.to_record()
    text = "".join(json.dumps(records[key], ensure_ascii=False) + "\n" for key in sorted(records))
    write_atomic(path, text)


def resumable(
    path: str,
    record: dict[str, Any] | None,
    output: Path,
    version: str,
    options: dict[str, Any],
) -> FileResult | None:
    """The previous result for the input at `path`, if its output can be kept as it is."""
    from ..api import file_sha256

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
