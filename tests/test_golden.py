"""Every sample parses to its hand-checked expected JSON, byte for byte.

To regenerate on purpose: UPDATE_GOLDEN=1 pytest tests/test_golden.py, then read every
diff against the source document. The test fails while the switch is on, so it cannot be
left on by accident.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from delaftale_cli.output import dumps

from .conftest import SAMPLES, parsed_sample

GOLDEN_SAMPLES = [
    "viborg-uddannelse.docx",
    "viborg-uddannelse.pdf",
    "viborg-uddannelse.ocr.pdf",
    "viborg-uddannelse.seed.txt",
    "randers-uddannelse.docx",
    "randers-uddannelse.pdf",
    "randers-uddannelse.ocr.pdf",
    "randers-uddannelse.scan.pdf",
    "randers-uddannelse.seed.md",
]
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def expected_path(sample: Path) -> Path:
    return sample.with_name(sample.name + ".expected.json")


@pytest.mark.parametrize("name", GOLDEN_SAMPLES)
def test_sample_matches_expected_json(name: str) -> None:
    sample = SAMPLES / name
    got = dumps(parsed_sample(name))
    golden = expected_path(sample)
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
        pytest.fail(f"regenerated {golden.name}; review the diff, then run without UPDATE_GOLDEN")
    assert golden.exists(), f"{golden} is missing (UPDATE_GOLDEN=1 creates it; check it by hand)"
    assert got == golden.read_text(encoding="utf-8")


def test_update_switch_is_off() -> None:
    assert not UPDATE, "UPDATE_GOLDEN is set: golden files are being rewritten, not checked"
