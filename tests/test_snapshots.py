"""Regression snapshots: every sample parses to the same bytes as its `.snapshot.json`.

A snapshot is today's output, errors included: it is an alarm that the output changed, not
evidence that it is right (tests/test_oracle.py measures that against the documents' truth).
To regenerate on purpose: UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py, then read every
diff against the source document. The test fails while the switch is on, so it cannot be
left on by accident.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from delaftale_cli.output import dumps

from .conftest import SAMPLES, parsed_sample

SNAPSHOT_SAMPLES = [
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
UPDATE = bool(os.environ.get("UPDATE_SNAPSHOTS"))


def expected_path(sample: Path) -> Path:
    return sample.with_name(sample.name + ".snapshot.json")


@pytest.mark.parametrize("name", SNAPSHOT_SAMPLES)
def test_sample_output_matches_its_snapshot(name: str) -> None:
    sample = SAMPLES / name
    got = dumps(parsed_sample(name))
    golden = expected_path(sample)
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
        pytest.fail(
            f"regenerated {golden.name}; review the diff, then run without UPDATE_SNAPSHOTS"
        )
    assert golden.exists(), f"{golden} is missing (UPDATE_SNAPSHOTS=1 creates it; check it by hand)"
    assert got == golden.read_text(encoding="utf-8")


def test_update_switch_is_off() -> None:
    assert not UPDATE, "UPDATE_SNAPSHOTS is set: snapshots are being rewritten, not checked"
