"""Writing files the way every delaftale output is written: atomically (a reader sees the
old file or the whole new one), with the user's umask (not mkstemp's 0600), and as an
InputError naming the file when it cannot be written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError


def file_mode() -> int:
    """0666 less the process's umask: the mode `open()` would give a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def ensure_folder(folder: Path) -> None:
    """Make `folder` (and its parents); InputError when it exists as something else."""
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder (csv and parquet write a folder)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(folder, f"cannot be made ({exc.strerror or exc})") from exc


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; on success it becomes `path` with the
    usual file mode, on failure it is removed."""
    if path.is_dir():
        raise InputError(path, "is a folder; give a file name")
    ensure_folder(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(path, f"cannot be written ({exc.strerror or exc})") from exc
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
