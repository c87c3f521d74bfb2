"""One agreement once: Word v1, Word v2 and the PDF of one agreement, plus another agreement,
are 2 agreements; the copies are flagged and kept; `export out out` counts nothing twice."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from delaftale_cli.api import parse_file
from delaftale_cli.export import agreement_key, export_agreements
from delaftale_cli.models import Agreement, Period, Source
from delaftale_cli.output import dumps

from .conftest import parsed_sample

V1_DATE = dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC).timestamp()
V2_DATE = dt.datetime(2025, 6, 2, 12, tzinfo=dt.UTC).timestamp()
PDF_DATE = dt.datetime(2025, 1, 20, 12, tzinfo=dt.UTC).timestamp()


def _records(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _word_v2(v1: Path, v2: Path) -> None:
    """v2 of the Randers agreement: UUR's hours raised from 400 to 480 a year."""
    import docx

    document = docx.Document(str(v1))
    edited = 0
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if run.text == "Årligt 400 medarbejdertimer fra UUR":
                            run.text = "Årligt 480 medarbejdertimer fra UUR"
                            edited += 1
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text == "Årligt 400 medarbejdertimer fra UUR":
                run.text = "Årligt 480 medarbejdertimer fra UUR"
                edited += 1
    assert edited == 1
    document.save(str(v2))


def _write(folder: Path, name: str, agreement: Agreement) -> None:
    (folder / name).write_text(dumps(agreement), encoding="utf-8")


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """archive/: randers v1.docx, v2.docx, signed.pdf and viborg.docx; out/: their JSON."""
    root = tmp_path_factory.mktemp("versions")
    archive, out = root / "archive", root / "out"
    archive.mkdir()
    out.mkdir()
    shutil.copy("samples/randers-uddannelse.docx", archive / "randers-v1.docx")
    _word_v2(archive / "randers-v1.docx", archive / "randers-v2.docx")
    shutil.copy("samples/randers-uddannelse.pdf", archive / "randers-signed.pdf")
    shutil.copy("samples/viborg-uddannelse.docx", archive / "viborg.docx")
    for name in ("randers-v1.docx", "randers-v2.docx", "viborg.docx"):
        _write(out, f"{name}.json", parse_file(archive / name))
    pdf = parsed_sample("randers-uddannelse.pdf").model_copy(deep=True)  # parsed once a run
    pdf.source.path = str(archive / "randers-signed.pdf")
    _write(out, "randers-signed.pdf.json", pdf)
    for name, when in (
        ("randers-v1.docx", V1_DATE),
        ("randers-v2.docx", V2_DATE),
        ("randers-signed.pdf", PDF_DATE),
        ("viborg.docx", V1_DATE),
    ):
        os.utime(archive / name, (when, when))
    return root


def test_three_files_of_one_agreement_and_another_are_two_agreements(
    versions: Path, tmp_path: Path
) -> None:
    result = export_agreements([versions / "out"], "csv", tmp_path / "csv")
    assert (result.files, result.agreements) == (4, 2)

    summary = _records(tmp_path / "csv" / "summary.csv")
    assert [r["municipality"] for r in summary] == ["Randers Kommune", "Viborg Kommune"]
    randers, viborg = summary
    assert randers["source_path"].endswith("randers-v2.docx")  # the newest file counts
    assert randers["files"] == "3"
    assert randers["chosen_by"] == "newest of 3 files by source file date (2025-06-02)"
    # the sample states 21,818 hours a year; v2 gives UUR 80 more
    assert randers["hours_per_year_total"] == "21898"
    assert viborg["files"] == "1" and viborg["chosen_by"] == ""

    files = {Path(r["source_path"]).name: r for r in _records(tmp_path / "csv" / "agreements.csv")}
    # the PDF reads the same as v1, so it too differs from v2, the one that counts
    assert {name: (r["counted"], r["copy_kind"]) for name, r in files.items()} == {
        "randers-v1.docx": ("0", "older version"),
        "randers-signed.pdf": ("0", "older version"),
        "randers-v2.docx": ("1", "newest"),
        "viborg.docx": ("1", ""),
    }
    assert len({files[n]["agreement_key"] for n in files if n.startswith("randers")}) == 1
    assert files["viborg.docx"]["agreement_key"] != files["randers-v1.docx"]["agreement_key"]
    assert len({r["agreement_id"] for r in files.values()}) == 4  # the hashes all differ

    # every row is kept, with the flag: summing counted rows counts each agreement once
    staff = _records(tmp_path / "csv" / "staff_resources.csv")
    counted = sum(float(r["hours_per_year"] or 0) for r in staff if r["counted"] == "1")
    everything = sum(float(r["hours_per_year"] or 0) for r in staff)
    assert counted == 21898
    assert everything == 21898 + 21818 * 2


