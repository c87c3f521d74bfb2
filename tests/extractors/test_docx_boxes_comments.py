"""Word text boxes are read once and comments are kept in a warning (issue 12)."""

from __future__ import annotations

from pathlib import Path

import docx
from lxml import etree

from delaftale_cli.extractors import extract

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _text_box_run(text: str) -> etree._Element:
    """A run holding a text box as Word writes it: DrawingML in mc:Choice and the same
    text again as VML in mc:Fallback."""
    box = f'<w:txbxContent xmlns:w="{W}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    xml = (
        f'<w:r xmlns:w="{W}" xmlns:mc="{MC}"><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wrapper>{box}</wrapper></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><textbox>{box}</textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    return etree.fromstring(xml)


def test_a_text_box_is_read_once(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Delaftalens parter: ")
    p._p.append(_text_box_run("Chefgruppen"))
    path = tmp_path / "box.docx"
    d.save(str(path))
    [block] = extract(path).blocks
    assert block.text.count("Chefgruppen") == 1
    assert block.text.startswith("Delaftalens parter:")


def test_comments_are_counted_and_quoted(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Periode: 01.08.2025-31.07.2029")
    d.add_comment(p.runs, text="Husk at rette datoen", author="Anne")
    d.add_comment(p.runs, text="Enig", author="Bo")
    path = tmp_path / "comments.docx"
    d.save(str(path))
    document = extract(path)
    assert [b.text for b in document.blocks] == ["Periode: 01.08.2025-31.07.2029"]
    [(code, message)] = document.warnings
    assert code == "word_comments"
    assert message.startswith("2 Word comment(s)")
    assert "Anne: 'Husk at rette datoen'" in message and "Bo: 'Enig'" in message
