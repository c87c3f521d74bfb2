"""`delaftale repair` from the command line, and a real OCR round trip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from delaftale_cli.cli.app import app
from delaftale_cli.repair.stream import read_chunks
from tests.conftest import require_tool

runner = CliRunner()


def test_repairs_standard_input() -> None:
    result = runner.invoke(app, ["repair"], input="Bgrn og foraeldre pa skolen.\n")
    assert result.exit_code == 0
    assert result.stdout == "Børn og forældre på skolen.\n"


def test_report_lists_repairs_on_stderr(tmp_path: Path) -> None:
    src = tmp_path / "ocr.txt"
    src.write_text("Bgrn, bgrn og malgruppen.\n", encoding="utf-8")
    result = runner.invoke(app, ["repair", str(src), "--report"])
    assert result.exit_code == 0
    assert result.stdout == "Børn, børn og målgruppen.\n"
    assert "bgrn" in result.stderr and "børn" in result.stderr


def test_non_utf8_input_is_a_clear_error(tmp_path: Path) -> None:
    src = tmp_path / "latin1.txt"
    src.write_bytes("Børn og unge\n".encode("latin-1"))
    result = runner.invoke(app, ["repair", str(src)])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.stderr and "offset 1" in result.stderr


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["repair", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_big_input_is_read_in_line_aligned_chunks(tmp_path: Path) -> None:
    line = "Bgrn og foraeldre pa skolen, æøå.\n"
    src = tmp_path / "big.txt"
    src.write_text(line * 20_000 + "x" * 70_000, encoding="utf-8")
    with src.open("rb") as fh:
        chunks = list(read_chunks(fh, "big.txt", chunk_bytes=64 * 1024))
    assert len(chunks) > 5
    assert all(chunk.endswith("\n") for chunk in chunks[:-1])
    assert "".join(chunks) == src.read_text(encoding="utf-8")


def test_real_ocr_round_trip(tmp_path: Path) -> None:
    """Render Danish text, OCR it with the English model, and repair the result."""
    soffice = require_tool("soffice")
    require_tool("tesseract")
    require_tool("pdftoppm")
    assert soffice
    gold = (
        "Formålet er at styrke børns og unges skolegang og at øge forældrenes deltagelse.\n"
        "Målgruppen er børn og unge mellem 6 og 17 år, som bor i boligområdet.\n"
        "Lektiecaféen holdes åben tre eftermiddage om ugen, og der følges løbende op.\n"
    )
    source = tmp_path / "gold.txt"
    source.write_text(gold, encoding="utf-8")
    tool = Path(__file__).resolve().parents[2] / "tools" / "make_repair_devset.py"
    subprocess.run([sys.executable, str(tool), str(tmp_path / "out"), str(source)], check=True)
    ocr = (tmp_path / "out" / "gold_01.ocr.txt").read_text(encoding="utf-8")
    assert "børn" not in ocr  # the English model really damaged it
    result = runner.invoke(app, ["repair"], input=ocr)
    assert result.exit_code == 0
    words = set(result.stdout.split())
    for word in ("Formålet", "øge", "forældrenes", "Målgruppen", "børn", "år,", "åben", "løbende"):
        assert word in words
