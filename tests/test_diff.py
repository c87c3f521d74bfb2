"""`delaftale diff`: two Word versions made from one corpus content file (dev split) with
known edits report exactly those edits, in every layout; JSON and text; exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from delaftale_cli.api import parse_file
from delaftale_cli.cli.app import app
from delaftale_cli.diff import diff_agreements, diff_files
from delaftale_cli.output import dumps
from tools.corpus.content import CONTENT_DIR, AgreementContent
from tools.corpus.layouts import LAYOUTS
from tools.corpus.render import render

CONTENT = CONTENT_DIR / "hjortebo-tryghed.yaml"
OLD_PARTY = "Nordjyllands Politi, Lokalpolitiet Hjørring"
NEW_PARTY = "Hjørring Bibliotekerne"
INDICATOR = "Andel beboere, der føler sig trygge ved at færdes i boligområdet om aftenen"


def _edit(data: dict[str, Any]) -> dict[str, Any]:
    """The known edits of v2: period extended, a party replaced, one baseline figure, an
    activity renamed, one removed (with its staff line), one staff figure changed."""
    data["period"]["end"] = dt.date(2029, 6, 30)
    data["period"]["text"] = "1. januar 2025 – 30. juni 2029"
    data["parties"] = [p for p in data["parties"] if p["name"] != OLD_PARTY]
    data["parties"].append(
        {"name": NEW_PARTY, "role": "Bibliotekerne stiller lokaler til rådighed.\n"}
    )
    row = data["indicators"][0]["rows"][0]
    assert row["indicator"].startswith(INDICATOR) and "Hjortebo: 61,4 %" in row["baseline"]
    row["baseline"] = row["baseline"].replace("Hjortebo: 61,4 %", "Hjortebo: 58,0 %")
    row["measurements"][0]["value"] = 58.0
    for activity in data["activities"]:
        if activity["name"] == "Fredagsklubben i Kildeparken":
            activity["name"] = "Fredagsklubben i Hjortebo og Kildeparken"
    data["activities"] = [
        a for a in data["activities"] if a["name"] != "Nabomægling og konfliktstøtte"
    ]
    data["staff"]["lines"] = [s for s in data["staff"]["lines"] if s["activity"] != "Nabomægling"]
    line = data["staff"]["lines"][0]
    assert (line["activity"], line["quantity"]) == ("Tryghedsvandringer", "6 timer om ugen")
    line["quantity"] = "8 timer om ugen"
    line["truth"][0]["hours"] = 8
    return data


@pytest.fixture(scope="module", params=[layout.name for layout in LAYOUTS])
def versions(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    assert data["split"] == "dev"  # never the held-out part
    layout = next(layout for layout in LAYOUTS if layout.name == request.param)
    folder = tmp_path_factory.mktemp(f"diff-{layout.name}")
    v1 = render(AgreementContent.model_validate(data), layout)[0]
    v2 = render(AgreementContent.model_validate(_edit(data)), layout)[0]
    (folder / "v1.docx").write_bytes(v1)
    (folder / "v2.docx").write_bytes(v2)
    return folder


def _summary(change: dict[str, Any]) -> tuple[Any, ...]:
    old, new = change["old"], change["new"]
    if change["field"] == "indicators.measurements":
        old, new = old["value"], new["value"]
    if change["field"] == "staff_resources":
        old = (old or {}).get("hours")
        new = (new or {}).get("hours")
    return change["field"], change["kind"], old, new


def test_two_versions_report_exactly_the_edits(versions: Path) -> None:
    changes = [c.to_dict() for c in diff_files(versions / "v1.docx", versions / "v2.docx")]
    assert [_summary(c) for c in changes] == [
        ("period.end", "changed", "2028-12-31", "2029-06-30"),
        ("period.text", "changed", changes[1]["old"], changes[1]["new"]),
        ("parties", "removed", OLD_PARTY, None),
        ("parties", "added", None, NEW_PARTY),
        ("indicators.measurements", "changed", 61.4, 58.0),
        (
            "activities",
            "renamed",
            "Fredagsklubben i Kildeparken",
            "Fredagsklubben i Hjortebo og Kildeparken",
        ),
        ("activities", "removed", "Nabomægling og konfliktstøtte", None),
        ("staff_resources", "changed", 6.0, 8.0),
        ("staff_resources", "removed", 40.0, None),
    ]
    assert "31. december 2028" in changes[1]["old"] and "30. juni 2029" in changes[1]["new"]
    assert changes[4]["item"].startswith('"Andel beboere') and changes[4]["item"].endswith(
        ", Hjortebo"
    )
    assert changes[7]["item"] == '"Tryghedsvandringer"'
    assert changes[8]["item"] == '"Nabomægling"'


def test_the_text_report_reads_danish_numbers(versions: Path) -> None:
    result = CliRunner().invoke(app, ["diff", str(versions / "v1.docx"), str(versions / "v2.docx")])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    assert lines[0] == "period.end: 2028-12-31 → 2029-06-30"
    assert "Hjortebo: 61,4 % (2024) → 58 % (2024)" in lines[4]
    assert lines[5] == (
        "activities: renamed Fredagsklubben i Kildeparken → Fredagsklubben i Hjortebo og "
        "Kildeparken"
    )
    assert lines[7] == 'staff_resources "Tryghedsvandringer": 6 timer pr. uge → 8 timer pr. uge'


def test_a_document_and_its_parsed_json_are_equal_whatever_the_path(
    versions: Path, tmp_path: Path
) -> None:
    agreement = parse_file(versions / "v1.docx")
    moved = agreement.model_copy(deep=True)
    moved.source.path = "elsewhere/v1-copy.docx"
    moved.source.sha256 = "0" * 64
    (tmp_path / "v1.json").write_text(dumps(moved), encoding="utf-8")
    assert diff_agreements(agreement, moved) == []
    result = CliRunner().invoke(
        app, ["diff", str(versions / "v1.docx"), str(tmp_path / "v1.json"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["equal"] is True
    assert json.loads(result.stdout)["changes"] == []


def test_json_format_and_exit_codes(versions: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    v1, v2 = str(versions / "v1.docx"), str(versions / "v2.docx")
    result = runner.invoke(app, ["diff", v1, v2, "-f", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["equal"] is False and len(report["changes"]) == 9
    assert {"field", "kind", "item", "old", "new", "old_text", "new_text"} == set(
        report["changes"][0]
    )
    missing = runner.invoke(app, ["diff", v1, str(tmp_path / "nowhere.docx")])
    assert missing.exit_code == 2
    assert missing.stderr.strip().endswith("nowhere.docx: no such file")
    (tmp_path / "bad.json").write_text('{"schema_version": "1.0"}', encoding="utf-8")
    bad = runner.invoke(app, ["diff", v1, str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "bad.json: is not a valid agreement" in bad.stderr
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    not_one = runner.invoke(app, ["diff", v1, str(tmp_path / "notes.txt")])
    assert not_one.exit_code == 2 and "notes.txt" in not_one.stderr
    assert "Traceback" not in bad.stderr + missing.stderr + not_one.stderr
    usage = runner.invoke(app, ["diff", v1])
    assert usage.exit_code == 2
