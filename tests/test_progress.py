"""Progress reaches a callback (the library never prints): OCR pages, the lexicon note."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from delaftale_cli import parse_file
from delaftale_cli.errors import InputError
from delaftale_cli.progress import Progress

from .conftest import require_tool


def _image_pdf(path: Path, pages: int) -> None:
    from PIL import Image, ImageDraw

    images = []
    for i in range(pages):
        image = Image.new("L", (1240, 1754), 255)
        ImageDraw.Draw(image).text((100, 100), f"Side {i + 1}: indkob af morgenmad", fill=0)
        images.append(image)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=150)


def test_each_ocr_page_is_reported_to_the_callback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_tool("tesseract")
    pdf = tmp_path / "scan.pdf"
    _image_pdf(pdf, 2)
    events: list[Progress] = []
    with pytest.raises(InputError):  # a shopping note is no delaftale; progress came first
        parse_file(pdf, repair=False, progress=events.append)
    assert [(e.kind, e.done, e.total) for e in events] == [("ocr_page", 1, 2), ("ocr_page", 2, 2)]
    assert all(e.path == str(pdf) for e in events)
    assert capsys.readouterr() == ("", "")
    cli = subprocess.run(
        [sys.executable, "-m", "delaftale_cli", "parse", str(pdf), "--no-repair"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 2
    assert "delaftale: OCR: page 1 of 2 read\ndelaftale: OCR: page 2 of 2 read\n" in cli.stderr
    quiet = [sys.executable, "-m", "delaftale_cli", "parse", str(pdf), "--no-repair", "-q"]
    assert "OCR" not in subprocess.run(quiet, capture_output=True, text=True).stderr


def test_no_ocr_no_progress() -> None:
    events: list[Progress] = []
    parse_file("samples/viborg-uddannelse.pdf", repair=False, progress=events.append)
    assert events == []


def _run(
    code: str, cache: Path, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "DELAFTALE_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else ["-m", "delaftale_cli", *args])],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )


def test_the_first_lexicon_build_is_announced_once(tmp_path: Path) -> None:
    check = "from delaftale_cli.api import lexicon_is_compiled as c; print(c())"
    assert _run(check, tmp_path).stdout.strip() == b"False"
    first = _run("", tmp_path, "repair", "-", stdin=b"Bgrn\n")
    assert first.returncode == 0
    assert b"compiling the Danish repair lexicon" in first.stderr
    assert _run(check, tmp_path).stdout.strip() == b"True"
    second = _run("", tmp_path, "parse", "samples/viborg-uddannelse.seed.txt")
    assert second.returncode == 0
    assert b"compiling" not in second.stderr
