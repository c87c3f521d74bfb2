"""CLI conventions, per command: -h, the exit-code table, stdin, warnings on stderr, --quiet,
--strict, format from the suffix, schema to stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from delaftale_cli.cli.app import app

DELAFTALE = [sys.executable, "-m", "delaftale_cli"]
COMMANDS = ("parse", "validate", "schema", "repair", "batch", "export", "report", "diff")
SEED = Path("samples/viborg-uddannelse.seed.txt")  # parses with 1 missing_field warning
DOCX = Path("samples/viborg-uddannelse.docx")  # parses without warnings of severity warning


def run(
    *args: str | Path, stdin: bytes | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [*DELAFTALE, *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, **env},
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8"),
        completed.stderr.decode("utf-8"),
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_dash_h_is_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "-h"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout and "--help" in result.stdout and "Example" in result.stdout


def test_root_help_has_the_exit_codes_and_completion() -> None:
    result = CliRunner().invoke(app, ["-h"])
    assert result.exit_code == 0
    assert "70 internal error" in result.stdout
    assert "--install-completion" in result.stdout


def test_choices_are_shown_in_help() -> None:
    text = CliRunner().invoke(app, ["parse", "-h"], terminal_width=200).stdout
    assert "auto|never|force" in text and "json|yaml" in text and "info|warning|error" in text


# --- parse ---------------------------------------------------------------------------


def test_parse_summarises_warnings_on_stderr_and_quiet_silences_it() -> None:
    loud = run("parse", SEED)
    assert loud.returncode == 0
    assert json.loads(loud.stdout)["warnings"]
    [summary] = [line for line in loud.stderr.splitlines() if "warning" in line]
    assert summary.startswith("delaftale: 2 warnings (")
    assert "missing_field 1" in summary and "page_furniture_removed 1" in summary
    quiet = run("parse", SEED, "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_parse_verbose_lists_each_warning() -> None:
    result = run("parse", SEED, "-v")
    assert "delaftale: warning: missing_field: " in result.stderr


def test_parse_strict_fails_on_warnings_of_the_chosen_severity(tmp_path: Path) -> None:
    out = tmp_path / "v.json"
    strict = run("parse", SEED, "--strict", "-o", out)
    assert strict.returncode == 1
    assert "--strict" in strict.stderr
    assert out.exists()  # the output is still written, for a look
    assert run("parse", SEED, "--strict", "--fail-on", "error").returncode == 0
    assert run("parse", DOCX, "--strict").returncode == 0


def test_parse_reads_stdin_sniffing_the_format() -> None:
    from_file = run("parse", DOCX)
    from_stdin = run("parse", "-", stdin=DOCX.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    data, expected = json.loads(from_stdin.stdout), json.loads(from_file.stdout)
    assert data["source"]["path"] == "-"
    assert data["source"]["format"] == "docx"
    assert data["source"]["sha256"] == expected["source"]["sha256"]
    del data["source"], expected["source"]
    assert data == expected
    text = run("parse", "-", stdin=SEED.read_bytes())
    assert json.loads(text.stdout)["source"]["format"] == "text"


def test_parse_stdin_that_is_no_agreement_exits_2() -> None:
    result = run("parse", "-", stdin="Mælk\nÆg\n".encode())
    assert result.returncode == 2
    assert result.stderr.startswith("delaftale: error: -: does not look like a delaftale")


def test_parse_infers_the_format_from_the_suffix(tmp_path: Path) -> None:
    assert run("parse", DOCX, "-o", tmp_path / "v.yaml").returncode == 0
    data = yaml.safe_load((tmp_path / "v.yaml").read_text(encoding="utf-8"))
    assert data["source"]["format"] == "docx"
    assert not (tmp_path / "v.yaml").read_text(encoding="utf-8").startswith("{")
    assert run("parse", DOCX, "-o", tmp_path / "v.yml", "-f", "json").returncode == 0
    assert json.loads((tmp_path / "v.yml").read_text(encoding="utf-8"))


def test_parse_exit_codes(tmp_path: Path) -> None:
    assert run("parse", DOCX, "-q").returncode == 0
    assert run("parse", tmp_path / "missing.docx").returncode == 2
    assert run("parse", DOCX, "--ocr", "sometimes").returncode == 2
    assert run("parse").returncode == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    unwritable = run("parse", DOCX, "-o", tmp_path / "file" / "v.json")
    assert unwritable.returncode == 2
    assert "cannot be written" in unwritable.stderr


def test_cli_advice_names_flags_where_the_library_names_parameters() -> None:
    result = run("parse", "tests/data/pdf/scan-2p.pdf", "--ocr", "never")
    assert result.returncode == 2
    assert result.stderr.endswith("page 1 has no text layer; rerun with --ocr auto\n")


def test_an_internal_error_exits_70_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import delaftale_cli.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(delaftale_cli.api, "parse_file", broken)
    result = CliRunner().invoke(app, ["parse", str(DOCX)])
    assert result.exit_code == 70
    assert result.stderr.startswith("delaftale: error: internal error (RuntimeError: boom)")


def test_a_missing_ocr_engine_is_reported_as_the_machine_s_problem() -> None:
    result = run("parse", "samples/randers-uddannelse.scan.pdf", PATH="/nonexistent")
    assert result.returncode == 2
    assert "tesseract is not installed" in result.stderr
    assert "not of the file" in result.stderr


# --- validate ------------------------------------------------------------------------


def test_validate_exit_codes_and_stdin(tmp_path: Path) -> None:
    good = Path("samples/viborg-uddannelse.docx.snapshot.json")
    assert run("validate", good).returncode == 0
    piped = run("validate", "-", stdin=good.read_bytes())
    assert piped.returncode == 0, piped.stderr
    as_yaml = yaml.safe_dump(json.loads(good.read_text(encoding="utf-8")), allow_unicode=True)
    assert run("validate", "-", stdin=as_yaml.encode()).returncode == 0
    broken = run("validate", "-", stdin=b'{"source": {}}')
    assert broken.returncode == 1
    assert broken.stderr.startswith("-:1:")
    missing = run("validate", good, tmp_path / "nope.json")
    assert missing.returncode == 2
    assert "nope.json: (file): no such file" in missing.stderr
    assert run("validate", good, "--format", "xml").returncode == 2


def test_validate_strict_counts_the_files_warnings() -> None:
    seed = Path("samples/viborg-uddannelse.seed.txt.snapshot.json")
    assert run("validate", seed).returncode == 0
    strict = run("validate", seed, "--strict")
    assert strict.returncode == 1
    assert "missing_field" in strict.stderr
    assert run("validate", seed, "--strict", "--fail-on", "error").returncode == 0


# --- schema, repair, export ----------------------------------------------------------


def test_schema_to_stdout_and_exit_codes(tmp_path: Path) -> None:
    result = run("schema", "--out", "-")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Agreement"
    assert not Path("-").exists()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert run("schema", "--out", tmp_path / "file" / "sub").returncode == 2


def test_repair_exit_codes(tmp_path: Path) -> None:
    result = run("repair", "-", stdin=b"Bgrn og foraeldre\n")
    assert result.returncode == 0 and result.stdout == "Børn og forældre\n"
    assert run("repair", tmp_path / "nope.txt").returncode == 2
    assert run("repair", "-", stdin=b"\xff\xfe bad").returncode == 2


def test_export_exit_codes(tmp_path: Path) -> None:
    good = Path("samples/viborg-uddannelse.docx.snapshot.json")
    assert run("export", good, "--to", "csv", "-o", tmp_path / "t", "-q").returncode == 0
    assert (tmp_path / "t" / "agreements.csv").exists()
    assert run("export", tmp_path / "nope", "--to", "csv", "-o", tmp_path / "u").returncode == 2
    assert run("export", good, "--to", "ods", "-o", tmp_path / "v").returncode == 2


# --- batch ---------------------------------------------------------------------------


def test_batch_shows_warnings_and_lists_files_needing_review(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "seed.txt").write_bytes(SEED.read_bytes())
    (inputs / "clean.docx").write_bytes(DOCX.read_bytes())
    out = tmp_path / "out"
    result = run("batch", inputs, "-o", out, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    [line] = [x for x in result.stderr.splitlines() if "seed.txt: ok" in x]
    assert "2 warnings: " in line and "missing_field 1" in line and "needs review" in line
    assert "Need review" in result.stderr
    records = {
        Path(r["path"]).name: r
        for r in map(json.loads, (out / "manifest.jsonl").read_text().splitlines())
    }
    assert records["seed.txt"]["needs_review"] is True
    assert records["seed.txt"]["warning_codes"] == {"missing_field": 1, "page_furniture_removed": 1}
    assert records["clean.docx"]["needs_review"] is False
    strict = run("batch", inputs, "-o", tmp_path / "out2", "--jobs", "1", "--strict")
    assert strict.returncode == 1
    assert "--strict: 1 converted file(s)" in strict.stderr


def test_batch_reports_a_missing_ocr_engine_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    scan = Path("samples/randers-uddannelse.scan.pdf").read_bytes()
    for i in range(3):
        (inputs / f"scan{i}.pdf").write_bytes(scan)
    (inputs / "clean.docx").write_bytes(DOCX.read_bytes())
    out = tmp_path / "out"
    result = run("batch", inputs, "-o", out, "--jobs", "1", PATH="/nonexistent")
    assert result.returncode == 1
    assert result.stderr.count("environment problem: ") == 1
    assert "3 input(s) that need it were skipped" in result.stderr
    assert "FAILED" not in result.stderr
    records = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    kinds = sorted((r["status"], r["error_kind"]) for r in records)
    assert kinds == [("ok", None)] + [("skipped", "environment")] * 3


def test_batch_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("batch", DOCX, "-o", tmp_path / "o", "--shard", "5/4").returncode == 2
    assert run("batch", tmp_path / "nothing", "-o", tmp_path / "o").returncode == 2
    assert run("batch", DOCX, "-o", tmp_path / "o", "--format", "xml").returncode == 2
