"""Markdown/HTML as converters leave it, and plain text as a PDF's text layer gives it."""

from pathlib import Path

import pytest

from delaftale_cli.errors import CorruptDocumentError, TextEncodingError
from delaftale_cli.extractors import extract
from delaftale_cli.extractors.markup import split_run_on_list


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_run_on_numbered_list_splits_only_at_the_next_number() -> None:
    text = "1. NPU Årligt 2024 timer2. Sprog i 0.-10. klasse3. Familie"
    assert split_run_on_list(text, "ol") == [
        "NPU Årligt 2024 timer",
        "Sprog i 0.-10. klasse",
        "Familie",
    ]


def test_html_fragments_lists_and_emphasis(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "a.md",
        "**Målgruppe(r):**\n\n<p>Første <u>afsnit</u>.</p> <p>Andet &amp; sidste.</p>\n\n"
        '<ul style="list-style-type: none">• Et punkt• Andet punkt</ul>\n',
    )
    blocks = extract(path).blocks
    assert [(b.kind, b.text, b.bold) for b in blocks] == [
        ("paragraph", "Målgruppe(r):", True),
        ("paragraph", "Første afsnit.", False),
        ("paragraph", "Andet & sidste.", False),
        ("list_item", "Et punkt", False),
        ("list_item", "Andet punkt", False),
    ]


def test_tab_separated_rows_become_one_table_across_page_gaps(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t.md",
        "Delmål\tIndikator\tDatakilde\nA\t<p>x</p> <p>y</p>\tLBF\n\n\n--\t--\t--\n\tz\t\n",
    )
    (block,) = extract(path).blocks
    assert block.table is not None
    assert block.table.rows == (
        ("Delmål", "Indikator", "Datakilde"),
        ("A", "x\ny", "LBF"),
        ("", "z", ""),
    )


def test_plain_text_rejoins_wrapped_lines_but_keeps_short_ones(tmp_path: Path) -> None:
    lines = [
        "Dette er en lang linje som layoutet har brudt midt i et ord om den kommunale fore-",
        "byggelse, og den fortsætter med en lang linje om samarbejdet på børne- og unge-",
        "området og om de andre forhold i afsnittet, der slutter her.",
    ]
    text = "Relationel Velfærd\nBarselscafé\n\n" + "\n".join(lines) + "\n\ne Et punkt\n"
    blocks = extract(_write(tmp_path, "a.txt", text)).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "Relationel Velfærd"),
        ("paragraph", "Barselscafé"),
        (
            "paragraph",
            "Dette er en lang linje som layoutet har brudt midt i et ord om den kommunale "
            "forebyggelse, og den fortsætter med en lang linje om samarbejdet på børne- og "
            "ungeområdet og om de andre forhold i afsnittet, der slutter her.",
        ),
        ("list_item", "Et punkt"),
    ]


def test_a_suspended_compound_keeps_its_hyphen_across_a_line_break(tmp_path: Path) -> None:
    lines = [
        "Andel af børn og unge med en sag på det specialiserede område for børne-",
        "og ungeområdet i kommunen, som det er beskrevet i den strategiske aftale.",
    ]
    (block,) = extract(_write(tmp_path, "a.txt", "\n".join(lines) + "\n")).blocks
    assert "børne- og ungeområdet" in block.text


def test_a_date_is_not_a_numbered_list_item(tmp_path: Path) -> None:
    blocks = extract(_write(tmp_path, "a.md", "1. august 2025 – 31. juli 2029\n")).blocks
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "1. august 2025 – 31. juli 2029")]


def test_mojibake_is_undone(tmp_path: Path) -> None:
    text = "BELØB for børn og forældre på år".encode().decode("latin-1")
    blocks = extract(_write(tmp_path, "a.txt", text)).blocks
    assert blocks[0].text == "BELØB for børn og forældre på år"


def test_non_utf8_text_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Børn".encode("latin-1"))
    with pytest.raises(TextEncodingError, match=r"not valid UTF-8.*0xf8"):
        extract(path)


def test_binary_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(CorruptDocumentError, match="binary"):
        extract(path)


def test_repeated_running_headers_are_removed_and_reported(tmp_path: Path) -> None:
    page = "Første afsnit på siden.\n\no\n\nLANDSBYGGEFONDEN\n\nEt andet afsnit.\n\n"
    doc = extract(_write(tmp_path, "a.txt", page * 3 + "NPU\n"))
    texts = [b.text for b in doc.blocks]
    assert "LANDSBYGGEFONDEN" not in texts and "o" not in texts
    assert texts.count("Et andet afsnit.") == 3
    assert "NPU" in texts  # a short all-caps word that occurs once is content
    assert doc.warnings == [
        ("page_furniture_removed", "removed repeated page headers: 'LANDSBYGGEFONDEN' x3, 'o' x3")
    ]
