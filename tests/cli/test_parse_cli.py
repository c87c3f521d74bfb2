"""`delaftale parse` as a user runs it: a real subprocess, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

DELAFTALE = [sys.executable, "-m", "delaftale_cli"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DELAFTALE, *map(str, args)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_parse_prints_utf8_json_unescaped_and_is_deterministic() -> None:
    first = run("parse", "samples/viborg-uddannelse.docx")
    second = run("parse", "samples/viborg-uddannelse.docx")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "Læringsmiljø for børn og voksne" in first.stdout
    assert "\\u00" not in first.stdout
    assert json.loads(first.stdout)["source"]["format"] == "docx"


def test_parse_writes_yaml_atomically(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "viborg.yaml"
    result = run("parse", "samples/viborg-uddannelse.docx", "--format", "yaml", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "focus_area: Uddannelse og livschancer" in text
    assert [p.name for p in out.parent.iterdir()] == ["viborg.yaml"]  # no temp file left


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.pdf").write_bytes(b"")
    (tmp / "random.pdf").write_bytes(bytes(range(256)) * 20)
    (tmp / "random.docx").write_bytes(bytes(range(256)) * 20)
    pdf = Path("samples/viborg-uddannelse.pdf").read_bytes()
    (tmp / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    docx_bytes = Path("samples/viborg-uddannelse.docx").read_bytes()
    (tmp / "truncated.docx").write_bytes(docx_bytes[: len(docx_bytes) // 2])
    with zipfile.ZipFile(tmp / "notword.docx", "w") as z:
        z.writestr("mimetype", "application/zip")
    (tmp / "notes.xlsx").write_bytes(b"\x01\x02 not a spreadsheet")
    (tmp / "shopping.txt").write_text("Mælk\nÆg\nRugbrød\n", encoding="utf-8")
    (tmp / "latin1.txt").write_bytes("Delaftale for indsatsområdet".encode("latin-1"))
    (tmp / "folder").mkdir()
    return {
        "missing": (tmp / "nope.pdf", "no such file"),
        "directory": (tmp / "folder", "is a directory"),
        "unsupported": (tmp / "notes.xlsx", "unsupported file type '.xlsx'"),
        "zero bytes": (tmp / "empty.pdf", "is empty (0 bytes)"),
        "random pdf": (tmp / "random.pdf", "not a PDF"),
        "random docx": (tmp / "random.docx", "not a Word .docx file"),
        "truncated pdf": (tmp / "truncated.pdf", ""),
        "truncated docx": (tmp / "truncated.docx", "not a Word .docx file"),
        "zip not word": (tmp / "notword.docx", "not a Word document"),
        "not a delaftale": (tmp / "shopping.txt", "does not look like a delaftale"),
        "not utf-8": (tmp / "latin1.txt", "not valid UTF-8"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "unsupported",
        "zero bytes",
        "random pdf",
        "random docx",
        "truncated pdf",
        "truncated docx",
        "zip not word",
        "not a delaftale",
        "not utf-8",
    ],
)
def test_bad_input_gives_one_line_and_no_output(tmp_path: Path, case: str) -> None:
    path, problem = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out" / "result.json"
    result = run("parse", path, "-o", out)
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("delaftale: error: ")
    assert str(path) in lines[0]
    assert problem in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_bad_option_value_is_a_one_line_error() -> None:
    result = run("parse", "samples/viborg-uddannelse.docx", "--format", "xml")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert "'json', 'yaml'" in result.stderr


def test_help_shows_an_example() -> None:
    for command in ("parse", "validate", "schema", "repair", "batch", "export"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "Example" in result.stdout, command


def test_output_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "viborg.json"
    assert run("parse", "samples/viborg-uddannelse.docx", "-o", out).returncode == 0
    assert out.stat().st_mode & 0o644 == 0o644


def test_a_temp_file_left_by_a_killed_write_is_cleared(tmp_path: Path) -> None:
    from delaftale_cli.output import write_atomic

    out = tmp_path / "x.json"
    stale = tmp_path / ".x.json.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    write_atomic(out, "{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_parse_time_limit_ends_in_one_line(tmp_path: Path) -> None:
    result = run(
        "parse", "samples/randers-uddannelse.pdf", "--timeout", "0.3", "-o", tmp_path / "x.json"
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "delaftale: error: samples/randers-uddannelse.pdf: took longer than the time limit of "
        "0.3 s; refusing to wait longer"
    ]
    assert list(tmp_path.iterdir()) == []


def test_parse_memory_limit_ends_in_one_line(tmp_path: Path) -> None:
    result = run(
        "parse", "samples/randers-uddannelse.pdf", "--memory-limit", "64", "-o", tmp_path / "x.json"
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("delaftale: error: samples/randers-uddannelse.pdf: needs more than")
    assert "memory limit of 64 MiB" in lines[0]
    assert list(tmp_path.iterdir()) == []
