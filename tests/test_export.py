"""Export to csv (both dialects), xlsx and parquet: the tables, their order, identity columns,
hours on each basis, file modes, and LibreOffice reading what we write."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import stat
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
    ParseWarning,
    Party,
    Period,
    Repair,
    Source,
    StaffResource,
)
from delaftale_cli.output import dumps

from .conftest import require_tool

TABLES = list(TABLE_COLUMNS)  # summary, agreements, parties, ...; failed_inputs last


def _agreement(name: str, sha_digit: str, municipality: str = "Randers Kommune") -> Agreement:
    return Agreement.blank(
        source=Source(path=f"archive/{name}.docx", sha256=sha_digit * 64, format="docx"),
        title="Delaftale for indsatsområdet Uddannelse og livschancer",
        focus_area="Uddannelse og livschancer",
        initiative_name="Stærke børn",
        municipality=municipality,
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
    b = _agreement("b", "b", "Viborg Kommune")
    (folder / "sub" / "b.json").write_text(dumps(b), encoding="utf-8")
    (folder / "a.yaml").write_text(dumps(_agreement("a", "a"), "yaml"), encoding="utf-8")
    manifest = [
        {"path": "archive/a.docx", "status": "ok", "output": "a.yaml"},
        {"path": "archive/ødelagt.pdf", "status": "failed", "error_kind": "input",
         "error": "is not a PDF (no %PDF header)"},
        {"path": "archive/scan.pdf", "status": "skipped", "error_kind": "environment",
         "error": "OCR engine tesseract is not installed"},
    ]  # fmt: skip
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest)
    (folder / "manifest.jsonl").write_text(lines, encoding="utf-8")
    return folder


def _read_csv(path: Path, **dialect: str) -> list[list[str]]:
    encoding = "utf-8-sig" if dialect else "utf-8"
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, **dialect))


def _records(path: Path, **dialect: str) -> list[dict[str, str]]:
    rows = _read_csv(path, **dialect)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_tables_rows_and_order(agreements_dir: Path, tmp_path: Path) -> None:
    result = export_agreements([agreements_dir], "csv", tmp_path / "csv")

    assert [p.name for p in result.written] == [f"{t}.csv" for t in [*TABLES, "failed_inputs"]]
    assert (result.files, result.agreements) == (2, 2)
    rows = _records(tmp_path / "csv" / "agreements.csv")
    assert [r["source_path"] for r in rows] == ["archive/a.docx", "archive/b.docx"]
    assert rows[0]["period_start"] == "2025-08-01"
    assert rows[0]["hours_per_year_total"] == "1596"
    assert rows[0]["activity_names"] == "Lektiecafé\nForældrenetværk"
    assert rows[0]["repairs"] == "3"
    assert [r["counted"] for r in rows] == ["1", "1"]

    first = [
        r for r in _records(tmp_path / "csv" / "indicators.csv") if r["agreement_id"] == "a" * 64
    ]
    assert [(r["indicator_no"], r["measurement_no"], r["value"]) for r in first] == [
        ("1", "1", "45.9"),
        ("1", "2", "80.1"),
        ("2", "", ""),
    ]
    assert first[0]["n"] == "141" and first[2]["indicator"] == "Data kommer"
    activities = _records(tmp_path / "csv" / "activities.csv")
    assert activities[0]["purpose"] == "Hjælp til lektier"  # control characters removed
    staff = _records(tmp_path / "csv" / "staff_resources.csv")
    assert [r["hours"] for r in staff[:2]] == ["38", "2.5"]
    failed = _records(tmp_path / "csv" / "failed_inputs.csv")
    assert [(r["path"], r["status"]) for r in failed] == [
        ("archive/scan.pdf", "skipped"),
        ("archive/ødelagt.pdf", "failed"),
    ]


def test_every_table_has_the_identity_columns_first_and_the_hash_last() -> None:
    for name, columns in TABLE_COLUMNS.items():
        names = [c.name for c in columns]
        assert names[:3] == ["municipality", "focus_area", "title"], name
        assert names[-2:] == ["source_path", "agreement_id"], name
        assert "agreement_key" in names, name


def test_staff_hours_per_week_and_per_year_are_kept_apart(
    agreements_dir: Path, tmp_path: Path
) -> None:
    export_agreements([agreements_dir], "csv", tmp_path / "csv")
    staff = _records(tmp_path / "csv" / "staff_resources.csv")[:2]
    # "38 timer pr. uge i 42 uger" (1596 a year, stated) and "2,5 timer om ugen" (no weeks)
    assert [(r["hours_per_week"], r["hours_per_year"]) for r in staff] == [
        ("38", "1596"),
        ("2.5", ""),  # never estimated from an assumed number of weeks
    ]
    summary = _records(tmp_path / "csv" / "summary.csv")
    assert [(r["hours_per_week_total"], r["hours_per_year_total"]) for r in summary] == [
        ("40.5", "1596"),
        ("40.5", "1596"),
    ]


def test_weekly_hours_of_a_sample_reach_the_totals(tmp_path: Path) -> None:
    # samples/viborg-uddannelse.docx states five lines "N timer pr. uge pr. år":
    # 38 + 28 + 10 + 10 + 10 hours a week, and no yearly figure
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy("samples/viborg-uddannelse.docx.snapshot.json", folder / "viborg.json")
    export_agreements([folder], "csv", tmp_path / "csv")
    (row,) = _records(tmp_path / "csv" / "summary.csv")
    assert row["hours_per_week_total"] == "96"
    assert row["hours_per_year_total"] == ""


def test_excel_da_dialect_reads_back_as_danish_numbers(
    agreements_dir: Path, tmp_path: Path
) -> None:
    export_agreements([agreements_dir], "csv", tmp_path / "da", csv_dialect="excel-da")
    raw = (tmp_path / "da" / "indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, so Excel reads æøå
    assert b"\r\n" in raw and "Flere børn".encode() in raw
    danish_number = re.compile(r"-?\d+(,\d+)?")
    checked = 0
    for table, columns in TABLE_COLUMNS.items():
        records = _records(tmp_path / "da" / f"{table}.csv", delimiter=";")
        assert records, table
        for column in columns:
            if column.type not in ("int", "float"):
                continue
            for record in records:
                cell = record[column.name]
                if cell:
                    assert danish_number.fullmatch(cell), (table, column.name, cell)
                    float(cell.replace(",", "."))
                    checked += 1
    assert checked > 50
    values = [r["value"] for r in _records(tmp_path / "da" / "indicators.csv", delimiter=";")]
    assert values[:3] == ["45,9", "80,1", ""]
    staff = _records(tmp_path / "da" / "staff_resources.csv", delimiter=";")
    assert [r["hours_per_week"] for r in staff[:2]] == ["38", "2,5"]
    parties = _records(tmp_path / "da" / "parties.csv", delimiter=";")
    assert [r["name"] for r in parties[:2]] == ["Boligforeningen", "'=Kommunen"]  # not a formula
    export_agreements([agreements_dir], "csv", tmp_path / "std")
    assert _records(tmp_path / "std" / "parties.csv")[1]["name"] == "=Kommunen"  # as written


def test_excel_da_csv_opens_as_numbers_in_a_danish_spreadsheet(
    agreements_dir: Path, tmp_path: Path
) -> None:
    """LibreOffice Calc reading the files with Danish conventions (1030 = da-DK) finds a
    number in every numeric cell."""
    from openpyxl import load_workbook

    soffice = require_tool("soffice")
    export_agreements([agreements_dir], "csv", tmp_path / "da", csv_dialect="excel-da")
    for table in ("indicators", "staff_resources"):
        done = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                "--headless",
                "--infilter=CSV:59,34,76,1,,1030",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(tmp_path / "lo"),
                str(tmp_path / "da" / f"{table}.csv"),
            ],
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert done.returncode == 0, done.stderr
        sheet = load_workbook(tmp_path / "lo" / f"{table}.xlsx").active
        header = [c.value for c in sheet[1]]
        numeric = [c.name for c in TABLE_COLUMNS[table] if c.type in ("int", "float")]
        for name in numeric:
            column = header.index(name) + 1
            cells = [sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)]
            assert all(v is None or isinstance(v, int | float) for v in cells), (name, cells)
        if table == "indicators":
            values = [sheet.cell(row=r, column=header.index("value") + 1).value for r in (2, 3)]
            assert values == [45.9, 80.1]
            area = sheet.cell(row=2, column=header.index("area") + 1).value
            assert area == "Boligområdet"


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
    from openpyxl.utils import get_column_letter

    data = _agreement("c", "c", "Aarhus Kommune")
    data.warnings = [
        ParseWarning(code="missing_field", message="x"),
        ParseWarning(code="missing_field", message="y"),
        ParseWarning(code="period_unparsed", message="z"),
    ]
    (agreements_dir / "c.json").write_text(dumps(data), encoding="utf-8")
    export_agreements([agreements_dir], "xlsx", tmp_path / "a.xlsx")
    workbook = load_workbook(tmp_path / "a.xlsx")

    assert workbook.sheetnames == [*TABLES, "failed_inputs"]
    summary = workbook["summary"]
    header = [c.value for c in summary[1]]
    assert header[:5] == ["municipality", "focus_area", "title", "agreement_key", "initiative_name"]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in summary.iter_rows(2)]
    assert [r["municipality"] for r in rows] == [
        "Aarhus Kommune",
        "Randers Kommune",
        "Viborg Kommune",
    ]
    aarhus = rows[0]
    assert aarhus["warning_codes"] == "missing_field 2, period_unparsed 1"
    assert (aarhus["warnings"], aarhus["status"]) == (3, "needs review")
    assert rows[1]["status"] == "ok" and rows[1]["period_start"].date() == dt.date(2025, 8, 1)
    assert rows[1]["parties"] == 2 and rows[1]["indicators"] == 2

    for name in TABLES:
        sheet = workbook[name]
        names = [c.value for c in sheet[1]]
        assert names[:3] == ["municipality", "focus_area", "title"], name
        assert names[-1] == "agreement_id", name
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "C2"
        hash_column = get_column_letter(len(names))
        assert sheet.column_dimensions[hash_column].width <= 13  # 64 hex digits, clipped
        assert sheet.cell(row=2, column=len(names)).alignment.horizontal == "fill"
        assert sheet.cell(row=2, column=1).value  # identity filled in on every row
    parties = workbook["parties"]
    names = [c.value for c in parties[1]]
    formula = [r for r in parties.iter_rows(2) if r[names.index("name")].value == "=Kommunen"]
    assert formula and formula[0][names.index("name")].data_type == "s"

    activities = workbook["activities"]
    names = [c.value for c in activities[1]]
    purpose = activities.cell(row=2, column=names.index("purpose") + 1)
    assert purpose.value == "Hjælp til lektier" and purpose.alignment.wrap_text
    widths = [d.width for d in activities.column_dimensions.values()]
    assert widths and all(8 <= w <= 50 for w in widths)

    indicators = workbook["indicators"]
    names = [c.value for c in indicators[1]]
    value = indicators.cell(row=2, column=names.index("value") + 1)
    assert value.value == 45.9 and value.number_format == "#,##0.0##"
    assert indicators.cell(row=2, column=names.index("n") + 1).number_format == "0"

    failed = workbook["failed_inputs"]
    assert [c.value for c in failed[1]][:4] == ["path", "status", "error_kind", "error"]
    assert [r[1].value for r in failed.iter_rows(2)] == ["skipped", "failed"]


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_files_are_written_with_the_umask(agreements_dir: Path, tmp_path: Path, umask: int) -> None:
    pytest.importorskip("pyarrow")
    old = os.umask(umask)
    try:
        export_agreements([agreements_dir], "xlsx", tmp_path / "a.xlsx")
        export_agreements([agreements_dir], "csv", tmp_path / "csv")
        export_agreements([agreements_dir], "parquet", tmp_path / "pq")
    finally:
        os.umask(old)
    files = [tmp_path / "a.xlsx", *(tmp_path / "csv").iterdir(), *(tmp_path / "pq").iterdir()]
    assert len(files) == 15
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o666 & ~umask}


def test_xlsx_opens_in_libreoffice_with_the_csv_rows(agreements_dir: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
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
    for table in [*TABLES, "failed_inputs"]:
        from_libreoffice = _read_csv(converted / f"book-{table}.csv")
        assert from_libreoffice == _read_csv(tmp_path / "csv" / f"{table}.csv"), table


def test_parquet_has_typed_columns(agreements_dir: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export_agreements([agreements_dir], "parquet", tmp_path / "pq")
    indicators = pq.read_table(tmp_path / "pq" / "indicators.parquet")
    assert str(indicators.schema.field("value").type) == "double"
    assert str(indicators.schema.field("n").type) == "int64"
    assert indicators.column("value").to_pylist() == [45.9, 80.1, None, 45.9, 80.1, None]
    summary = pq.read_table(tmp_path / "pq" / "summary.parquet")
    assert summary.column("period_start").to_pylist()[0] == dt.date(2025, 8, 1)
    assert summary.column("hours_per_week_total").to_pylist() == [40.5, 40.5]
    agreements = pq.read_table(tmp_path / "pq" / "agreements.parquet")
    assert str(agreements.schema.field("counted").type) == "int64"
    parties = pq.read_table(tmp_path / "pq" / "parties.parquet")
    assert parties.num_rows == 4


def test_invalid_or_missing_inputs_are_input_errors(agreements_dir: Path, tmp_path: Path) -> None:
    data = yaml.safe_load((agreements_dir / "a.yaml").read_text(encoding="utf-8"))
    data["parties"][0]["name"] = None
    (agreements_dir / "broken.json").write_text(json.dumps(data))
    with pytest.raises(InputError, match=r"broken.json: is not a valid agreement \(line \d+"):
        export_agreements([agreements_dir], "csv", tmp_path / "x")
    assert not (tmp_path / "x").exists()  # nothing half-written
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
        "exported 2 agreements from 2 files "
        "(4 parties, 6 indicators, 2 activities, 4 staff_resources)" in result.stderr
    )
    assert "2 failed or skipped inputs listed" in result.stderr
    assert (tmp_path / "a.xlsx").stat().st_size > 0
    da = runner.invoke(
        app,
        ["export", str(agreements_dir), "--to", "csv", "--csv-dialect", "excel-da", "-o",
         str(tmp_path / "da")],
    )  # fmt: skip
    assert da.exit_code == 0, da.output
    assert (tmp_path / "da" / "summary.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    bad = runner.invoke(
        app, ["export", str(agreements_dir), "--to", "ods", "-o", str(tmp_path / "b")]
    )
    assert bad.exit_code == 2
    assert "Invalid value for '--to'" in bad.stderr
    dialect = runner.invoke(
        app,
        ["export", str(agreements_dir), "--to", "csv", "--csv-dialect", "semikolon", "-o",
         str(tmp_path / "c")],
    )  # fmt: skip
    assert dialect.exit_code == 2 and "--csv-dialect" in dialect.stderr
    missing = runner.invoke(
        app, ["export", str(tmp_path / "nowhere"), "--to", "csv", "-o", str(tmp_path / "d")]
    )
    assert missing.exit_code == 2
    assert missing.stderr.strip().endswith("nowhere: no such file or folder")
    assert "Traceback" not in missing.stderr


def test_library_export_rejects_an_unknown_format_as_a_usage_error(tmp_path: Path) -> None:
    from delaftale_cli.errors import InputError, UsageError
    from delaftale_cli.export import export_agreements

    with pytest.raises(UsageError) as caught:
        export_agreements([tmp_path], "ods", tmp_path / "out")
    assert not isinstance(caught.value, InputError)
    assert str(caught.value).startswith("to must be one of 'csv', 'xlsx', 'parquet'")
    with pytest.raises(UsageError, match="csv_dialect must be one of 'standard', 'excel-da'"):
        export_agreements([tmp_path], "csv", tmp_path / "out", csv_dialect="tab")


def test_xlsx_prints_the_summary_first_as_a_pdf(agreements_dir: Path, tmp_path: Path) -> None:
    """LibreOffice turns the workbook into a PDF whose first page is the summary sheet, all
    its columns on the page width (landscape), æøå intact."""
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    export_agreements([agreements_dir], "xlsx", tmp_path / "book.xlsx")
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "book.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    first = subprocess.run(
        [pdftotext, "-layout", "-f", "1", "-l", "1", str(tmp_path / "book.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line for line in first.splitlines() if line.strip()]
    assert lines[0].split()[:4] == ["municipality", "focus_area", "title", "agreement_key"]
    assert lines[0].split()[-1] == "agreement_id"  # the whole summary fits the page width
    assert any(line.startswith("Randers Kommune") for line in lines)
    assert any(line.startswith("Viborg Kommune") for line in lines)
    assert "livschancer" in first and "indsatsområdet" in first


def test_an_input_is_never_overwritten(agreements_dir: Path, tmp_path: Path) -> None:
    target = agreements_dir / "sub" / "b.json"
    before = target.read_bytes()
    result = CliRunner().invoke(
        app, ["export", str(agreements_dir), "--to", "xlsx", "-o", str(target)]
    )
    assert result.exit_code == 2
    assert "b.json: is one of the inputs; choose another output" in result.stderr
    assert target.read_bytes() == before
    assert not list(agreements_dir.rglob("*.tmp"))
