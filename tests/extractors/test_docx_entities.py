"""XML entity references in a .docx: the text around them is kept, with a warning."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from delaftale_cli.errors import CorruptDocumentError
from delaftale_cli.extractors import docx, docx_entities
from tests.conftest import SAMPLES
from tests.hostile import makers

TITLE = "Delaftale for indsatsområdet Uddannelse og livschancer"


def _first_text(path: Path) -> str:
    return docx.extract(path).blocks[0].text


def test_undefined_entity_is_removed_and_the_text_after_it_kept(tmp_path: Path) -> None:
    path = makers.docx_with_entity(tmp_path / "a.docx")
    before = path.read_bytes()
    document = docx.extract(path)
    assert document.blocks[0].text == TITLE
    [(code, note)] = document.warnings
    assert code == "xml_entities"
    assert note == (
        "word/document.xml: 1 XML entity (&foo;) undefined, removed; the surrounding text is kept"
    )
    assert path.read_bytes() == before  # repaired in memory, never on disk


def test_declared_entity_is_replaced_by_its_text(tmp_path: Path) -> None:
    path = makers.docx_with_entity(tmp_path / "a.docx", "kom", declared="Viborg Kommune: ")
    document = docx.extract(path)
    assert document.blocks[0].text == "Viborg Kommune: " + TITLE
    assert "replaced by the text the file declares" in document.warnings[0][1]


def test_declared_markup_is_escaped_not_parsed(tmp_path: Path) -> None:
    path = makers.docx_with_entity(tmp_path / "a.docx", "x", declared="1 &gt; 0")
    # a value with '&' is not plain text: removed, not expanded
    assert _first_text(path) == TITLE


def test_predefined_entities_are_left_alone(tmp_path: Path) -> None:
    path = makers.docx_with_entity(tmp_path / "a.docx", "amp")
    assert _first_text(path) == "&" + TITLE
    assert docx_entities.repair(path) == (None, [])


def test_a_plain_docx_is_not_rewritten() -> None:
    assert docx_entities.repair(SAMPLES / "viborg-uddannelse.docx") == (None, [])


def test_an_expansion_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_entities, "MAX_GROWTH", 1000)
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "word/document.xml",
            '<!DOCTYPE d [<!ENTITY a "' + "a" * 900 + '">]><d>' + "&a;" * 10 + "</d>",
        )
    with pytest.raises(CorruptDocumentError, match="expand to more than"):
        docx_entities.repair(path)
