"""`delaftale validate`: exit codes and the text, json and github output formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from delaftale_cli.cli.app import app
from delaftale_cli.models import Agreement, Party, Source
from delaftale_cli.output import dumps

ROOT = Path(__file__).resolve().parents[2]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    agreement = Agreement.blank(
        source=Source(path="randers.docx", sha256="a" * 64, format="docx"),
        title="Delaftale for indsatsområdet Uddannelse og livschancer",
        parties=[Party(name="Randers Kommune"), Party(name="Boligforeningen")],
    )
    good = tmp_path / "good.json"
    good.write_text(dumps(agreement), encoding="utf-8")
    data = json.loads(dumps(agreement))
    data["parties"][0]["name"] = 17
    bad = tmp_path / "dir, with: comma" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return good, bad


def test_valid_files_exit_0(tmp_path: Path) -> None:
    good, _ = _files(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(good)])
    assert result.exit_code == 0
    assert "1 valid, 0 invalid" in result.stderr


def test_text_format_names_file_line_column_and_field(tmp_path: Path) -> None:
    good, bad = _files(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "parties[0].name" in x)
    text = bad.read_text(encoding="utf-8")
    expected_line = text[: text.index("name: 17")].count("\n") + 1
    assert line.startswith(f"{bad}:{expected_line}:")
    assert "1 valid, 1 invalid" in result.stderr


def test_json_format(tmp_path: Path) -> None:
    good, bad = _files(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--format", "json", str(good), str(bad)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["valid"], report["invalid"]) == (1, 1)
    [problem] = report["files"][1]["problems"]
    assert problem["location"] == "parties[0].name"
    assert problem["line"] > 1


def test_github_format_is_escaped_workflow_commands(tmp_path: Path) -> None:
    _, bad = _files(tmp_path)
    result = CliRunner().invoke(app, ["validate", "-f", "github", str(bad)])
    assert result.exit_code == 1
    [annotation] = result.stdout.splitlines()
    assert annotation.startswith("::error file=")
    assert "dir%2C with%3A comma/bad.yaml" in annotation
    assert ",line=" in annotation and ",col=" in annotation
    assert annotation.endswith("::parties[0].name: Input should be a valid string")


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    good, _ = _files(tmp_path)
    result = CliRunner().invoke(app, ["validate", "-f", "xml", str(good)])
    assert result.exit_code == 2


def test_pre_commit_hook_definition_runs_the_command(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [h for h in hooks if h["id"] == "delaftale-validate"]
    assert hook["language"] == "python"
    import re

    pattern = re.compile(hook["files"])
    for agreement in ("agreements/x.yaml", "repo/agreements/2024/x.json", "x.delaftale.yml"):
        assert pattern.search(agreement), agreement
    for other in ("package.json", ".github/workflows/ci.yml", "README.md", "config.yaml"):
        assert not pattern.search(other), other
    good, bad = _files(tmp_path)
    command = hook["entry"].split()
    command[0] = str(Path(sys.executable).parent / command[0])
    assert subprocess.run([*command, str(good)], capture_output=True).returncode == 0
    assert subprocess.run([*command, str(bad)], capture_output=True).returncode == 1


def test_every_expected_json_is_valid_and_broken_copies_are_not(tmp_path: Path) -> None:
    expected = sorted((ROOT / "samples").glob("*.snapshot.json"))
    assert len(expected) >= 9
    ok = CliRunner().invoke(app, ["validate", *map(str, expected)])
    assert ok.exit_code == 0, ok.stderr
    data = json.loads(expected[0].read_text(encoding="utf-8"))
    missing = dict(data)
    del missing["source"]
    wrong_type = json.loads(json.dumps(data))
    wrong_type["staff_resources"][0]["hours"] = "mange"
    for name, broken in (("missing.json", missing), ("wrong.json", wrong_type)):
        path = tmp_path / name
        path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exit_code == 1
        assert name in result.stderr
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "wrong.json")])
    assert "staff_resources[0].hours" in result.stderr