def test_the_pdf_of_the_counted_version_is_the_same_content(versions: Path, tmp_path: Path) -> None:
    folder = tmp_path / "v1-and-pdf"
    folder.mkdir()
    for name in ("randers-v1.docx.json", "randers-signed.pdf.json"):
        shutil.copy(versions / "out" / name, folder / name)
    export_agreements([folder], "csv", tmp_path / "csv")
    files = {Path(r["source_path"]).name: r for r in _records(tmp_path / "csv" / "agreements.csv")}
    # the PDF (2025-01-20) is newer than v1 (2025-01-10) and reads the same
    assert files["randers-signed.pdf"]["copy_kind"] == "newest"
    assert files["randers-v1.docx"]["copy_kind"] == "same content"


def test_the_same_folder_twice_counts_nothing_twice(versions: Path, tmp_path: Path) -> None:
    once = export_agreements([versions / "out"], "csv", tmp_path / "once")
    twice = export_agreements([versions / "out", versions / "out"], "csv", tmp_path / "twice")
    assert (twice.files, twice.agreements) == (once.files, once.agreements) == (4, 2)
    for table in ("summary", "agreements", "staff_resources"):
        assert _records(tmp_path / "twice" / f"{table}.csv") == _records(
            tmp_path / "once" / f"{table}.csv"
        )


def test_a_copy_of_the_output_folder_is_the_same_file(versions: Path, tmp_path: Path) -> None:
    shutil.copytree(versions / "out", tmp_path / "again")
    result = export_agreements([versions / "out", tmp_path / "again"], "csv", tmp_path / "csv")
    assert (result.files, result.agreements) == (8, 2)
    kinds = [r["copy_kind"] for r in _records(tmp_path / "csv" / "agreements.csv")]
    assert kinds.count("same file") == 2  # randers v2 and viborg, each read twice
    assert [r["files"] for r in _records(tmp_path / "csv" / "summary.csv")] == ["6", "2"]


def _dated(path: str, revision: str) -> Agreement:
    return Agreement.blank(
        source=Source(path=path, sha256=path[-1] * 64, format="docx"),
        municipality="Herning Kommune",
        focus_area="Forebyggelse og forældreansvar",
        initiative_name="Stærke familier i Bakkegården",
        period=Period(start=dt.date(2025, 1, 1), end=dt.date(2028, 12, 31)),
        revision=revision,
    )


def test_a_revision_date_in_the_text_beats_the_file_date(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder, "a.json", _dated("missing/a", "Delaftalen er revideret 3. marts 2025."))
    _write(folder, "b.json", _dated("missing/b", "Godkendt i bestyrelsen 01.02.2024."))
    os.utime(folder / "a.json", (V1_DATE, V1_DATE))  # the older file holds the newer text
    os.utime(folder / "b.json", (V2_DATE, V2_DATE))
    export_agreements([folder], "csv", tmp_path / "csv")
    (row,) = _records(tmp_path / "csv" / "summary.csv")
    assert row["source_path"] == "missing/a"
    assert row["chosen_by"] == "newest of 2 files by revision date in the text (2025-03-03)"


def test_the_key_ignores_spelling_but_not_content() -> None:
    one = _dated("x/a", "")
    other = one.model_copy(
        update={"municipality": "HERNING  kommune", "focus_area": "Forebyggelse- og forældreansvar"}
    )
    assert agreement_key(one) == agreement_key(other)
    later = one.model_copy(update={"period": Period(start=dt.date(2029, 1, 1))})
    assert agreement_key(later) != agreement_key(one)
