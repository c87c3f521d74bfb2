"""The contract: every field described, every key required, and `validate` catching what the
schema alone cannot (duplicate keys, fields that contradict each other); BOMs accepted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from delaftale_cli.models import Agreement, Period, Source, StaffResource
from delaftale_cli.options import Severity
from delaftale_cli.output import dumps
from delaftale_cli.schema import schema_documents
from delaftale_cli.validation import validate_bytes, validate_file

from .conftest import SAMPLES, parsed_sample

SCHEMA = json.loads(schema_documents()["agreement.schema.json"])


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("Agreement", schema), *schema["$defs"].items()]


def test_every_property_has_a_description() -> None:
    missing = [
        f"{name}.{prop}"
        for name, obj in _objects(SCHEMA)
        for prop, spec in obj.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert missing == []
    assert sum(len(obj.get("properties", {})) for _, obj in _objects(SCHEMA)) >= 59


def test_every_top_level_key_is_required() -> None:
    assert sorted(SCHEMA["required"]) == sorted(SCHEMA["properties"])


def test_warning_codes_are_an_enumeration_in_the_schema() -> None:
    code = SCHEMA["$defs"]["ParseWarning"]["properties"]["code"]
    ref = code.get("$ref", "").rsplit("/", 1)[-1]
    assert "missing_field" in SCHEMA["$defs"][ref]["enum"]


def _good() -> dict[str, Any]:
    agreement = Agreement.blank(
        Source(path="a.docx", sha256="0" * 64, format="docx"),
        period=Period(start="2025-08-01", end="2029-07-31"),
        activity_names=["Lektiecafé"],
        staff_resources=[StaffResource(activity="Lektiecafé", hours=10, text="10 timer")],
    )
    return json.loads(dumps(agreement))


def _errors(problems: list[Any]) -> list[Any]:
    return [p for p in problems if p.severity == Severity.ERROR]


def test_a_file_with_only_source_is_invalid_and_names_every_missing_key() -> None:
    data = {"source": _good()["source"]}
    problems = validate_bytes("only-source.json", json.dumps(data).encode())
    assert {p.location for p in problems} == set(SCHEMA["properties"]) - {"source"}
    assert all(p.message == "Field required" for p in problems)


def test_a_good_file_is_valid() -> None:
    assert validate_bytes("good.json", json.dumps(_good()).encode()) == []


def test_period_ending_before_it_starts_is_an_error_at_its_line() -> None:
    data = _good()
    data["period"] = {"start": "2029-07-31", "end": "2025-08-01", "text": None}
    text = json.dumps(data, indent=2)
    [problem] = validate_bytes("p.json", text.encode())
    assert problem.severity == Severity.ERROR
    assert problem.location == "period.end"
    assert "ends (2025-08-01) before it starts (2029-07-31)" in problem.message
    assert problem.line == text[: text.index('"2025-08-01"')].count("\n") + 1


def test_staff_hours_for_no_listed_activity_are_a_warning_not_an_error() -> None:
    data = _good()
    data["staff_resources"][0]["activity"] = "Bysekretariatet"
    [problem] = validate_bytes("s.json", json.dumps(data).encode())
    assert problem.severity == Severity.WARNING
    assert problem.location == "staff_resources[0].activity"


@pytest.mark.parametrize(
    ("staff", "listed"),
    [
        ("Læringsmiljøer", "Læringsmiljø for børn og voksne"),
        ("NPU", "Neuropsykologisk Udviklingsleg (NPU)"),
        ("Familiedøde i institutionerne", "Familiedage i institutionerne"),  # an OCR slip
        ("lektiecafé", "Lektiecafé"),
    ],
)
def test_staff_activities_may_name_an_activity_loosely(staff: str, listed: str) -> None:
    data = _good()
    data["activity_names"] = [listed]
    data["staff_resources"][0]["activity"] = staff
    assert validate_bytes("s.json", json.dumps(data).encode()) == []


def test_duplicate_json_keys_are_rejected_with_their_line() -> None:
    text = json.dumps(_good(), indent=2)
    text = text.replace('  "title": null,', '  "title": null,\n  "title": "Igen",', 1)
    problems = validate_bytes("d.json", text.encode())
    [dup] = [p for p in problems if p.kind == "duplicate_key"]
    assert dup.location == "title"
    assert dup.line == text.splitlines().index('  "title": "Igen",') + 1
    assert dup.severity == Severity.ERROR


def test_duplicate_yaml_keys_are_rejected_with_their_line() -> None:
    text = yaml.safe_dump(_good(), allow_unicode=True, sort_keys=False)
    text = text.replace("  sha256:", "  path: twice.docx\n  sha256:", 1)
    problems = validate_bytes("d.yaml", text.encode(), is_yaml=True)
    [dup] = [p for p in problems if p.kind == "duplicate_key"]
    assert dup.location == "source.path"
    assert dup.line == text.splitlines().index("  path: twice.docx") + 1


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_a_byte_order_mark_is_accepted(tmp_path: Path, suffix: str) -> None:
    data = _good()
    text = json.dumps(data) if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True)
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert validate_file(path) == []


def test_strict_validation_counts_the_files_own_warnings() -> None:
    data = _good()
    data["warnings"] = [
        {"code": "ocr_layer_reread", "message": "page 2: 3 regions re-read"},
        {"code": "missing_field", "message": "no 'Formål' found"},
    ]
    raw = json.dumps(data).encode()
    assert validate_bytes("w.json", raw) == []
    [problem] = validate_bytes("w.json", raw, warnings_from=Severity.WARNING)
    assert (problem.location, problem.severity) == ("warnings[1]", Severity.WARNING)
    assert len(validate_bytes("w.json", raw, warnings_from=Severity.INFO)) == 2


def test_an_unknown_warning_code_is_invalid() -> None:
    data = _good()
    data["warnings"] = [{"code": "something_else", "message": "?"}]
    [problem] = validate_bytes("u.json", json.dumps(data).encode())
    assert problem.location == "warnings[0].code"


SAMPLE_INPUTS = sorted(
    p.name for p in SAMPLES.iterdir() if p.is_file() and not p.name.endswith(".json")
)


@pytest.mark.parametrize("name", SAMPLE_INPUTS)
def test_every_file_parse_writes_validates(name: str) -> None:
    agreement = parsed_sample(name)
    for fmt, is_yaml in (("json", False), ("yaml", True)):
        problems = validate_bytes(name, dumps(agreement, fmt).encode(), is_yaml=is_yaml)
        assert _errors(problems) == [], (fmt, problems)
