"""Export to csv, xlsx and parquet: the tables, their order, and LibreOffice reading the xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from delaftale_cli.cli.app import app
from delaftale_cli.errors import InputError
from delaftale_cli.export import TABLE_COLUMNS, export_agreements
from delaftale_cli.models import (
    Activity,
    Agreement,
    IndicatorRow,
    Measurement,
    Party,
    Period,
    Repair,
    Source,
    StaffResource,
)
from delaftale_cli.output import dumps

TABLES = list(TABLE_COLUMNS)


def _agreement(name: str, sha_digit: str) -> Agreement:
    return Agreement.blank(
        source=Source(path=f"archive/{name}.docx", sha256=sha_digit * 64, format="docx"),
        title="Delaftale for indsatsområdet Uddannelse og livschancer",
        municipality="Randers Kommune",
        period=Period(start=dt.date(2025, 8, 1), end=dt.date(2029, 7, 31), text="2025-2029"),
        parties=[Party(name="Boligforeningen"), Party(name="=Kommunen", description="formel?")],
        indicators=[
            IndicatorRow(
                sub_goal="Flere børn i dagtilbud",
                indicator="Andel børn",
                baseline="Boligområdet: 45,9%\nKommunen: 80,1%",
                measurements=[
                    Measurement(area="Boligområdet", value=45.9, unit="percent", n=141),
                    Measurement(area="Kommunen", value=80.1, unit="percent"),
                ],
            ),
            IndicatorRow(sub_goal="Flere børn i dagtilbud", indicator="Data kommer"),
        ],
        activity_names=["Lektiecafé", "Forældrenetværk"],
        activities=[Activity(name="Lektiecafé", purpose="Hjælp\x0b til lektier")],
        staff_resources=[
            StaffResource(hours=38, per="week", weeks_per_year=42, hours_per_year=1596, text="38"),
            StaffResource(hours=2.5, per="week", text="2,5 timer om ugen"),
        ],
        repairs=[Repair(original="bgrn", corrected="børn", count=3)],
    )


@pytest.fixture
def agreements_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "b.json").write_text(dumps(_agreement("b", "b")), encoding="utf-8")
    (folder / "a.yaml").write_text(dumps(_agreement("a", "a"), "yaml"), encoding="utf-8")
    (folder / "manifest.jsonl").write_text('{"path": "x"}\n')
    return folder


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_tables_rows_and_order(agreements_dir: Path, tmp_path: Path) -> None:
    result = export_agreements([agreements_dir], "csv", tmp_path / "csv")

    assert [p.name for p in result.written] == [f"{t}.csv" for t in TABLES]
    agreements = _read_csv(tmp_path / "csv" / "agreements.csv")
    header = agreements[0]
    assert header[:2] == ["agreement_id", "source_path"]
    rows = [dict(zip(header, row, strict=True)) for row in agreements[1:]]
    assert [r["source_path"] for r in rows] == ["archive/a.docx", "archive/b.docx"]
    assert rows[0]["period_start"] == "2025-08-01"
    assert rows[0]["hours_per_year_total"] == "1596"
    assert rows[0]["activity_names"] == "Lektiecafé\nForældrenetværk"
    assert rows[0]["repairs"] == "3"

    indicators = _read_csv(tmp_path / "csv" / "indicators.csv")
    head = indicators[0]
    by_id = [dict(zip(head, row, strict=True)) for row in indicators[1:]]
    first = [r for r in by_id if r["agreement_id"] == "a" * 64]
    assert [(r["indicator_no"], r["measurement_no"], r["value"]) for r in first] == [
        ("1", "1", "45.9"),
        ("1", "2", "80.1"),
        ("2", "", ""),
    ]
    assert first[0]["n"] == "141" and first[2]["indicator"] == "Data kommer"
    activities = _read_csv(tmp_path / "csv" / "activities.csv")
    assert activities[1][4] == "Hjælp til lektier"  # control characters removed
    staff = _read_csv(tmp_path / "csv" / "staff_resources.csv")
    assert [row[5] for row in staff[1:3]] == ["38", "2.5"]


def test_row_order_does_not_depend_on_file_names(agreements_dir: Path, tmp_path: Path) -> None:
    export_agreements([agreements_dir], "csv", tmp_path / "one")
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    shutil.copy(agreements_dir / "sub" / "b.json", shuffled / "0.json")
    shutil.copy(agreements_dir / "a.yaml", shuffled / "9.yaml")
    export_agreements([shuffled], "csv", tmp_path / "two")
    for table in TABLES:
        one = _read_csv(tmp_path / "one" / f"{table}.csv")
        two = _read_csv(tmp_path / "two" / f"{table}.csv")
        drop = one[0].index("agreement_file") if "agreement_file" in one[0] else None
        if drop is not None:
            one = [r[:drop] + r[drop + 1 :] for r in one]
            two = [r[:drop] + r[drop + 1 :] for r in two]
        assert one == two


def test_xlsx_layout(agreements_dir: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    export_agreements([agreements_dir], "xlsx", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")

    assert workbook.sheetnames == TABLES
    sheet = workbook["parties"]
    assert sheet.freeze_panes == "C2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.cell(row=3, column=4).value == "=Kommunen"
    assert sheet.cell(row=3, column=4).data_type == "s"
    widths = [d.width for d in workbook["activities"].column_dimensions.values()]
    assert widths and all(8 <= w <= 60 for w in widths)
    agreements = workbook["agreements"]
    header = [c.value for c in agreements[1]]
    start = agreements.cell(row=2, column=header.index("period_start") + 1).value
    assert start.date() == dt.date(2025, 8, 1)
    assert workbook["activities"].cell(row=2, column=5).value == "Hjælp til lektier"


def test_xlsx_opens_in_libreoffice_with_the_csv_rows(agreements_dir: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is required in CI (.ci/run installs libreoffice-calc-nogui)")
        pytest.skip("soffice is not installed (apt-get install libreoffice-calc-nogui)")
    export_agreements([agreements_dir], "csv", tmp_path / "csv")
    export_agreements([agreements_dir], "xlsx", tmp_path / "book.xlsx")
    converted = tmp_path / "lo"
    # Sheet -1: every sheet to its own file (book-<sheet>.csv); UTF-8, comma, double quote.
    filter_options = "44,34,76,1,,0,false,true,false,false,false,-1"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{filter_options}",
            "--outdir",
            str(converted),
            str(tmp_path / "book.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    for table in TABLES:
        from_libreoffice = _read_csv(converted / f"book-{table}.csv")
        assert from_libreoffice == _read_csv(tmp_path / "csv" / f"{table}.csv"), table


def test_parquet_has_typed_columns(agreements_dir: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export_agreements([agreements_dir], "parquet", tmp_path / "pq")
    indicators = pq.read_table(tmp_path / "pq" / "indicators.parquet")
    assert str(indicators.schema.field("value").type) == "double"
    assert indicators.column("value").to_pylist() == [45.9, 80.1, None, 45.9, 80.1, None]
    agreements = pq.read_table(tmp_path / "pq" / "agreements.parquet")
    assert agreements.column("period_start").to_pylist()[0] == dt.date(2025, 8, 1)
    empty = pq.read_table(tmp_path / "pq" / "parties.parquet")
    assert empty.num_rows == 4


def test_invalid_or_missing_inputs_are_input_errors(agreements_dir: Path, tmp_path: Path) -> None:
    data = yaml.safe_load((agreements_dir / "a.yaml").read_text(encoding="utf-8"))
    data["parties"][0]["name"] = None
    (agreements_dir / "broken.json").write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"broken.json: is not a valid agreement \(line \d+"):
        export_agreements([agreements_dir], "csv", tmp_path / "x")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no agreement files"):
        export_agreements([tmp_path / "empty"], "csv", tmp_path / "y")


def test_cli_export(agreements_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["export", str(agreements_dir), "--to", "xlsx", "-o", str(tmp_path / "a.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "exported 2 agreements (4 parties, 6 indicators, 2 activities, 4 staff_resources)"
        in result.stderr
    )
    assert (tmp_path / "a.xlsx").stat().st_size > 0
    bad = runner.invoke(
        app, ["export", str(agreements_dir), "--to", "ods", "-o", str(tmp_path / "b")]
    )
    assert bad.exit_code == 2
    assert "Invalid value for '--to'" in bad.stderr


def test_library_export_rejects_an_unknown_format_as_a_usage_error(tmp_path: Path) -> None:
    from delaftale_cli.errors import InputError, UsageError
    from delaftale_cli.export import export_agreements

    with pytest.raises(UsageError) as caught:
        export_agreements([tmp_path], "ods", tmp_path / "out")
    assert not isinstance(caught.value, InputError)
    assert str(caught.value).startswith("to must be one of 'csv', 'xlsx', 'parquet'")
