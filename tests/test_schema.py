"""The committed JSON Schemas are generated from the models and must not drift."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from delaftale_cli.schema import schema_documents

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(schema_documents()))
def test_committed_schema_is_current(name: str) -> None:
    committed = ROOT / "schemas" / name
    assert committed.exists(), f"run `delaftale schema --out schemas` to create {name}"
    assert committed.read_text(encoding="utf-8") == schema_documents()[name], (
        f"schemas/{name} is stale: run `delaftale schema --out schemas` and commit it"
    )


def test_expected_outputs_validate_against_the_schema() -> None:
    schema = json.loads(schema_documents()["agreement.schema.json"])
    goldens = sorted(Path(ROOT / "samples").glob("*.snapshot.json"))
    assert goldens
    for golden in goldens:
        jsonschema.validate(json.loads(golden.read_text(encoding="utf-8")), schema)
