"""Serialising agreements: deterministic JSON/YAML, UTF-8 with æøå unescaped, atomic writes."""

from __future__ import annotations

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
    """Write `text` to `path` so that readers see either the old file or the whole new one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A process killed mid-write (SIGKILL cannot be caught) leaves its temporary file;
    # the next write of the same target clears it.
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: str | Path, text: str) -> None:
    """`write_atomic`, raising InputError (not OSError) when `path` cannot be written."""
    from .errors import InputError

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise InputError(path, f"cannot be written ({exc.strerror or exc})") from exc
