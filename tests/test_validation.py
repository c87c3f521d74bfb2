"""validate_file: schema and syntax problems with the line and column they point at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from delaftale_cli.models import Agreement, IndicatorRow, Measurement, Source, StaffResource
from delaftale_cli.output import dumps
from delaftale_cli.validation import validate_file


@pytest.fixture(scope="module")
def agreement_data() -> dict:
    measurement = Measurement(area="Boligområdet", value=45.9, unit="percent", year="2023")
    agreement = Agreement.blank(
        source=Source(path="a.docx", sha256="0" * 64, format="docx"),
        title="Delaftale for indsatsområdet Uddannelse og livschancer",
        indicators=[
            IndicatorRow(
                sub_goal="Flere i uddannelse", indicator=f"Andel {i}", measurements=[measurement]
            )
            for i in range(3)
        ],
        staff_resources=[
            StaffResource(hours=h, per="week", text=f"{h} timer om ugen") for h in (38, 28, 10)
        ],
    )
    return json.loads(dumps(agreement))


def _line_of(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_real_outputs_are_valid(tmp_path: Path, agreement_data: dict) -> None:
    (tmp_path / "a.json").write_text(json.dumps(agreement_data, ensure_ascii=False, indent=2))
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(agreement_data, allow_unicode=True))
    assert validate_file(tmp_path / "a.json") == []
    assert validate_file(tmp_path / "a.yaml") == []


def test_json_schema_errors_point_at_the_value_key_or_parent(
    tmp_path: Path, agreement_data: dict
) -> None:
    data = json.loads(json.dumps(agreement_data))
    data["indicators"][1]["measurements"] = [{"value": "lots", "unit": "percent"}]
    data["staff_resources"][0]["surprise"] = 1
    del data["source"]["sha256"]
    path = tmp_path / "bad.json"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text)

    problems = {p.location: p for p in validate_file(path)}

    value = problems["indicators[1].measurements[0].value"]
    assert (value.line, value.column) == _line_of(text, '"lots"')
    extra = problems["staff_resources[0].surprise"]
    assert (extra.line, extra.column) == _line_of(text, '"surprise"')
    missing = problems["source.sha256"]
    assert "required" in missing.message.lower()
    assert (missing.line, missing.column) == (_line_of(text, '"source"')[0], 13)


def test_yaml_schema_errors_have_line_and_column(tmp_path: Path, agreement_data: dict) -> None:
    data = json.loads(json.dumps(agreement_data))
    data["staff_resources"][2]["hours"] = -4
    data["period"]["start"] = "first of August"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path = tmp_path / "bad.yaml"
    path.write_text(text)

    problems = {p.location: p for p in validate_file(path)}

    hours = problems["staff_resources[2].hours"]
    assert (hours.line, hours.column) == _line_of(text, "-4")
    start = problems["period.start"]
    assert (start.line, start.column) == _line_of(text, "first of August")


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text("schema_version: '1.0'\nsource:\n  path: [unclosed\n  sha256: x\n")
    [problem] = validate_file(path)
    assert problem.location == "(file)"
    assert problem.message.startswith("invalid YAML")
    assert problem.line == 4


def test_json_syntax_error_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "title": "x",\n  "oops"\n}\n')
    [problem] = validate_file(path)
    assert (problem.line, problem.message.startswith("invalid JSON")) == (4, True)
    (tmp_path / "latin1.json").write_bytes(b'{"title": "\xe6"}')
    [encoding] = validate_file(tmp_path / "latin1.json")
    assert "UTF-8" in encoding.message
    [missing] = validate_file(tmp_path / "nothing.json")
    assert missing.message == "no such file"


def test_top_level_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    [problem] = validate_file(path)
    assert (problem.location, problem.line, problem.column) == ("(root)", 1, 1)
