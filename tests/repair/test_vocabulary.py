"""Danish-model OCR misreads corrected against the lexicon and the document (issue 4)."""

from __future__ import annotations

from delaftale_cli.document import Block, Document, Table
from delaftale_cli.repair.document import repair_document
from delaftale_cli.repair.vocabulary import correct_texts


def test_lost_descenders_are_restored_to_listed_words() -> None:
    texts, changes = correct_texts(
        ["Sprogkonsulent til sproaliae indsatser", "Alle 7 bolia-områder"]
    )
    assert texts == ["Sprogkonsulent til sproglige indsatser", "Alle 7 bolig-områder"]
    assert changes == {("sproaliae", "sproglige"): 1, ("bolia-områder", "bolig-områder"): 1}


def test_a_name_is_restored_from_the_documents_own_spelling() -> None:
    texts = [
        "Hermann Stillinasvei-området: (23 børn testet)",
        "Hermann Stillingsvej-området: 11,3%",
        "Hermann Stillingsvej-området: 31,2%",
    ]
    fixed, _ = correct_texts(texts)
    assert fixed[0] == "Hermann Stillingsvej-området: (23 børn testet)"


def test_known_words_typos_names_and_addresses_are_left_alone() -> None:
    texts = [
        "fælleskaber teenage Vangdalen Plantangården GI. Jennum-parken",
        "https://skolernesudviklingscenter.randers.dk/indsatser",
    ]
    fixed, changes = correct_texts(texts)
    assert fixed == texts
    assert ("fælleskaber", "fælleskabel") not in changes


def test_ambiguous_corrections_are_not_made() -> None:
    # "bia" is short, "mia" could be several words: nothing under four letters is touched
    fixed, changes = correct_texts(["bia mia"])
    assert fixed == ["bia mia"] and not changes


def test_only_ocr_run_pages_are_corrected() -> None:
    document = Document(
        path="x.pdf",
        format="pdf",
        blocks=[
            Block("paragraph", "Sprogkonsulent til sproaliae indsatser", page=1),
            Block("paragraph", "Sprogkonsulent til sproaliae indsatser", page=2),
            Block("table", page=2, table=Table((("sproaliae", "bolia-områder"),))),
        ],
        text_source="ocr_run",
        page_sources={1: "ocr_layer", 2: "ocr_run"},
    )
    repaired, repairs = repair_document(document)
    assert repaired.blocks[0].text == "Sprogkonsulent til sproaliae indsatser"
    assert repaired.blocks[1].text == "Sprogkonsulent til sproglige indsatser"
    assert repaired.blocks[2].table is not None
    assert repaired.blocks[2].table.rows == (("sproglige", "bolig-områder"),)
    assert any(r.original == "sproaliae" and r.corrected == "sproglige" for r in repairs)


def test_text_from_a_layer_or_a_text_pdf_is_not_corrected() -> None:
    document = Document(
        path="x.pdf",
        format="pdf",
        blocks=[Block("paragraph", "Sprogkonsulent til sproaliae indsatser", page=1)],
        text_source="ocr_layer",
    )
    repaired, _ = repair_document(document)
    assert "sproaliae" in repaired.blocks[0].text
