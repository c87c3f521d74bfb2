"""Serialising agreements: deterministic JSON/YAML, UTF-8 with æøå unescaped, atomic writes."""

from __future__ import annotations

import errno
import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .options import OutputFormat, choose

SUFFIX_FORMATS = {".json": OutputFormat.JSON, ".yaml": OutputFormat.YAML, ".yml": OutputFormat.YAML}


def to_data(model: BaseModel) -> dict[str, Any]:
    """The model as plain JSON-compatible data, keys in model order."""
    return model.model_dump(mode="json")


def format_for(path: str | Path | None, fmt: OutputFormat | str | None = None) -> OutputFormat:
    """The output format: `fmt` when given, else from the suffix of `path` (.yaml/.yml:
    YAML), else JSON."""
    if fmt is not None:
        return choose(OutputFormat, fmt, "fmt")
    suffix = Path(path).suffix.lower() if path is not None else ""
    return SUFFIX_FORMATS.get(suffix, OutputFormat.JSON)


def dumps(model: BaseModel, fmt: OutputFormat | str = OutputFormat.JSON) -> str:
    """Serialise a model; the same model always gives the same text."""
    data = to_data(model)
    if choose(OutputFormat, fmt, "fmt") == OutputFormat.JSON:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` so that readers see either the old file or the whole new one.

    An existing special file (`/dev/null`, `/dev/full`, a FIFO) is written into, never
    replaced; an existing folder is refused (IsADirectoryError)."""
    target = Path(path)
    data = text.encode("utf-8")
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
    if target.exists() and not target.is_file():
        with open(target, "wb") as handle:
            handle.write(data)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name[:200]}."  # room for mkstemp's suffix within NAME_MAX
    # A process killed mid-write (SIGKILL cannot be caught) leaves its temporary file;
    # the next write of the same target clears it.
    for stale in target.parent.glob(f"{glob.escape(prefix)}*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | Path, text: str) -> None:
    """`write_atomic`, raising OutputError (not OSError) when `path` cannot be written;
    nothing is left behind then."""
    from .errors import unwritable

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise unwritable(path, exc) from exc


def same_file(output: str | Path, inputs: list[str | Path]) -> str | None:
    """The input that `output` resolves to (the same file, through links or another
    spelling), or None. Writing there would destroy the input."""
    try:
        out_real = os.path.realpath(output)
        out_stat = os.stat(output) if os.path.exists(output) else None
    except OSError:
        return None
    for item in inputs:
        try:
            if os.path.realpath(item) == out_real:
                return str(item)
            if out_stat is not None and os.path.samefile(item, output):
                return str(item)
        except OSError:
            continue
    return None
