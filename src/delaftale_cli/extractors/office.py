"""Word 97-2003 .doc, OpenDocument .odt and .rtf: converted to .docx by LibreOffice, then
read by the .docx extractor.

LibreOffice runs headless in a private, temporary profile (so it neither meets a user's
running instance nor leaves a profile behind), on a copy of the input with a plain name
(the input itself is never handed to it), in its own process group, killed with all its
children when it passes the time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import CorruptDocumentError, EncryptedDocumentError, ToolUnavailableError
from ..options import OcrMode, SourceFormat
from ..progress import ProgressCallback

CONVERT_TIMEOUT = 120.0  # seconds; a first start in a fresh profile takes 5-10
INSTALL_HINT = (
    "LibreOffice is needed to read {kind} files and is not installed "
    "(apt-get install libreoffice-writer-nogui, or save the file as .docx)"
)


def find_soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _format_of(path: Path) -> SourceFormat:
    from . import sniff_format

    return sniff_format(path)


def _encrypted_ole(path: Path) -> bool:
    """An OLE file holding an encrypted Office package (a password-protected .docx)."""
    with open(path, "rb") as handle:
        data = handle.read(4 << 20)
    return "EncryptedPackage".encode("utf-16-le") in data


def convert_to_docx(path: Path, folder: Path, fmt: SourceFormat, timeout: float) -> Path:
    """A .docx of `path` written by LibreOffice into `folder`. Raises InputError or
    ToolUnavailableError."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolUnavailableError(path, INSTALL_HINT.format(kind=f".{fmt.value}"))
    source = folder / f"input.{fmt.value}"
    shutil.copyfile(path, source)
    out_dir = folder / "out"
    cmd = [
        soffice,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    process = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: a timeout kills every child
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise CorruptDocumentError(
            path, f"LibreOffice did not convert it within {timeout:g} s; refusing to wait longer"
        ) from None
    converted = out_dir / "input.docx"
    if process.returncode != 0 or not converted.is_file():
        last = output.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise CorruptDocumentError(
            path, f"LibreOffice could not read it as .{fmt.value} ({last[0][:160]})"
        )
    return converted


def extract(
    path: Path,
    *,
    ocr: OcrMode = OcrMode.AUTO,
    progress: ProgressCallback | None = None,
    timeout: float = CONVERT_TIMEOUT,
) -> Document:
    """Read a .doc, .odt or .rtf file into the shared document model."""
    from . import docx

    fmt = _format_of(path)
    if fmt == SourceFormat.DOC and _encrypted_ole(path):
        raise EncryptedDocumentError(path, "is password-protected; save it without a password")
    with tempfile.TemporaryDirectory(prefix="delaftale-office-") as tmp:
        converted = convert_to_docx(path, Path(tmp), fmt, timeout)
        try:
            document = docx.extract(converted, ocr=ocr)
        except CorruptDocumentError as exc:
            raise CorruptDocumentError(path, exc.problem) from exc
    document.path = str(path)
    document.format = fmt
    return document
