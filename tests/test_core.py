"""One typed core: options are enums, the library checks them, errors are told apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from delaftale_cli import parse_file
from delaftale_cli.codes import WARNINGS, WarningCode, markdown_table
from delaftale_cli.errors import InputError, OcrUnavailableError, UsageError
from delaftale_cli.options import OcrMode, OutputFormat, Severity, choose
from delaftale_cli.output import dumps, format_for

from .conftest import ROOT


def test_a_bad_option_is_a_usage_error_naming_the_parameter() -> None:
    with pytest.raises(UsageError) as caught:
        parse_file("samples/viborg-uddannelse.docx", ocr="bogus")
    error = caught.value
    assert not isinstance(error, InputError | OcrUnavailableError)
    assert str(error) == "ocr must be one of 'auto', 'never', 'force', not 'bogus'"
    assert error.describe(flag=True).startswith("--ocr must be one of")


def test_usage_errors_come_before_any_input_is_read() -> None:
    with pytest.raises(UsageError):
        parse_file("no/such/file.pdf", ocr="sometimes")
    with pytest.raises(InputError):
        parse_file("no/such/file.pdf", ocr="never")


def test_missing_engine_is_no_input_error() -> None:
    assert not issubclass(OcrUnavailableError, InputError)
    assert not issubclass(UsageError, InputError)


def test_input_error_advice_speaks_of_parameters_and_the_cli_of_flags() -> None:
    error = InputError("x.pdf", "page 1 has no text layer", retry=("ocr", OcrMode.AUTO))
    assert str(error) == "x.pdf: page 1 has no text layer; rerun with ocr='auto'"
    assert error.describe(flag=True) == "x.pdf: page 1 has no text layer; rerun with --ocr auto"


def test_options_are_defined_once() -> None:
    """No module defines its own Literal for these choices again."""
    pattern = re.compile(r"^(OcrMode|OutputFormat|SourceFormat|TextSource)\s*=", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_choose_accepts_members_and_their_strings() -> None:
    assert choose(OcrMode, "force", "ocr") is OcrMode.FORCE
    assert choose(OutputFormat, OutputFormat.YAML, "fmt") is OutputFormat.YAML
    with pytest.raises(UsageError, match=r"^fmt must be one of 'json', 'yaml', not 'xml'$"):
        format_for(None, "xml")


def test_output_format_follows_the_suffix_unless_given() -> None:
    assert format_for("a/b.yaml") is OutputFormat.YAML
    assert format_for("a/b.YML") is OutputFormat.YAML
    assert format_for("a/b.json") is OutputFormat.JSON
    assert format_for("a/b.out") is OutputFormat.JSON
    assert format_for(None) is OutputFormat.JSON
    assert format_for("a/b.yaml", "json") is OutputFormat.JSON


def test_dumps_refuses_an_unknown_format() -> None:
    from delaftale_cli.models import Agreement, Source

    agreement = Agreement.blank(Source(path="a.docx", sha256="0" * 64, format="docx"))
    with pytest.raises(UsageError):
        dumps(agreement, "xml")


def test_run_batch_checks_its_options(tmp_path: Path) -> None:
    from delaftale_cli.batch import run_batch

    for kwargs in ({"fmt": "xml"}, {"ocr": "sometimes"}, {"timeout": 0}, {"jobs": 0}):
        with pytest.raises(UsageError):
            run_batch(["samples/viborg-uddannelse.docx"], tmp_path / "out", **kwargs)  # type: ignore[arg-type]


def test_every_warning_code_the_code_emits_is_in_the_enumeration() -> None:
    """Extractors emit (code, message) tuples; each code must be a WarningCode."""
    tuple_warning = re.compile(r'(?:warnings\.append\(|return kept, \[)\s*\(\s*"([a-z_]+)"')
    emitted: set[str] = set()
    for path in (ROOT / "src" / "delaftale_cli").rglob("*.py"):
        emitted |= set(tuple_warning.findall(path.read_text(encoding="utf-8")))
    assert {"ocr_layer_reread", "page_furniture_removed", "ocr_timeout", "empty_page"} <= emitted
    unknown = sorted(code for code in emitted if code not in {c.value for c in WarningCode})
    assert unknown == []


def test_every_code_has_a_severity_and_a_meaning() -> None:
    assert set(WARNINGS) == set(WarningCode)
    for info in WARNINGS.values():
        assert isinstance(info.severity, Severity)
        assert info.meaning.endswith(".") and len(info.meaning) > 20


def test_warning_table_in_docs_is_current() -> None:
    committed = (ROOT / "docs" / "warnings.md").read_text(encoding="utf-8")
    assert committed == markdown_table(), "run `python -m delaftale_cli.codes` and commit"
    for code in WarningCode:
        assert f"| `{code.value}` |" in committed
