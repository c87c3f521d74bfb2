"""Finding a batch's inputs: files, folders (recursively) and glob patterns; their relative
paths (which the outputs mirror), shards, and output names the file system can hold."""

from __future__ import annotations

import glob
import hashlib
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError
from ..extractors import SUFFIXES
from ..options import OutputFormat

SUPPORTED_SUFFIXES = SUFFIXES  # what folders contribute: every backend's suffixes
NAME_MAX = 255  # bytes in one file name component (ext4, xfs, btrfs, tmpfs)
_GLOB_MAGIC = frozenset("*?[")


@dataclass(frozen=True)
class InputFile:
    """One input found by `discover_inputs`.

    `relative` is the posix path below the batch root that the output mirrors; `problem`
    is set when discovery already knows the file cannot be read (a broken link, a FIFO).
    """

    path: str
    relative: str
    problem: str | None = None


@dataclass(frozen=True)
class Discovery:
    """What the inputs expand to: files to convert, and files left out because of their type."""

    files: list[InputFile]
    ignored: list[str] = field(default_factory=list)


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' -> (K, N) with 1 <= K <= N. Raises UsageError."""
    try:
        k_text, n_text = text.split("/")
        k, n = int(k_text), int(n_text)
    except ValueError:
        raise UsageError("shard", f"must look like K/N (e.g. 2/4), not {text!r}") from None
    if not 1 <= k <= n:
        raise UsageError("shard", f"{text}: K must be between 1 and N")
    return k, n


def in_shard(relative: str, shard: tuple[int, int] | None) -> bool:
    """Whether an input belongs to shard K of N; decided by its relative path alone, so
    every machine computes the same split without reading the files."""
    if shard is None:
        return True
    k, n = shard
    digest = hashlib.sha256(os.fsencode(relative)).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def output_relative(relative: str, fmt: OutputFormat) -> str:
    """The output's path below OUTDIR: the input's relative path plus `.json`/`.yaml`
    (keeping the input suffix, so x.docx and x.pdf do not collide). A name the file
    system cannot hold with the suffix added is shortened, with a hash of the full name
    so two long names do not collide ('very...long~1a2b3c4d.pdf.json')."""
    folder, _, name = relative.rpartition("/")
    out_name = f"{name}.{fmt}"
    if len(os.fsencode(out_name)) > NAME_MAX:
        digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
        stem, suffix = os.path.splitext(name)
        tail = f"~{digest}{suffix[:16]}.{fmt}"
        room = NAME_MAX - len(tail.encode("utf-8", "surrogateescape"))
        cut = os.fsencode(stem)[:room].decode("utf-8", "ignore")
        out_name = f"{cut}{tail}"
    return f"{folder}/{out_name}" if folder else out_name


def discover_inputs(inputs: Sequence[str | Path], *, exclude: Path | None = None) -> Discovery:
    """Expand files, folders (recursively, following links once) and glob patterns.

    Folders and patterns contribute files with a supported suffix (others are listed in
    `ignored`); hidden files and Word lock files (`~$x.docx`) are left out. A file named
    explicitly is always taken, whatever its suffix, so its problem gets reported. Raises
    InputError when an argument names nothing.
    """
    found: list[tuple[str, str | None]] = []  # (path, problem)
    roots: list[str] = []
    ignored: list[str] = []
    visited: set[tuple[int, int]] = set()
    excluded = os.path.abspath(exclude) if exclude is not None else None
    for item in inputs:
        arg = str(item)
        if any(ch in _GLOB_MAGIC for ch in arg) and not os.path.lexists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError(arg, "the pattern matches no files")
            roots.append(_glob_root(arg))
            for match in matches:
                if os.path.isdir(match):
                    found.extend(_walk(match, visited, ignored, excluded))
                elif _wanted(match):
                    found.append((match, _file_problem(match)))
                else:
                    ignored.append(match)
        elif os.path.isdir(arg):
            roots.append(arg)
            found.extend(_walk(arg, visited, ignored, excluded))
        elif os.path.lexists(arg):
            roots.append(os.path.dirname(arg) or ".")
            found.append((arg, _file_problem(arg)))
        else:
            raise InputError(arg, "no such file or folder")
    base = os.path.commonpath([os.path.abspath(r) for r in roots]) if roots else "."
    files: dict[str, InputFile] = {}
    for path, problem in found:
        relative = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
        files.setdefault(relative, InputFile(path, relative, problem))
    return Discovery(sorted(files.values(), key=lambda f: f.relative), sorted(ignored))


def _glob_root(pattern: str) -> str:
    parts = Path(pattern).parts
    plain: list[str] = []
    for part in parts:
        if any(ch in _GLOB_MAGIC for ch in part):
            break
        plain.append(part)
    return str(Path(*plain)) if plain else "."


def _wanted(path: str) -> bool:
    name = os.path.basename(path)
    if name.startswith((".", "~$")):
        return False
    return os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _walk(
    folder: str, visited: set[tuple[int, int]], ignored: list[str], excluded: str | None
) -> Iterable[tuple[str, str | None]]:
    try:
        info = os.stat(folder)
    except OSError as exc:
        yield folder, f"folder cannot be read ({exc.strerror})"
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:  # a link back to a folder already searched: a loop or a duplicate
        return
    visited.add(key)
    if excluded is not None and os.path.abspath(folder) == excluded:
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, f"folder cannot be read ({exc.strerror})"
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(entry.path, visited, ignored, excluded)
        elif _wanted(entry.path):
            yield entry.path, _file_problem(entry.path)
        else:
            ignored.append(entry.path)


def _file_problem(path: str) -> str | None:
    """Why `path` cannot be converted at all, or None when it is a regular file."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8; rename the file to convert it"
    try:
        info = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            import errno

            if exc.errno == errno.ELOOP:
                return "symbolic link loop"
            return "broken symbolic link"
        return f"cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, socket or device); refusing to read it"
    return None
