"""Shared test fixtures: run from the repository root so sample paths are stable."""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from delaftale_cli.document import Document
from delaftale_cli.models import Agreement

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session", autouse=True)
def _lexicon_compiled() -> None:
    """Compile the repair lexicon's cache once, before any test runs the CLI: otherwise the
    first CLI test of a fresh machine also prints the one-time "compiling" note on stderr
    (tests/test_progress.py checks that note with a cache folder of its own)."""
    from delaftale_cli.repair.lexicon import load_lexicon

    load_lexicon()


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


INSTALL_HINTS = {
    "tesseract": "tesseract-ocr tesseract-ocr-dan",
    "soffice": "libreoffice-writer-nogui",
    "pdftoppm": "poppler-utils",
}


def require_tool(name: str) -> str:
    """Path of an external tool; skip outside CI when it is missing, fail in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        hint = INSTALL_HINTS.get(name, name)
        pytest.skip(f"{name} is not installed (apt-get install {hint} to run this test)")
    return path


# samples whose reading needs an external tool: OCR engine, or LibreOffice
NEEDS_TOOL = {
    (".ocr.pdf", ".scan.pdf", ".tif", ".png", ".jpg"): "tesseract",
    (".doc", ".odt", ".rtf"): "soffice",
}


def require_tools_for(name: str) -> None:
    """Skip (outside CI) when reading sample `name` needs a tool this machine lacks."""
    for suffixes, tool in NEEDS_TOOL.items():
        if name.endswith(suffixes):
            require_tool(tool)


@cache
def _cached_read(name: str) -> tuple[Document, Agreement]:
    from tools.corpus.evaluate import read

    return read(Path("samples") / name)  # relative, as users pass it: source.path


def _read(name: str) -> tuple[Document, Agreement]:
    require_tools_for(name)
    return _cached_read(name)


def parsed_sample(name: str) -> Agreement:
    """`samples/<name>` parsed once per test session (OCR of a scan takes minutes), the
    way `parse_file` parses it (tests/test_oracle.py checks that they agree)."""
    return _read(name)[1]


@cache
def read_sample(name: str) -> tuple[Document, dict[str, Any]]:
    """The document model the parser was given, and the output as JSON data."""
    document, agreement = _read(name)
    return document, agreement.model_dump(mode="json")
